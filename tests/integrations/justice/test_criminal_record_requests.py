"""Criminal-record certificates: request, poll until decided, idempotent retries, refusals."""

from __future__ import annotations

import pytest

from yteso.core.ids import IdentifierError
from yteso.identity.population.generate import generate_citizens
from yteso.integrations.justice import JusticeClient, JusticeRejected, JusticeUnavailable
from yteso.integrations.justice.server import create_justice_app
from yteso.testing.faults import FakeClock
from yteso.testing.servers import free_port, run_app

PEOPLE = [row[:2] for row in generate_citizens(3, seed=11)]
(CLEAN, CLEAN_NAME), (CONVICTED, CONVICTED_NAME), (UNKNOWN, UNKNOWN_NAME) = PEOPLE


def test_requests_stay_pending_until_the_delay_then_are_issued():
    server_clock = FakeClock()
    app = create_justice_app({CONVICTED: True, CLEAN: False}, delay_seconds=60, clock=server_clock)
    with run_app(app) as url, JusticeClient(url) as client:
        clean = client.request_certificate(CLEAN, CLEAN_NAME, "Cấp chứng chỉ hành nghề dược")
        convicted = client.request_certificate(CONVICTED, CONVICTED_NAME, "Cấp chứng chỉ hành nghề dược")
        assert clean.status == "pending" and clean.request_id != convicted.request_id
        pending = client.get(clean.request_id)
        assert (pending.status, pending.certificate_no, pending.has_record, pending.issued_at) == (
            "pending",
            None,
            None,
            None,
        )

        server_clock.advance(60)
        issued = client.get(clean.request_id)
        assert issued.status == "issued" and issued.has_record is False
        assert issued.certificate_no and issued.certificate_no.endswith("/LLTP")
        assert issued.issued_at is not None and issued.issued_at.utcoffset() is not None
        assert client.get(clean.request_id) == issued  # decided once, then fixed
        assert client.get(convicted.request_id).has_record is True


def test_no_delay_issues_at_once_and_unknown_people_have_no_record():
    with run_app(create_justice_app()) as url, JusticeClient(url) as client:
        req = client.request_certificate(UNKNOWN, UNKNOWN_NAME, "Xin việc")
        assert req.status == "issued"
        assert client.get(req.request_id).has_record is False


def test_refused_requests_say_why():
    with run_app(create_justice_app(refuse=[CLEAN])) as url, JusticeClient(url) as client:
        result = client.get(client.request_certificate(CLEAN, CLEAN_NAME, "Xin việc").request_id)
    assert result.status == "refused" and result.certificate_no is None and result.reason


def test_a_retried_post_creates_one_request(misbehave):
    app = create_justice_app(delay_seconds=3600)
    flaky = misbehave(app, fail_first=1)
    with run_app(flaky) as url, JusticeClient(url, sleep=lambda _: None) as client:
        first = client.request_certificate(CLEAN, CLEAN_NAME, "Xin việc", idempotency_key="HS-0001")
        again = client.request_certificate(CLEAN, CLEAN_NAME, "Xin việc", idempotency_key="HS-0001")
        other = client.request_certificate(CLEAN, CLEAN_NAME, "Xin việc")
    assert first.request_id == again.request_id != other.request_id
    assert flaky.requests == 4 and len(app.state.registry.requests) == 2


def test_errors_are_clear():
    with run_app(create_justice_app()) as url, JusticeClient(url) as client:
        with pytest.raises(IdentifierError):
            client.request_certificate("12345", "A", "x")
        with pytest.raises(JusticeRejected) as info:
            client.get("no-such-request")
        assert info.value.status_code == 404 and info.value.rule == "request.not_found"
        with pytest.raises(JusticeRejected) as info:
            client.request_certificate(CLEAN, "", "x")
        assert info.value.status_code == 422
    url = f"http://127.0.0.1:{free_port()}"
    with JusticeClient(url, retries=0) as client, pytest.raises(JusticeUnavailable) as unavailable:
        client.get("x")
    assert unavailable.value.reason == "connection" and "lý lịch tư pháp" in unavailable.value.message_vi
