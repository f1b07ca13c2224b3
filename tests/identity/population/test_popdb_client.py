"""Population client against real servers: lookup, verify, timeouts, retries, breaker, cache."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from yteso.core.ids import IdentifierError
from yteso.identity.population import (
    Citizen,
    PopulationClient,
    PopulationProtocolError,
    PopulationUnavailable,
    VerifyItem,
)
from yteso.identity.population.server import create_population_app
from yteso.testing.servers import free_port, run_app


@pytest.fixture
def app(population_store):
    return create_population_app(store=population_store)


@pytest.fixture
def sleeps():
    return []


def make_client(base_url: str, clock, sleeps: list[float], **kwargs) -> PopulationClient:
    return PopulationClient(base_url, clock=clock, sleep=sleeps.append, **kwargs)


# --- happy path ------------------------------------------------------------------------------------


def test_lookup_and_verify_against_the_reference_server(population_url, population_rows):
    row = population_rows[5]
    with PopulationClient(population_url) as client:
        citizen = client.lookup(row["cccd"])
        assert citizen == Citizen(
            row["cccd"],
            row["full_name"],
            date.fromisoformat(row["birth_date"]),
            row["sex"],
            row["province_code"],
            row["phone"] or None,
        )
        assert client.lookup("096199999999") is None
        result = client.verify(row["cccd"], row["full_name"].upper(), date.fromisoformat(row["birth_date"]))
        assert result.verified and result.found
        wrong = client.verify(row["cccd"], row["full_name"], "1900")
        assert (wrong.found, wrong.full_name_match, wrong.birth_date_match, wrong.verified) == (
            True,
            True,
            False,
            False,
        )


def test_malformed_cccd_is_refused_locally_without_a_call(misbehave, app, clock, sleeps):
    counting = misbehave(app)
    with run_app(counting) as url, make_client(url, clock, sleeps) as client:
        with pytest.raises(IdentifierError):
            client.lookup("12345")
        with pytest.raises(IdentifierError):
            client.verify("099084000999", "A", "1984")
    assert counting.requests == 0


def test_verify_batch_splits_into_requests_of_1000_and_keeps_order(misbehave, app, population_rows, clock, sleeps):
    rows = population_rows[:1_200]
    items = [VerifyItem(r["cccd"], r["full_name"], r["birth_date"]) for r in rows]
    items[7] = VerifyItem("not-a-cccd", "A", "1990")
    items[8] = VerifyItem(rows[8]["cccd"], "Sai Tên", date.fromisoformat(rows[8]["birth_date"]))
    counting = misbehave(app)
    with run_app(counting) as url, make_client(url, clock, sleeps) as client:
        results = client.verify_batch(items)
    assert counting.paths == ["/verify/batch", "/verify/batch"]
    assert [r.cccd for r in results] == [i.cccd for i in items]
    assert results[7].error is not None and results[7].error.rule == "cccd.format" and not results[7].found
    assert results[8].found and not results[8].full_name_match and results[8].birth_date_match
    assert sum(r.verified for r in results) == 1_198


# --- timeouts, retries -----------------------------------------------------------------------------


def test_slow_server_times_out_after_retries(misbehave, app, population_rows, clock, sleeps):
    slow = misbehave(app, delay=0.6)
    with (
        run_app(slow) as url,
        make_client(url, clock, sleeps, timeout=0.1, retries=1) as client,
        pytest.raises(PopulationUnavailable) as info,
    ):
        client.lookup(population_rows[0]["cccd"])
    assert info.value.reason == "timeout" and info.value.status == 503
    assert "CSDL" in info.value.message_vi or "dân cư" in info.value.message_vi
    assert slow.requests == 2 and sleeps == [0.1]


def test_500_then_success_is_retried_with_exponential_backoff(misbehave, app, population_rows, clock, sleeps):
    flaky = misbehave(app, fail_first=2)
    with run_app(flaky) as url, make_client(url, clock, sleeps, retries=3, backoff=0.05) as client:
        citizen = client.lookup(population_rows[1]["cccd"])
        assert citizen is not None and citizen.cccd == population_rows[1]["cccd"]
        assert client.breaker.state == "closed"
    assert flaky.requests == 3 and sleeps == [0.05, 0.1]


def test_persistent_500_gives_up_after_the_retries(misbehave, app, population_rows, clock, sleeps):
    broken = misbehave(app, fail_first=100)
    with (
        run_app(broken) as url,
        make_client(url, clock, sleeps, retries=2, breaker_threshold=10) as client,
        pytest.raises(PopulationUnavailable) as info,
    ):
        client.verify(population_rows[0]["cccd"], "A", "1990")
    assert info.value.reason == "server_error" and broken.requests == 3
    assert sleeps == [0.1, 0.2]


def test_4xx_is_not_retried_and_does_not_trip_the_breaker(misbehave, app, population_rows, clock, sleeps):
    refusing = misbehave(app, fail_first=100, fail_status=403)
    with run_app(refusing) as url, make_client(url, clock, sleeps, breaker_threshold=1) as client:
        for _ in range(3):
            with pytest.raises(PopulationProtocolError) as info:
                client.lookup(population_rows[0]["cccd"])
            assert info.value.status_code == 403
        assert client.breaker.state == "closed"
    assert refusing.requests == 3 and sleeps == []


# --- circuit breaker -------------------------------------------------------------------------------


def test_connection_refused_opens_the_breaker_then_half_open_trial_recovers(app, population_rows, clock, sleeps):
    port = free_port()
    cccd = population_rows[2]["cccd"]
    client = make_client(f"http://127.0.0.1:{port}", clock, sleeps, retries=0, breaker_threshold=3)
    with client:
        for _ in range(3):
            with pytest.raises(PopulationUnavailable) as info:
                client.lookup(cccd)
            assert info.value.reason == "connection"
        assert client.breaker.state == "open"
        with pytest.raises(PopulationUnavailable) as info:
            client.lookup(cccd)
        assert info.value.reason == "breaker_open"

        clock.advance(29.9)
        with pytest.raises(PopulationUnavailable) as info:
            client.lookup(cccd)
        assert info.value.reason == "breaker_open"

        clock.advance(0.1)
        assert client.breaker.state == "half_open"
        with pytest.raises(PopulationUnavailable) as info:  # trial fails: open again
            client.lookup(cccd)
        assert info.value.reason == "connection" and client.breaker.state == "open"

        clock.advance(30)
        with run_app(app, port=port):
            assert client.lookup(cccd).cccd == cccd
        assert client.breaker.state == "closed"


def test_breaker_opening_mid_call_stops_the_retries(clock, sleeps):
    url = f"http://127.0.0.1:{free_port()}"
    with make_client(url, clock, sleeps, retries=3, breaker_threshold=5) as client:
        with pytest.raises(PopulationUnavailable):
            client.lookup("001084000999")  # 4 attempts, 4 failures
        assert client.breaker.state == "closed"
        with pytest.raises(PopulationUnavailable) as info:
            client.lookup("001084000999")  # 5th failure opens it; no more attempts
        assert info.value.reason == "connection" and client.breaker.state == "open"
    assert len(sleeps) == 4


# --- cache -----------------------------------------------------------------------------------------


def test_lookups_are_cached_until_ttl_and_served_while_the_server_is_down(
    misbehave, app, population_rows, clock, sleeps
):
    a, b = population_rows[3]["cccd"], population_rows[4]["cccd"]
    counting = misbehave(app)
    with run_app(counting) as url:
        client = make_client(url, clock, sleeps, cache_ttl=60, retries=0)
        assert client.lookup(a) == client.lookup(a) == client.lookup(a)
        assert counting.paths == [f"/citizens/{a}"]
        assert (client.cache.hits, client.cache.misses) == (2, 1)
        clock.advance(61)
        client.lookup(a)
        assert counting.requests == 2
    # server stopped: cached citizen still answers, an uncached one cannot
    assert client.lookup(a).cccd == a
    with pytest.raises(PopulationUnavailable):
        client.lookup(b)
    client.close()


def test_cache_evicts_the_least_recently_used(misbehave, app, population_rows, clock, sleeps):
    a, b, c = (population_rows[i]["cccd"] for i in (10, 11, 12))
    counting = misbehave(app)
    with run_app(counting) as url, make_client(url, clock, sleeps, cache_size=2) as client:
        for cccd in (a, b, a, c, a, b):  # c evicts b (a was used more recently); b comes back
            client.lookup(cccd)
    assert counting.paths == [f"/citizens/{x}" for x in (a, b, c, b)]


def test_unknown_citizens_are_not_cached(misbehave, app, clock, sleeps):
    counting = misbehave(app)
    with run_app(counting) as url, make_client(url, clock, sleeps) as client:
        assert client.lookup("096199999999") is None
        assert client.lookup("096199999999") is None
    assert counting.requests == 2


def test_injected_http_client_is_used_and_not_closed(population_url, population_rows, clock, sleeps):
    seen: list[str] = []
    with httpx.Client(event_hooks={"request": [lambda r: seen.append(r.url.path)]}) as http:
        client = PopulationClient(population_url, http=http, clock=clock, sleep=sleeps.append)
        client.lookup(population_rows[0]["cccd"])
        client.close()
        assert not http.is_closed
    assert seen == [f"/citizens/{population_rows[0]['cccd']}"]
