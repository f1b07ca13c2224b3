"""Fees online: one fee identifier per payment, the gateway's signed callback moves the dossier on
once; a tampered, stale or unsigned callback is refused and changes nothing."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.services.conftest import TPBVSK_FORM, Svc, running, services_settings, submit, tpbvsk_documents
from yteso.integrations.payments import SIGNATURE_HEADER, parse_fee_code
from yteso.integrations.payments.server import create_payment_gateway_app
from yteso.integrations.payments.signing import sign
from yteso.testing.servers import run_app

SECRET = "gateway-test-secret-0123456789"


@pytest.fixture
def gateway() -> Iterator[str]:
    with run_app(create_payment_gateway_app(SECRET, callback_backoff=0.05)) as url:
        yield url


@pytest.fixture
def svc_pay(db: Any, tmp_path: Path, signing_dir: str, gateway: str) -> Iterator[Svc]:
    config = services_settings(tmp_path, signing_dir=signing_dir, payment_url=gateway, payment_secret=SECRET)
    with running(db, config) as s:
        s.runtime.config.public_base_url = s.base_url  # the gateway calls us back here
        yield s


def awaiting(svc: Svc) -> tuple[httpx.Client, str]:
    biz = svc.business()
    d = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))
    assert d["status"] == "awaiting_payment"
    return biz, d["code"]


def start(biz: httpx.Client, code: str) -> dict[str, Any]:
    r = biz.post(f"/api/services/dossiers/{code}/payment")
    assert r.status_code == 200, r.text
    return dict(r.json())


def callback(svc: Svc, fee_code: str, *, amount: int = 1_500_000, txn: str = "TXN1", status: str = "paid",
             ts: int | None = None, tamper: bool = False, signed: bool = True) -> httpx.Response:
    body = json.dumps({"fee_code": fee_code, "status": status, "amount_vnd": amount, "transaction_id": txn,
                       "paid_at": "2025-03-03T10:00:00+07:00" if status == "paid" else None, "merchant_id": "BYT",
                       "timestamp": ts or int(time.time()), "nonce": uuid.uuid4().hex}).encode()
    headers = {"Content-Type": "application/json"}
    if signed:
        headers[SIGNATURE_HEADER] = sign(SECRET, body)
    if tamper:
        body = body.replace(b"1500000", b"1500001")
    return svc.anonymous().post("/api/services/payments/callback", content=body, headers=headers)


def status(biz: httpx.Client, code: str) -> str:
    return str(biz.get(f"/api/services/dossiers/{code}").json()["status"])


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_pay_through_the_gateway(svc_pay: Svc, gateway: str) -> None:
    biz, code = awaiting(svc_pay)
    p = start(biz, code)
    assert parse_fee_code(p["fee_code"]).dossier_code == code
    assert p["pay_url"].startswith(gateway) and p["amount_vnd"] == 1_500_000
    assert start(biz, code)["fee_code"] == p["fee_code"]  # resuming gives the same fee identifier
    httpx.post(f"{gateway}/payments/{p['fee_code']}/pay", json={"outcome": "failed"})
    time.sleep(0.5)
    assert status(biz, code) == "awaiting_payment"
    httpx.post(f"{gateway}/payments/{p['fee_code']}/pay", json={"outcome": "paid"})
    wait_for(lambda: status(biz, code) == "in_processing")
    d = biz.get(f"/api/services/dossiers/{code}").json()
    assert d["payments"][0]["status"] == "paid" and d["paid_at"]
    assert [e["action"] for e in d["events"]][-1] == "pay"


def test_tampered_unsigned_or_stale_callbacks_are_refused(svc_pay: Svc) -> None:
    biz, code = awaiting(svc_pay)
    fee = start(biz, code)["fee_code"]
    r = callback(svc_pay, fee, tamper=True)
    assert r.status_code == 400 and r.json()["error"]["issues"][0]["rule"] == "payment.signature.invalid"
    assert callback(svc_pay, fee, signed=False).status_code == 400
    assert callback(svc_pay, fee, ts=int(time.time()) - 3600).status_code == 400
    assert callback(svc_pay, fee, amount=1_000).status_code == 400  # signed, but not the fee's amount
    assert status(biz, code) == "awaiting_payment"


def test_callbacks_are_idempotent(svc_pay: Svc) -> None:
    biz, code = awaiting(svc_pay)
    fee = start(biz, code)["fee_code"]
    first = callback(svc_pay, fee, txn="TXN-A")
    assert first.status_code == 200 and first.json()["outcome"] == "applied"
    again = callback(svc_pay, fee, txn="TXN-A")  # re-sent by the gateway: fresh nonce, same transaction
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    other = callback(svc_pay, fee, txn="TXN-B")  # a second payment of a paid fee changes nothing
    assert other.json()["outcome"] == "already_paid"
    d = biz.get(f"/api/services/dossiers/{code}").json()
    assert d["status"] == "in_processing"
    assert [e["action"] for e in d["events"]].count("pay") == 1
    assert callback(svc_pay, "KCB-KCB-250101-0001-01-00").status_code == 404


def test_only_the_applicant_starts_a_payment(svc_pay: Svc) -> None:
    _biz, code = awaiting(svc_pay)
    assert svc_pay.citizen().post(f"/api/services/dossiers/{code}/payment").status_code == 404
    assert svc_pay.officer("ATTP", "clerk").post(f"/api/services/dossiers/{code}/payment").status_code == 404
