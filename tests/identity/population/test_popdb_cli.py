"""``popdb generate`` writes the CSV; ``popdb serve`` refuses a file that is not a population CSV."""

from __future__ import annotations

from typer.testing import CliRunner

from yteso.identity.population.cli import app
from yteso.identity.population.generate import write_csv

runner = CliRunner()


def test_generate_writes_the_same_file_as_the_library(tmp_path):
    out = tmp_path / "pop.csv"
    result = runner.invoke(app, ["generate", "--count", "500", "--seed", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    expected = tmp_path / "expected.csv"
    write_csv(expected, 500, 4)
    assert out.read_bytes() == expected.read_bytes()


def test_generate_to_standard_output():
    result = runner.invoke(app, ["generate", "--count", "3", "--seed", "1", "--out", "-"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "cccd,full_name,birth_date,sex,province_code,phone"
    assert len(result.stdout.splitlines()) == 4


def test_serve_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n1,A\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--data", str(bad), "--port", "1"])
    assert result.exit_code == 2
    assert "header" in result.output


def test_serve_needs_an_existing_file(tmp_path):
    result = runner.invoke(app, ["serve", "--data", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0
