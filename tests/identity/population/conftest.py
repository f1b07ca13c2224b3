"""Fixtures for the population-database tests: a generated CSV, real servers, a misbehaving wrapper."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from yteso.identity.population.generate import write_csv
from yteso.identity.population.server import create_population_app
from yteso.identity.population.store import CitizenStore
from yteso.testing.faults import FakeClock, Misbehaving
from yteso.testing.servers import run_app

COUNT = 2_000
SEED = 7


@pytest.fixture(scope="session")
def population_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("popdb") / "population.csv"
    write_csv(path, COUNT, SEED)
    return path


@pytest.fixture(scope="session")
def population_rows(population_csv: Path) -> list[dict[str, str]]:
    with open(population_csv, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def population_store(population_csv: Path) -> CitizenStore:
    return CitizenStore.load(population_csv)


@pytest.fixture(scope="module")
def population_url(population_store: CitizenStore) -> Iterator[str]:
    with run_app(create_population_app(store=population_store)) as base_url:
        yield base_url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def misbehave() -> type[Misbehaving]:
    """``misbehave(app, fail_first=2, fail_status=500, delay=0.5)`` wraps a real app."""
    return Misbehaving
