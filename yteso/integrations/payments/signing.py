"""HMAC-SHA256 signatures of the payment protocol, and verification of the gateway's callbacks.

Two signatures, both hex HMAC-SHA256 with the merchant's shared secret, in header ``X-Signature``:

- merchant → gateway requests sign ``"{METHOD}\\n{path}\\n{X-Timestamp}\\n"`` followed by the raw
  body, with ``X-Merchant-Id`` and ``X-Timestamp`` (Unix seconds) headers;
- gateway → merchant callbacks sign the raw JSON body, which carries its own ``timestamp`` and a
  random ``nonce``.

A timestamp more than :data:`MAX_AGE` from the receiver's clock is refused, which bounds replays.

Idempotency is the receiver's job: the gateway re-sends a callback until it gets a 2xx, and a
citizen may pay after a failed attempt, so the same ``transaction_id`` can arrive more than once.
Record ``transaction_id`` under a unique constraint in the same transaction as the effect (mark the
fee paid, move the dossier on); a second arrival finds the row and answers 200 without doing it
again. Reply 2xx only after committing, and 400 for :class:`CallbackRejected` (do not retry those).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from yteso.integrations.payments.errors import CallbackRejected

SIGNATURE_HEADER = "X-Signature"
MERCHANT_HEADER = "X-Merchant-Id"
TIMESTAMP_HEADER = "X-Timestamp"
MAX_AGE = timedelta(minutes=10)
STATUSES = ("pending", "paid", "failed")


def sign(secret: str, message: bytes) -> str:
    """Hex HMAC-SHA256 of ``message`` with ``secret``."""
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def request_message(method: str, path: str, timestamp: str, body: bytes) -> bytes:
    """What a merchant request's signature covers."""
    return f"{method.upper()}\n{path}\n{timestamp}\n".encode() + body


def signature_matches(secret: str, message: bytes, signature: str | None) -> bool:
    """Constant-time comparison of ``signature`` (hex, any case) with the expected one."""
    return bool(signature) and hmac.compare_digest(sign(secret, message), (signature or "").strip().lower())


@dataclass(frozen=True, slots=True)
class PaymentCallback:
    """A verified callback: the gateway says this fee is now ``paid`` (or the attempt ``failed``).

    ``paid_at`` is timezone-aware (``None`` for a failed attempt); ``nonce`` is unique per delivery.
    """

    fee_code: str
    status: str
    amount_vnd: int
    transaction_id: str
    paid_at: datetime | None
    nonce: str


def verify_callback(
    body: bytes, signature: str | None, secret: str, *, now: datetime | None = None, max_age: timedelta = MAX_AGE
) -> PaymentCallback:
    """Check a callback's signature, shape and freshness; raises :class:`CallbackRejected`.

    The signature is checked on the raw bytes before anything is parsed, so a tampered body
    is refused as ``signature.invalid`` whatever it contains.
    """
    if not signature:
        raise CallbackRejected(
            "signature.missing", "Thiếu chữ ký (X-Signature) của cổng thanh toán.", "The X-Signature header is missing."
        )
    if not signature_matches(secret, body, signature):
        raise CallbackRejected(
            "signature.invalid",
            "Chữ ký không hợp lệ: sai khóa hoặc nội dung đã bị sửa.",
            "The signature does not match: wrong key or the body was altered.",
        )
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise CallbackRejected("body.malformed", "Nội dung không phải JSON hợp lệ.", "The body is not a JSON object.")
    callback, timestamp = _fields(data)
    current = now or datetime.now(UTC)
    sent = datetime.fromtimestamp(timestamp, UTC)
    if abs(current - sent) > max_age:
        raise CallbackRejected(
            "timestamp.stale",
            f"Thời điểm gửi ({sent:%Y-%m-%d %H:%M:%S} UTC) lệch quá {max_age} so với hiện tại.",
            f"The callback timestamp ({sent.isoformat()}) is more than {max_age} from now.",
        )
    return callback


def _fields(data: dict[str, object]) -> tuple[PaymentCallback, int]:
    try:
        status = data["status"]
        amount, timestamp = data["amount_vnd"], data["timestamp"]
        paid_at_text = data.get("paid_at")
        if status not in ("paid", "failed") or type(amount) is not int or type(timestamp) is not int:
            raise TypeError("status, amount_vnd or timestamp has the wrong type")
        paid_at = datetime.fromisoformat(str(paid_at_text)) if paid_at_text else None
        if paid_at is not None and paid_at.tzinfo is None:
            raise ValueError("paid_at has no time zone")
        texts = [data["fee_code"], data["transaction_id"], data["nonce"]]
        if not all(isinstance(t, str) and t for t in texts):
            raise TypeError("fee_code, transaction_id and nonce must be non-empty strings")
        fee_code, transaction_id, nonce = (str(t) for t in texts)
    except (KeyError, TypeError, ValueError) as exc:
        raise CallbackRejected(
            "body.fields", f"Thiếu hoặc sai trường dữ liệu: {exc}", f"A field is missing or wrong: {exc}"
        ) from exc
    if status == "paid" and paid_at is None:
        raise CallbackRejected("body.fields", "Thiếu thời điểm thanh toán.", "paid_at is required when paid")
    return PaymentCallback(fee_code, str(status), amount, transaction_id, paid_at, nonce), timestamp
