"""Client of the national business registry: look an enterprise up by its code.

The code is checked locally (digits, length, check digit) before any call. Found enterprises are
cached (LRU + TTL) and served from the cache while the registry is down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType

import httpx

from yteso.integrations.business_registry.codes import validate_enterprise_code
from yteso.integrations.business_registry.errors import BusinessRegistryRejected, BusinessRegistryUnavailable
from yteso.integrations.business_registry.models import Enterprise
from yteso.integrations.common.cache import TtlLruCache
from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable

log = logging.getLogger(__name__)


class BusinessRegistryClient:
    """Talks to the business registry (the reference server or an adapter to the real one)."""

    def __init__(
        self,
        base_url: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.2,
        breaker_threshold: int = 5,
        breaker_reset: float = 30.0,
        cache_size: int = 10_000,
        cache_ttl: float = 3600,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._remote = ResilientHttp(
            base_url,
            name="business_registry",
            http=http,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            breaker_threshold=breaker_threshold,
            breaker_reset=breaker_reset,
            clock=clock,
            sleep=sleep,
        )
        self.breaker = self._remote.breaker
        self.cache: TtlLruCache[str, Enterprise] = TtlLruCache(cache_size, cache_ttl, clock)

    def lookup(self, enterprise_code: str) -> Enterprise | None:
        """The registered enterprise (or branch), or ``None`` if unknown.

        Raises :class:`~yteso.core.ids.IdentifierError` for a malformed code (no call made),
        :class:`BusinessRegistryUnavailable` and :class:`BusinessRegistryRejected`.
        """
        code = validate_enterprise_code(enterprise_code)
        cached = self.cache.get(code)
        if cached is not None:
            return cached
        try:
            response = self._remote.request("GET", f"/enterprises/{code}")
        except ServiceUnavailable as exc:
            log.warning("business_registry_unavailable", extra={"reason": exc.reason, "detail": exc.detail})
            raise BusinessRegistryUnavailable(exc.reason, exc.detail) from exc
        if response.status_code == 404:
            return None
        try:
            data = response.json()
            if response.status_code != 200:
                raise BusinessRegistryRejected(response.status_code, str(data["error"]["message_vi"]))
            enterprise = Enterprise.from_json(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise BusinessRegistryRejected(response.status_code, f"unreadable answer: {exc}") from exc
        self.cache.put(code, enterprise)
        return enterprise

    def close(self) -> None:
        self._remote.close()

    def __enter__(self) -> BusinessRegistryClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
