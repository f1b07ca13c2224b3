"""What the services need at run time: settings, the procedure catalog, clients of external systems
(built once per app, lazily), and per transaction the session, the actor, the time and the calendar."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from yteso.core.db import make_engine
from yteso.core.errors import DomainError
from yteso.services import catalog, workdays
from yteso.services.access import Actor
from yteso.services.catalog import Procedure
from yteso.services.settings import ServicesSettings
from yteso.settings import Settings


class Unavailable(DomainError):
    """An external system needed for this request is not configured or does not answer (503)."""

    status = 503
    code = "transient"


@dataclass
class Runtime:
    """Long-lived collaborators of the services (one per app or CLI run)."""

    settings: Settings
    config: ServicesSettings
    catalog: dict[str, Procedure]
    _clients: dict[str, Any] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def build(cls, settings: Settings, config: ServicesSettings | None = None) -> Runtime:
        config = config or ServicesSettings()
        return cls(settings, config, catalog.load_catalog(config.procedures_dir))

    def procedure(self, code: str) -> Procedure:
        return catalog.get(self.catalog, code)

    def _client(self, name: str, factory: Any) -> Any:
        with self._lock:
            if name not in self._clients:
                self._clients[name] = factory()
            return self._clients[name]

    def sequence_engine(self) -> Engine | None:
        """A small pool of its own for counters that commit at once (PostgreSQL only)."""
        if self.settings.is_sqlite:
            return None
        s = self.settings
        engine: Engine = self._client(
            "sequence", lambda: make_engine(s.database_url, pool_size=2, schema=s.database_schema)
        )
        return engine

    def http(self) -> httpx.Client:
        client: httpx.Client = self._client("http", lambda: httpx.Client(timeout=5.0))
        return client

    def population(self) -> Any | None:
        """Population-database client, or None when ``YTESO_POPULATION_URL`` is unset."""
        if not self.settings.population_url:
            return None
        from yteso.identity.population.client import PopulationClient

        url = self.settings.population_url
        return self._client("population", lambda: PopulationClient(url, retries=1))

    def business_registry(self) -> Any | None:
        if not self.config.business_registry_url:
            return None
        from yteso.integrations.business_registry import BusinessRegistryClient

        url = self.config.business_registry_url
        return self._client("business", lambda: BusinessRegistryClient(url, http=self.http()))

    def payments(self) -> Any:
        if not self.config.payment_url:
            raise Unavailable("No payment gateway is configured", "Chưa cấu hình cổng thanh toán")
        from yteso.integrations.payments import PaymentClient

        c, url = self.config, self.config.payment_url
        return self._client(
            "payments", lambda: PaymentClient(url, c.payment_merchant_id, c.payment_secret, http=self.http())
        )

    def portal(self) -> Any | None:
        if not self.config.portal_url:
            return None
        from yteso.integrations.portal import PortalClient

        c, url = self.config, self.config.portal_url
        return self._client("portal", lambda: PortalClient(url, c.portal_username, c.portal_password, http=self.http()))

    def justice(self) -> Any | None:
        if not self.config.justice_url:
            return None
        from yteso.integrations.justice import JusticeClient

        url = self.config.justice_url
        return self._client("justice", lambda: JusticeClient(url, http=self.http()))

    def signer(self) -> Any:
        from yteso.services import signing

        return self._client("signer", lambda: signing.load_signer(self.config, self.settings))

    def trust_roots(self) -> list[Any]:
        from yteso.services import signing

        return self._client("trust_roots", lambda: signing.trust_roots(self.config, self.settings))

    def verify_url(self, document_id: str) -> str:
        return self.config.public_base_url.rstrip("/") + self.config.verify_path.format(id=document_id)

    def close(self) -> None:
        for name, client in list(self._clients.items()):
            close = getattr(client, "close", None)
            if callable(close) and name in ("http", "population"):
                close()
            if name == "sequence":
                client.dispose()
        self._clients.clear()


@dataclass
class Work:
    """One unit of work: the transaction's session, who acts, and "now" (frozen for the whole of it)."""

    session: Session
    rt: Runtime
    actor: Actor
    now: datetime

    @cached_property
    def cal(self) -> workdays.WorkCalendar:
        return workdays.load(self.session)
