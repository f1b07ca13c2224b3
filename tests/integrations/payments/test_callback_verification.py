"""verify_callback refuses anything not signed by the gateway, altered, stale or malformed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from yteso.integrations.payments import CallbackRejected, verify_callback
from yteso.integrations.payments.signing import sign

SECRET = "s3cret-key-for-callbacks"
NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def body(**overrides: object) -> bytes:
    data: dict[str, object] = {
        "fee_code": "G18-G18-250115-0001-01-27",
        "status": "paid",
        "amount_vnd": 150_000,
        "transaction_id": "TXN20250301ABCDEF",
        "paid_at": "2025-03-01T15:00:00+07:00",
        "merchant_id": "BYT-DVC",
        "timestamp": int(NOW.timestamp()),
        "nonce": "4f1c2a",
    }
    data.update(overrides)
    return json.dumps({k: v for k, v in data.items() if v is not ...}, ensure_ascii=False).encode()


def rule_of(raw: bytes, signature: str | None, **kwargs: object) -> str:
    with pytest.raises(CallbackRejected) as info:
        verify_callback(raw, signature, SECRET, now=NOW, **kwargs)  # type: ignore[arg-type]
    assert info.value.message_vi and info.value.message_en
    return info.value.rule


def test_a_good_callback_is_accepted():
    raw = body()
    cb = verify_callback(raw, sign(SECRET, raw), SECRET, now=NOW + timedelta(minutes=9))
    assert (cb.fee_code, cb.status, cb.amount_vnd, cb.transaction_id, cb.nonce) == (
        "G18-G18-250115-0001-01-27",
        "paid",
        150_000,
        "TXN20250301ABCDEF",
        "4f1c2a",
    )
    assert cb.paid_at == datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    assert verify_callback(raw, sign(SECRET, raw).upper(), SECRET, now=NOW).transaction_id == cb.transaction_id


def test_missing_and_wrong_signatures():
    raw = body()
    assert rule_of(raw, None) == "signature.missing"
    assert rule_of(raw, "") == "signature.missing"
    assert rule_of(raw, sign("another-key", raw)) == "signature.invalid"
    assert rule_of(raw, "zz") == "signature.invalid"


def test_a_tampered_body_is_refused():
    raw = body()
    signature = sign(SECRET, raw)
    tampered = raw.replace(b"150000", b"1500000")
    assert tampered != raw
    assert rule_of(tampered, signature) == "signature.invalid"


@pytest.mark.parametrize("minutes", [11, -11])
def test_stale_or_future_timestamps_are_refused(minutes):
    raw = body(timestamp=int((NOW - timedelta(minutes=minutes)).timestamp()))
    assert rule_of(raw, sign(SECRET, raw)) == "timestamp.stale"


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b"\xff\xfe", b""])
def test_malformed_json_is_refused(raw):
    assert rule_of(raw, sign(SECRET, raw)) == "body.malformed"


@pytest.mark.parametrize(
    "overrides",
    [
        {"fee_code": ...},
        {"status": "refunded"},
        {"amount_vnd": "150000"},
        {"timestamp": "1740816000"},
        {"paid_at": "2025-03-01T15:00:00"},
        {"paid_at": None},
        {"nonce": ""},
    ],
)
def test_missing_or_mistyped_fields_are_refused(overrides):
    raw = body(**overrides)
    assert rule_of(raw, sign(SECRET, raw)) == "body.fields"
