"""Client of the payment gateway: create a payment for a fee and ask for its status.

Every request is signed (HMAC-SHA256, see :mod:`~yteso.integrations.payments.signing`) with a
fresh timestamp per attempt. Creating is idempotent on the fee code, so a retried ``POST`` after a
timeout cannot make a second payment. Callbacks are checked with
:func:`~yteso.integrations.payments.signing.verify_callback`, not here.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

import httpx

from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable
from yteso.integrations.payments.errors import PaymentRejected, PaymentUnavailable
from yteso.integrations.payments.fee_code import parse_fee_code
from yteso.integrations.payments.signing import (
    MERCHANT_HEADER,
    SIGNATURE_HEADER,
    STATUSES,
    TIMESTAMP_HEADER,
    request_message,
    sign,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    """A payment the gateway now expects; send the citizen to ``pay_url``."""

    fee_code: str
    gateway_ref: str
    pay_url: str


@dataclass(frozen=True, slots=True)
class PaymentStatus:
    """Where a payment stands: ``pending``, ``paid`` or ``failed`` (last attempt failed; may be retried).

    ``paid_at`` is timezone-aware; ``transaction_id`` names the last attempt.
    """

    fee_code: str
    status: str
    amount_vnd: int
    transaction_id: str | None
    paid_at: datetime | None


class PaymentClient:
    """Talks to the payment gateway as merchant ``merchant_id`` holding the shared ``secret``."""

    def __init__(
        self,
        base_url: str,
        merchant_id: str,
        secret: str,
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
        self.merchant_id = merchant_id
        self._secret = secret
        self._remote = ResilientHttp(
            base_url,
            name="payments",
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

    def create_payment(
        self, fee_code: str, amount_vnd: int, description: str, return_url: str, callback_url: str
    ) -> PaymentRequest:
        """Register the fee with the gateway (again: same answer); raises ``PaymentRejected``/``Unavailable``.

        The fee code is checked locally first (:class:`~yteso.integrations.payments.fee_code.FeeCodeError`).
        """
        fee_code = str(parse_fee_code(fee_code))
        if amount_vnd <= 0:
            raise ValueError("amount_vnd must be positive")
        body = {
            "fee_code": fee_code,
            "amount_vnd": amount_vnd,
            "description": description,
            "return_url": return_url,
            "callback_url": callback_url,
        }
        data = self._call("POST", "/payments", body, expect=(200, 201))
        try:
            return PaymentRequest(str(data["fee_code"]), str(data["gateway_ref"]), str(data["pay_url"]))
        except KeyError as exc:
            raise PaymentRejected(200, f"unreadable answer: missing {exc}") from exc

    def query(self, fee_code: str) -> PaymentStatus:
        """The gateway's current view of the fee (use it when a callback is late or lost)."""
        fee_code = str(parse_fee_code(fee_code))
        data = self._call("GET", f"/payments/{fee_code}", None, expect=(200,))
        try:
            status = str(data["status"])
            if status not in STATUSES:
                raise ValueError(f"unknown status {status!r}")
            paid_at = datetime.fromisoformat(data["paid_at"]) if data.get("paid_at") else None
            txn = data.get("transaction_id")
            return PaymentStatus(str(data["fee_code"]), status, int(data["amount_vnd"]), txn and str(txn), paid_at)
        except (KeyError, TypeError, ValueError) as exc:
            raise PaymentRejected(200, f"unreadable answer: {exc}") from exc

    def close(self) -> None:
        self._remote.close()

    def __enter__(self) -> PaymentClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _call(self, method: str, path: str, body: Any, *, expect: tuple[int, ...]) -> dict[str, Any]:
        content = json.dumps(body, ensure_ascii=False).encode() if body is not None else b""

        def headers() -> dict[str, str]:
            stamp = str(int(time.time()))
            signature = sign(self._secret, request_message(method, path, stamp, content))
            h = {MERCHANT_HEADER: self.merchant_id, TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: signature}
            return h | ({"Content-Type": "application/json"} if body is not None else {})

        try:
            response = self._remote.request(method, path, content=content or None, headers=headers)
        except ServiceUnavailable as exc:
            log.warning("payment_gateway_unavailable", extra={"reason": exc.reason, "path": path})
            raise PaymentUnavailable(exc.reason, exc.detail) from exc
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code not in expect or not isinstance(data, dict):
            err = data.get("error") if isinstance(data, dict) else None
            message = err.get("message_vi") if isinstance(err, dict) else response.text[:300]
            rule = err.get("rule") if isinstance(err, dict) else None
            raise PaymentRejected(response.status_code, str(message), rule=rule)
        return data
