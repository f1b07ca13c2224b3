"""Fixtures for the population-database tests: a generated CSV, real servers, a misbehaving wrapper."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from yteso.identity.population.generate import write_csv
from yteso.identity.population.server import create_population_app
from yteso.identity.population.store import CitizenStore
from yteso.testing.servers import run_app

COUNT = 2_000
SEED = 7


class FakeClock:
    """A clock the test moves by hand (for cache TTL and breaker reset)."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Misbehaving:
    """ASGI wrapper: counts requests, can be slow, and fails the first ``fail_first`` with ``fail_status``."""

    def __init__(self, inner: ASGIApp, *, fail_first: int = 0, fail_status: int = 500, delay: float = 0.0):
        self.inner = inner
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.delay = delay
        self.paths: list[str] = []

    @property
    def requests(self) -> int:
        return len(self.paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return
        self.paths.append(scope["path"])
        if self.delay:
            await asyncio.sleep(self.delay)
        if len(self.paths) <= self.fail_first:
            headers = [(b"content-type", b"text/plain")]
            await send({"type": "http.response.start", "status": self.fail_status, "headers": headers})
            await send({"type": "http.response.body", "body": b"scripted failure"})
            return
        await self.inner(scope, receive, send)


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
