"""Create a payment, pay it in the browser page, get the signed callback, query the status."""

from __future__ import annotations

import httpx
import pytest

from tests.integrations.conftest import wait_for
from tests.integrations.payments.conftest import MERCHANT, SECRET, receiver_app
from yteso.integrations.payments import PaymentClient, PaymentRejected, make_fee_code
from yteso.integrations.payments.server import create_payment_gateway_app
from yteso.testing.servers import run_app


def test_browser_payment_calls_back_once_and_query_says_paid(gateway_url, receiver):
    receiver_url, ledger = receiver
    fee = make_fee_code("G18", "G18-250115-0001", 1)
    with PaymentClient(gateway_url, MERCHANT, SECRET) as client:
        created = client.create_payment(
            fee, 150_000, "Lệ phí cấp chứng chỉ hành nghề", "http://yteso.test/ho-so/1", f"{receiver_url}/callback"
        )
        assert created.fee_code == fee and created.pay_url == f"{gateway_url}/pay/{fee}"
        before = client.query(fee)
        assert (before.status, before.amount_vnd, before.transaction_id, before.paid_at) == (
            "pending",
            150_000,
            None,
            None,
        )

        with httpx.Client() as browser:
            page = browser.get(created.pay_url)
            assert page.status_code == 200 and "Thanh toán" in page.text and "150.000 ₫" in page.text
            assert "Lệ phí cấp chứng chỉ hành nghề" in page.text
            done = browser.post(f"{gateway_url}/payments/{fee}/pay", data={"outcome": "paid"})
        assert done.status_code == 303
        assert done.headers["location"] == f"http://yteso.test/ho-so/1?fee_code={fee}&status=paid"

        wait_for(lambda: ledger.received == 1)
        status = client.query(fee)
        assert status.status == "paid" and status.transaction_id and status.paid_at is not None
        assert status.paid_at.utcoffset() is not None
        (callback,) = ledger.effects.values()
        assert (callback.fee_code, callback.status, callback.amount_vnd, callback.transaction_id) == (
            fee,
            "paid",
            150_000,
            status.transaction_id,
        )

        # Creating again is idempotent; paying again changes nothing and sends no new callback.
        again = client.create_payment(fee, 150_000, "x", "http://yteso.test/r", f"{receiver_url}/callback")
        assert again.gateway_ref == created.gateway_ref
        httpx.post(f"{gateway_url}/payments/{fee}/pay", json={"outcome": "paid"}).raise_for_status()
        assert client.query(fee).transaction_id == status.transaction_id
    assert ledger.received == 1 and ledger.rejected == []


def test_failed_attempt_then_success_both_call_back(gateway_url, receiver):
    receiver_url, ledger = receiver
    fee = make_fee_code("G18", "G18-250115-0002", 1)
    with PaymentClient(gateway_url, MERCHANT, SECRET) as client:
        client.create_payment(fee, 50_000, "Phí thẩm định", "http://yteso.test/r", f"{receiver_url}/callback")
        failed = httpx.post(f"{gateway_url}/payments/{fee}/pay", json={"outcome": "failed"}).json()
        assert failed["status"] == "failed" and failed["paid_at"] is None
        wait_for(lambda: ledger.received == 1)
        assert client.query(fee).status == "failed"
        httpx.post(f"{gateway_url}/payments/{fee}/pay").raise_for_status()
        wait_for(lambda: ledger.received == 2)
        assert client.query(fee).status == "paid"
    assert sorted(cb.status for cb in ledger.effects.values()) == ["failed", "paid"]


def test_callback_is_retried_until_the_merchant_answers_2xx(misbehave, gateway_url):
    app, ledger = receiver_app(SECRET)
    flaky = misbehave(app, fail_first=2, fail_status=503)
    fee = make_fee_code("G18", "G18-250115-0003", 1)
    with run_app(flaky) as receiver_url, PaymentClient(gateway_url, MERCHANT, SECRET) as client:
        client.create_payment(fee, 20_000, "Lệ phí", "http://yteso.test/r", f"{receiver_url}/callback")
        httpx.post(f"{gateway_url}/payments/{fee}/pay").raise_for_status()
        wait_for(lambda: ledger.received == 1)
        deliveries = httpx.get(f"{gateway_url}/_admin/callbacks", params={"fee_code": fee}).json()
    assert [d["status_code"] for d in deliveries] == [503, 503, 200]
    assert flaky.requests == 3 and len(ledger.effects) == 1


def test_gateway_refuses_a_wrong_secret_a_conflicting_amount_and_unknown_fees(gateway_url, receiver):
    receiver_url, _ = receiver
    fee = make_fee_code("G18", "G18-250115-0004", 1)
    with PaymentClient(gateway_url, MERCHANT, "not-the-secret", retries=0) as intruder:
        with pytest.raises(PaymentRejected) as info:
            intruder.create_payment(fee, 1_000, "x", "http://yteso.test/r", f"{receiver_url}/callback")
        assert (info.value.status_code, info.value.rule) == (401, "signature.invalid")
        assert intruder.breaker.state == "closed"
    with PaymentClient(gateway_url, MERCHANT, SECRET) as client:
        client.create_payment(fee, 1_000, "x", "http://yteso.test/r", f"{receiver_url}/callback")
        with pytest.raises(PaymentRejected) as info:
            client.create_payment(fee, 2_000, "x", "http://yteso.test/r", f"{receiver_url}/callback")
        assert (info.value.status_code, info.value.rule) == (409, "payment.conflict")
        with pytest.raises(PaymentRejected) as info:
            client.query(make_fee_code("G18", "G18-250115-9999", 1))
        assert info.value.status_code == 404
    with PaymentClient(gateway_url, "OTHER-MERCHANT", SECRET) as other, pytest.raises(PaymentRejected):
        other.query(fee)  # another merchant's payment is not visible


def test_public_url_is_used_for_pay_links(receiver):
    receiver_url, _ = receiver
    app = create_payment_gateway_app(SECRET, public_url="https://pay.example.vn/")
    fee = make_fee_code("G18", "G18-250115-0005", 1)
    with run_app(app) as url, PaymentClient(url, MERCHANT, SECRET) as client:
        created = client.create_payment(fee, 1_000, "x", "http://yteso.test/r", f"{receiver_url}/callback")
    assert created.pay_url == f"https://pay.example.vn/pay/{fee}"
