"""Test fixtures: every database test runs on SQLite and on PostgreSQL (when reachable).

PostgreSQL comes from ``YTESO_TEST_DATABASE_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets its own schema, made
by the real migrations and dropped afterwards. In CI (``CI=true``) an unreachable PostgreSQL
fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.core.db import make_engine
from yteso.core.migrate import upgrade
from yteso.settings import Settings
from yteso.testing.servers import run_app

PG_URL = os.environ.get("YTESO_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_ran: Counter[str] = Counter()


@cache
def postgres_reachable() -> str | None:
    """None when reachable, else the reason."""
    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@dataclass
class Database:
    """A migrated, empty database of one backend for one test."""

    backend: str
    url: str
    schema: str | None
    engine: Engine

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "database_url": self.url,
            "database_schema": self.schema,
            "environment": "test",
            "secret_key": "test-secret-" + "x" * 32,
        }
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    backend = request.param
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db')}/yteso.db"
        engine = make_engine(url)
        upgrade(engine)
        _ran["sqlite"] += 1
        yield Database("sqlite", url, None, engine)
        engine.dispose()
        return
    reason = postgres_reachable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL must be reachable in CI: {reason}")
        pytest.skip(f"PostgreSQL not reachable: {reason}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, schema=schema, pool_size=4)
    try:
        upgrade(engine)
        _ran["postgresql"] += 1
        yield Database("postgresql", PG_URL, schema, engine)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    ran = ", ".join(f"{name}: {n} tests" for name, n in sorted(_ran.items())) or "none"
    terminalreporter.write_line(f"database backends ran: {ran}")
    if not _ran.get("postgresql"):
        terminalreporter.write_line(f"PostgreSQL tests did not run: {postgres_reachable() or 'not selected'}")


FHIR_JSON = "application/fhir+json"


@dataclass
class Api:
    """HTTP client of a running platform, with tokens for any role."""

    base_url: str
    settings: Settings
    backend: str

    def token(self, role: str = "admin", **claims: Any) -> str:
        return issue_token(self.settings, role=role, **claims)

    def client(self, role: str = "admin", **claims: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token(role, **claims)}", "Accept": FHIR_JSON}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def anonymous(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=30)


@pytest.fixture
def api(db: Any) -> Iterator[Api]:
    settings = db.settings(max_body_bytes=200_000, gateway_max_bytes=2_000_000)
    with run_app(create_app(settings)) as base_url:
        yield Api(base_url, settings, db.backend)


@pytest.fixture
def admin(api: Api) -> Iterator[httpx.Client]:
    with api.client("admin") as c:
        yield c
