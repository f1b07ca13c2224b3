"""Client of the criminal-record service (lý lịch tư pháp): request a certificate, then poll it.

A request carries an ``Idempotency-Key`` (one per logical request, the same on every retry, or
the caller's own key so an outbox can re-send after a restart), so a retried ``POST`` never asks
twice. The answer is not immediate: the service decides later, and :meth:`JusticeClient.get`
says whether it has.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

import httpx

from yteso.core.ids import validate_cccd
from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable
from yteso.integrations.justice.errors import JusticeRejected, JusticeUnavailable
from yteso.integrations.justice.schemas import IDEMPOTENCY_HEADER

log = logging.getLogger(__name__)
STATUSES = ("pending", "issued", "refused")


@dataclass(frozen=True, slots=True)
class CriminalRecordRequest:
    """A request the service has accepted; poll it with its ``request_id``."""

    request_id: str
    status: str


@dataclass(frozen=True, slots=True)
class CriminalRecordResult:
    """``issued``: ``certificate_no``, ``has_record`` (có án tích) and aware ``issued_at`` are set.

    ``pending`` or ``refused``: they are ``None``; ``reason`` says why a request was refused.
    """

    request_id: str
    status: str
    certificate_no: str | None
    has_record: bool | None
    issued_at: datetime | None
    reason: str | None = None


class JusticeClient:
    """Talks to the criminal-record service (the reference server or an adapter to the real one)."""

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
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._remote = ResilientHttp(
            base_url,
            name="justice",
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

    def request_certificate(
        self, cccd: str, full_name: str, purpose: str, *, idempotency_key: str | None = None
    ) -> CriminalRecordRequest:
        """Ask for a certificate for this person; the CCCD is checked locally first (``IdentifierError``)."""
        cccd = validate_cccd(cccd).value
        headers = {IDEMPOTENCY_HEADER: idempotency_key or uuid.uuid4().hex}
        body = {"cccd": cccd, "full_name": full_name, "purpose": purpose}
        data = self._call("POST", "/requests", body, headers, expect=(200, 201))
        return CriminalRecordRequest(str(data["request_id"]), _status(data))

    def get(self, request_id: str) -> CriminalRecordResult:
        """Where the request stands now (``JusticeRejected`` with ``status_code`` 404 if unknown)."""
        data = self._call("GET", f"/requests/{request_id}", None, None, expect=(200,))
        try:
            issued_at = datetime.fromisoformat(data["issued_at"]) if data.get("issued_at") else None
            has_record = data.get("has_record")
            return CriminalRecordResult(
                request_id=str(data["request_id"]),
                status=_status(data),
                certificate_no=data.get("certificate_no"),
                has_record=None if has_record is None else bool(has_record),
                issued_at=issued_at,
                reason=data.get("reason"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise JusticeRejected(200, f"unreadable answer: {exc}") from exc

    def close(self) -> None:
        self._remote.close()

    def __enter__(self) -> JusticeClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _call(
        self, method: str, path: str, body: Any, headers: dict[str, str] | None, *, expect: tuple[int, ...]
    ) -> dict[str, Any]:
        try:
            response = self._remote.request(method, path, json=body, headers=headers)
        except ServiceUnavailable as exc:
            log.warning("justice_unavailable", extra={"reason": exc.reason, "detail": exc.detail, "path": path})
            raise JusticeUnavailable(exc.reason, exc.detail) from exc
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code in expect and isinstance(data, dict) and "request_id" in data:
            return data
        err = data.get("error") if isinstance(data, dict) else None
        message = str(err.get("message_vi")) if isinstance(err, dict) else response.text[:300]
        raise JusticeRejected(response.status_code, message, rule=err.get("rule") if isinstance(err, dict) else None)


def _status(data: dict[str, Any]) -> str:
    status = str(data.get("status"))
    if status not in STATUSES:
        raise JusticeRejected(200, f"unknown status {status!r}")
    return status
