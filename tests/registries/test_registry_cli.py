"""``yteso registry import KIND FILE``: summary table, bad rows listed, exit status, --dry-run."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from yteso.cli import app

runner = CliRunner()
HEADER = ["MA_CSKCB", "TEN_CSKCB", "LOAI_HINH"]


@pytest.fixture
def env(db, monkeypatch):
    monkeypatch.setenv("YTESO_DATABASE_URL", db.url)
    if db.schema:
        monkeypatch.setenv("YTESO_DATABASE_SCHEMA", db.schema)
    monkeypatch.setenv("COLUMNS", "200")


def test_import_prints_summary_and_bad_rows(env, registry, tmp_path):
    path = registry.csv("f.csv", HEADER, [["40001", "Bệnh viện Đa khoa tỉnh Nghệ An", "BV"], ["4000", "Sai", "BV"]])
    dry = runner.invoke(app, ["registry", "import", "facilities", str(path), "--dry-run"])
    assert dry.exit_code == 1, dry.output
    assert "dry run" in dry.output and "cskcb.length" in dry.output

    errors = tmp_path / "errors.csv"
    result = runner.invoke(app, ["registry", "import", "facilities", str(path), "--errors-csv", str(errors)])
    assert result.exit_code == 1, result.output
    assert "Organization" in result.output and "cskcb.length" in result.output
    with open(errors, encoding="utf-8") as f:
        [problem] = list(csv.DictReader(f))
    assert problem["row"] == "3" and problem["column"] == "MA_CSKCB" and problem["rule"] == "cskcb.length"
    assert problem["message_vi"].startswith("Mã cơ sở KBCB")

    good = registry.csv("g.csv", HEADER, [["40001", "Bệnh viện Đa khoa tỉnh Nghệ An", "BV"]])
    again = runner.invoke(app, ["registry", "import", "facilities", str(good), "--json"])
    assert again.exit_code == 0, again.output
    report = json.loads(again.output)
    assert report["resources"]["Organization"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert report["bad_rows"] == 0 and report["problems"] == []


def test_refused_file_exits_2_and_unknown_kind_is_rejected(env, registry):
    path = registry.csv("f.csv", ["MA"], [["1"]])
    result = runner.invoke(app, ["registry", "import", "facilities", str(path)])
    assert result.exit_code == 2 and "file.missing_columns" in result.output
    assert "TEN_CSKCB" in result.output
    assert runner.invoke(app, ["registry", "import", "hotels", str(path)]).exit_code != 0


def test_kinds_lists_columns():
    result = runner.invoke(app, ["registry", "kinds"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "MA_CSKCB" in result.output and "SO_CCHN" in result.output


def test_sample_files_import_cleanly(env, tmp_path):
    out = tmp_path / "samples"
    result = runner.invoke(app, ["registry", "sample", str(out), "--facilities", "4", "--citizens", "60"])
    assert result.exit_code == 0, result.output
    for kind in ("facilities", "practitioners", "medications", "devices"):
        imported = runner.invoke(app, ["registry", "import", kind, str(out / f"{kind}.csv")])
        assert imported.exit_code == 0, imported.output


def test_every_column_is_documented():
    from pathlib import Path

    from yteso.registries.service import KINDS

    doc = (Path(__file__).resolve().parents[2] / "docs" / "registries.md").read_text(encoding="utf-8")
    missing = [f"{name}.{c.name}" for name, k in KINDS.items() for c in k.schema.columns if f"`{c.name}`" not in doc]
    assert missing == [], "update docs/registries.md"
