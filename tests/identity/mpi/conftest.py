"""Fixtures of the MPI tests: a small register, records made from it, a platform server, citizens as Patients."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM
from yteso.identity.mpi import synth
from yteso.identity.population.generate import generate_citizens, write_csv
from yteso.settings import Settings
from yteso.testing.servers import run_app

POPULATION = 4_000
SEED = 5


@pytest.fixture(scope="session")
def population_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mpi") / "population.csv"
    write_csv(path, POPULATION, SEED)
    return path


@pytest.fixture(scope="session")
def citizens(population_csv: Path) -> list[dict[str, str]]:
    with open(population_csv, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def synthetic_records() -> list[synth.SynthRecord]:
    """About 2,000 records with known truth and the usual mistakes (some people not registered)."""
    return list(
        synth.records_for(
            generate_citizens(POPULATION, SEED), generate_citizens(POPULATION, SEED + 1), seed=3, per_citizen=0.35
        )
    )


def write_records(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...] = synth.RECORD_HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_output(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["record_id"]: row for row in csv.DictReader(f)}


def as_patient(citizen: dict[str, str], *, with_bhyt: bool = False, **extra: Any) -> dict[str, Any]:
    """A FHIR Patient for a register citizen (name parts, text, phone, CCCD)."""
    parts = citizen["full_name"].split()
    identifiers = [{"system": CCCD_SYSTEM, "value": citizen["cccd"]}]
    if with_bhyt:
        card = synth.synthetic_bhyt(citizen["cccd"], citizen["province_code"])
        identifiers.append({"system": BHYT_SYSTEM, "value": card})
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": identifiers,
        "name": [{"use": "official", "family": parts[0], "given": parts[1:], "text": citizen["full_name"]}],
        "gender": citizen["sex"],
        "birthDate": citizen["birth_date"],
    }
    if citizen["phone"]:
        patient["telecom"] = [{"system": "phone", "value": citizen["phone"]}]
    patient.update(extra)
    return patient


def parameters(patient: dict[str, Any], **options: Any) -> dict[str, Any]:
    params: list[dict[str, Any]] = [{"name": "resource", "resource": patient}]
    if "only_certain" in options:
        params.append({"name": "onlyCertainMatches", "valueBoolean": options["only_certain"]})
    if "count" in options:
        params.append({"name": "count", "valueInteger": options["count"]})
    return {"resourceType": "Parameters", "parameter": params}


@dataclass
class Platform:
    """A running platform over a fresh database of one backend, with clients for any role."""

    base_url: str
    settings: Settings
    backend: str

    def client(self, role: str = "admin", **claims: Any) -> httpx.Client:
        token = issue_token(self.settings, role=role, **claims)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/fhir+json"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


def start_platform(db: Any, **settings: Any) -> Iterator[Platform]:
    cfg = db.settings(**settings)
    with run_app(create_app(cfg)) as base_url:
        yield Platform(base_url, cfg, db.backend)


@pytest.fixture
def platform(db: Any) -> Iterator[Platform]:
    yield from start_platform(db)


@pytest.fixture
def admin(platform: Platform) -> Iterator[httpx.Client]:
    with platform.client("admin") as c:
        yield c


def create(client: httpx.Client, resource: dict[str, Any]) -> str:
    r = client.post(f"/fhir/{resource['resourceType']}", json=resource)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])
