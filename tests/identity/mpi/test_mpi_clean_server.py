"""Batch cleaning against the population server (POP given as a URL): CCCD-based, fails whole when down."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from yteso.identity.mpi.clean import clean_file
from yteso.identity.mpi.cli import app
from yteso.identity.mpi.remote import RemoteSource
from yteso.identity.mpi.scoring import default_weights
from yteso.identity.population import PopulationClient, PopulationUnavailable
from yteso.identity.population.server import create_population_app
from yteso.testing.servers import free_port, run_app

from .conftest import read_output, write_records


@pytest.fixture(scope="module")
def population_url(population_csv: Path):  # type: ignore[no-untyped-def]
    with run_app(create_population_app(population_csv)) as url:
        yield url


def _records(citizens: list[dict[str, str]]) -> list[tuple[str, ...]]:
    a, b, c, d = citizens[10], citizens[11], citizens[12], citizens[13]
    wrong_digit = a["cccd"][:-1] + ("0" if a["cccd"][-1] != "0" else "1")
    return [
        ("exact", b["cccd"], b["full_name"], b["birth_date"], b["sex"], b["province_code"], b["phone"]),
        ("digit", wrong_digit, a["full_name"].upper(), a["birth_date"], a["sex"], "", ""),
        ("no-cccd", "", c["full_name"], c["birth_date"], c["sex"], c["province_code"], ""),
        ("bad-cccd", "12345", c["full_name"], c["birth_date"], "", "", ""),
        ("other-name", d["cccd"], "Hoàng Văn Zed", "1950-01-01", "", "", ""),
    ]


def test_clean_against_the_server(population_url, citizens, tmp_path):
    records = write_records(tmp_path / "rec.csv", _records(citizens))
    with PopulationClient(population_url) as client:
        source = RemoteSource(client, default_weights())
        clean_file(source, records, tmp_path / "out.csv")
    out = read_output(tmp_path / "out.csv")
    assert out["exact"]["status"] == "matched" and out["exact"]["matched_cccd"] == citizens[11]["cccd"]
    assert out["digit"]["status"] == "corrected" and out["digit"]["matched_cccd"] == citizens[10]["cccd"]
    assert out["digit"]["differing_fields"] == "cccd"
    assert out["no-cccd"]["status"] == "no_cccd"  # the protocol cannot search by name
    assert out["bad-cccd"]["status"] == "invalid_cccd"
    assert out["other-name"]["status"] == "no_match"
    assert source.notes  # the limits of this mode are said


def test_server_down_fails_the_run_with_no_output(citizens, tmp_path):
    records = write_records(tmp_path / "rec.csv", _records(citizens))
    url = f"http://127.0.0.1:{free_port()}"
    with PopulationClient(url, retries=0, timeout=0.5) as client, pytest.raises(PopulationUnavailable):
        clean_file(RemoteSource(client, default_weights()), records, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.csv.partial").exists()
    result = CliRunner().invoke(
        app, ["clean", "--population", url, "--records", str(records), "--out", str(tmp_path / "out.csv")]
    )
    assert result.exit_code == 3
    assert "unavailable" in result.output and "No output was written" in result.output
