"""Fixtures of the registry tests: sessions on the test database, CSV writers, a real HTTP server."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.core.db import session_factory
from yteso.registries.service import import_file
from yteso.settings import Settings
from yteso.testing.servers import run_app

FHIR_JSON = "application/fhir+json"
DATA = Path(__file__).resolve().parents[2] / "yteso" / "registries" / "data"


@dataclass
class Registry:
    """Imports into the test database."""

    db: Any
    tmp: Path

    @property
    def settings(self) -> Settings:
        return self.db.settings()

    @property
    def sessions(self) -> Any:
        return session_factory(self.db.engine)

    def csv(self, name: str, header: list[str], rows: list[list[str]]) -> Path:
        path = self.tmp / name
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    def load(self, kind: str, path: Path, **kwargs: Any) -> Any:
        return import_file(kind, path, self.sessions, self.settings, **kwargs)


@pytest.fixture
def registry(db: Any, tmp_path: Path) -> Registry:
    return Registry(db, tmp_path)


@dataclass
class Api:
    base_url: str
    settings: Settings

    def client(self, role: str = "admin", **claims: Any) -> httpx.Client:
        token = issue_token(self.settings, role=role, **claims)
        headers = {"Authorization": f"Bearer {token}", "Accept": FHIR_JSON}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


@pytest.fixture
def api(db: Any) -> Iterator[Api]:
    settings = db.settings()
    with run_app(create_app(settings)) as base_url:
        yield Api(base_url, settings)


ICD_SAMPLE_PREFIXES = ("A0", "A1", "B95", "E1", "I1", "N4", "O80")


@pytest.fixture
def icd10_small(tmp_path: Path) -> Path:
    """A small ICD-10 file in the official layout (codes of a few groups), with its annex files beside it."""
    prefixes = ICD_SAMPLE_PREFIXES
    out = tmp_path / "icd10" / "icd10_qd4469_vi_en.csv"
    out.parent.mkdir(exist_ok=True)
    with open(DATA / "icd10_qd4469_vi_en.csv", encoding="utf-8", newline="") as f, open(
        out, "w", encoding="utf-8", newline=""
    ) as g:
        reader, writer = csv.DictReader(f), None
        for row in reader:
            if writer is None:
                writer = csv.DictWriter(g, fieldnames=reader.fieldnames or [])
                writer.writeheader()
            if row["disease_code"].startswith(prefixes):
                writer.writerow(row)
    for annex in ("icd10_qd4469_A2_not_main_diagnosis.csv", "icd10_qd4469_A4.1_female_only.csv",
                  "icd10_qd4469_A4.2_male_only.csv"):
        (out.parent / annex).write_bytes((DATA / annex).read_bytes())
    return out


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def _write(name: str, header: list[str], rows: list[list[str]]) -> Path:
        return Registry(None, tmp_path).csv(name, header, rows)

    return _write
