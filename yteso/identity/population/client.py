"""Client of the national population database (CSDLQG về dân cư): lookup and verification of citizens.

Resilience, all per client instance: a timeout per attempt; retries with exponential backoff on
timeouts, connection errors and 5xx (never on 4xx); a circuit breaker counting consecutive failed
attempts; an LRU+TTL cache of found citizens (served even while the service is down). When no answer
can be had it raises :class:`PopulationUnavailable`, so the caller can fall back to local data and
say so. The ``httpx.Client`` (transport seam), the clock and the sleep function are injectable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

import httpx

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.identity.population.errors import PopulationProtocolError, PopulationUnavailable
from yteso.identity.population.models import Citizen
from yteso.identity.population.schemas import MAX_BATCH
from yteso.integrations.common.cache import TtlLruCache
from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class VerifyItem:
    """A claim to verify: this CCCD, this name, this birth date (``date`` or ``YYYY[-MM[-DD]]``)."""

    cccd: str
    full_name: str
    birth_date: date | str


@dataclass(frozen=True, slots=True)
class Verification:
    """The population database's answer to one claim.

    ``error`` is set (and ``found`` false) when the server rejected the CCCD as malformed.
    """

    cccd: str
    found: bool
    full_name_match: bool
    birth_date_match: bool
    error: IdentifierError | None = None

    @property
    def verified(self) -> bool:
        """Registered, and both name and birth date agree."""
        return self.found and self.full_name_match and self.birth_date_match


class PopulationClient:
    """Talks to a population-database server (the reference server or an adapter to the real one).

    ``retries`` is the number of extra attempts after the first; the waits are ``backoff``,
    ``2*backoff``, ``4*backoff``… seconds. The breaker opens after ``breaker_threshold`` consecutive
    failed attempts and lets a trial through after ``breaker_reset`` seconds.
    """

    def __init__(
        self,
        base_url: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 2.0,
        retries: int = 3,
        backoff: float = 0.1,
        breaker_threshold: int = 5,
        breaker_reset: float = 30.0,
        cache_size: int = 100_000,
        cache_ttl: float = 3600,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._remote = ResilientHttp(
            self.base_url,
            name="population",
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
        self.cache: TtlLruCache[str, Citizen] = TtlLruCache(cache_size, cache_ttl, clock)

    # --- public API -----------------------------------------------------------------------------

    def lookup(self, cccd: str) -> Citizen | None:
        """The registered citizen, or ``None`` if unknown. Raises :class:`IdentifierError` for a
        malformed CCCD (checked locally, no call made) and :class:`PopulationUnavailable`."""
        cccd = validate_cccd(cccd).value
        cached = self.cache.get(cccd)
        if cached is not None:
            return cached
        response = self._request("GET", f"/citizens/{cccd}")
        if response.status_code == 404:
            return None
        self._expect(response, 200)
        try:
            citizen = Citizen.from_json(response.json())
        except (ValueError, KeyError, TypeError) as exc:
            raise PopulationProtocolError(response.status_code, f"unreadable citizen: {exc}") from exc
        self.cache.put(cccd, citizen)
        return citizen

    def verify(self, cccd: str, full_name: str, birth_date: date | str) -> Verification:
        """Does the register agree with this name and birth date? (CCCD checked locally first.)"""
        cccd = validate_cccd(cccd).value
        response = self._request("POST", "/verify", json=_item_json(VerifyItem(cccd, full_name, birth_date)))
        self._expect(response, 200)
        return _verification(self._json(response))

    def verify_batch(self, items: Iterable[VerifyItem]) -> list[Verification]:
        """Verify many claims, sent in requests of at most 1,000; results keep the input order.

        A malformed CCCD does not fail the batch: its result carries ``error``.
        """
        pending = [_item_json(item) for item in items]
        results: list[Verification] = []
        for start in range(0, len(pending), MAX_BATCH):
            body = {"items": pending[start : start + MAX_BATCH]}
            response = self._request("POST", "/verify/batch", json=body)
            self._expect(response, 200)
            data = self._json(response)
            try:
                results.extend(_verification(r) for r in data["results"])
            except (KeyError, TypeError) as exc:
                raise PopulationProtocolError(200, f"unreadable batch answer: {exc}") from exc
        return results

    def close(self) -> None:
        """Close the HTTP client if this object created it."""
        self._remote.close()

    def __enter__(self) -> PopulationClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------------

    def _request(self, method: str, path: str, json: Any = None) -> httpx.Response:
        """One logical call (retries, backoff and breaker: :class:`ResilientHttp`)."""
        try:
            return self._remote.request(method, path, json=json)
        except ServiceUnavailable as exc:
            log.warning("population_unavailable", extra={"reason": exc.reason, "detail": exc.detail, "path": path})
            raise PopulationUnavailable(exc.reason, exc.detail) from exc

    @staticmethod
    def _expect(response: httpx.Response, status: int) -> None:
        if response.status_code != status:
            raise PopulationProtocolError(response.status_code, response.text[:500])

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError as exc:
            raise PopulationProtocolError(response.status_code, "answer is not JSON") from exc
        if not isinstance(data, dict):
            raise PopulationProtocolError(response.status_code, "answer is not a JSON object")
        return data


def _item_json(item: VerifyItem) -> dict[str, str]:
    born = item.birth_date.isoformat()[:10] if isinstance(item.birth_date, date) else item.birth_date
    return {"cccd": item.cccd, "full_name": item.full_name, "birth_date": born}


def _verification(data: dict[str, Any]) -> Verification:
    try:
        cccd = str(data["cccd"])
        error = None
        if data.get("error"):
            e = data["error"]
            error = IdentifierError("cccd", cccd, str(e["rule"]), str(e["message_vi"]), str(e["message_en"]))
        matches = data["matches"]
        found, name_ok, born_ok = bool(data["found"]), bool(matches["full_name"]), bool(matches["birth_date"])
        return Verification(cccd, found, name_ok, born_ok, error)
    except (KeyError, TypeError) as exc:
        raise PopulationProtocolError(200, f"unreadable verification: {exc}") from exc
