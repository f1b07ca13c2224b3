"""Payment client against a failing or absent gateway: retries, backoff, breaker, clear errors."""

from __future__ import annotations

import pytest

from tests.integrations.payments.conftest import MERCHANT, SECRET
from yteso.integrations.payments import FeeCodeError, PaymentClient, PaymentUnavailable, make_fee_code
from yteso.testing.servers import free_port, run_app

FEE = make_fee_code("G18", "G18-250115-0100", 1)


def test_5xx_is_retried_with_backoff_and_the_signature_is_fresh_each_time(misbehave, gateway_app, clock, sleeps):
    flaky = misbehave(gateway_app, fail_first=2, fail_status=502)
    with run_app(flaky) as url, PaymentClient(url, MERCHANT, SECRET, clock=clock, sleep=sleeps.append) as client:
        created = client.create_payment(FEE, 10_000, "Lệ phí", "http://yteso.test/r", "http://127.0.0.1:9/cb")
    assert created.fee_code == FEE and flaky.requests == 3 and sleeps == [0.2, 0.4]


def test_unreachable_gateway_raises_unavailable_and_opens_the_breaker(clock, sleeps):
    url = f"http://127.0.0.1:{free_port()}"
    client = PaymentClient(url, MERCHANT, SECRET, retries=1, breaker_threshold=2, clock=clock, sleep=sleeps.append)
    with client:
        with pytest.raises(PaymentUnavailable) as info:
            client.query(FEE)
        assert info.value.reason == "connection" and client.breaker.state == "open"
        with pytest.raises(PaymentUnavailable) as info:
            client.query(FEE)
        assert info.value.reason == "breaker_open" and info.value.status == 503
        assert "Cổng thanh toán" in info.value.message_vi


def test_bad_input_is_refused_before_any_call(misbehave, gateway_app):
    counting = misbehave(gateway_app)
    with run_app(counting) as url, PaymentClient(url, MERCHANT, SECRET) as client:
        with pytest.raises(FeeCodeError):
            client.create_payment("G18-X-01-00", 1_000, "x", "http://a/r", "http://a/c")
        with pytest.raises(ValueError, match="positive"):
            client.create_payment(FEE, 0, "x", "http://a/r", "http://a/c")
    assert counting.requests == 0
