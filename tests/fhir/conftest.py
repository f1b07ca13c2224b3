"""A real HTTP server of the platform per test, over a fresh database, with token helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.settings import Settings
from yteso.testing.servers import run_app

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
    settings = db.settings(max_body_bytes=200_000)
    with run_app(create_app(settings)) as base_url:
        yield Api(base_url, settings, db.backend)


@pytest.fixture
def admin(api: Api) -> Iterator[httpx.Client]:
    with api.client("admin") as c:
        yield c
