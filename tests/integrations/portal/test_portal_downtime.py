"""The portal goes down and comes back: clear errors, breaker, and an outbox that re-sends cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.integrations.portal.test_portal_sync import dossier
from yteso.integrations.portal import PortalClient, PortalUnavailable
from yteso.integrations.portal.server import create_portal_app
from yteso.testing.servers import free_port, run_app


def test_downtime_then_outbox_resend_gives_each_dossier_once(clock, sleeps):
    with run_app(create_portal_app()) as url:
        client = PortalClient(url, "u", "p", retries=2, breaker_threshold=10, clock=clock, sleep=sleeps.append)
        client.push_dossier(dossier("D-1"))
        httpx.post(f"{url}/_admin/down").raise_for_status()

        outbox = [("dossier", dossier("D-2")), ("progress", ("D-1", 4, datetime(2025, 1, 16, tzinfo=UTC), "Xử lý"))]
        for kind, item in outbox:
            with pytest.raises(PortalUnavailable) as info:
                if kind == "dossier":
                    client.push_dossier(item)  # type: ignore[arg-type]
                else:
                    client.push_progress(*item)  # type: ignore[misc]
            assert info.value.reason == "server_error" and info.value.status == 503
        assert sleeps == [0.2, 0.4, 0.2, 0.4]

        httpx.post(f"{url}/_admin/up").raise_for_status()
        for _ in range(2):  # the outbox may send twice (crash after send, before marking done)
            client.push_dossier(outbox[0][1])  # type: ignore[arg-type]
            client.push_progress(*outbox[1][1])  # type: ignore[misc]
        held = httpx.get(f"{url}/_admin/dossiers").json()
        client.close()
    assert held["count"] == 2 and [d["MaHoSo"] for d in held["dossiers"]] == ["D-1", "D-2"]
    assert [s["TrangThai"] for s in held["dossiers"][0]["TienDo"]] == [4]


def test_unreachable_portal_opens_the_breaker(clock, sleeps):
    url = f"http://127.0.0.1:{free_port()}"
    with PortalClient(url, "u", "p", retries=0, breaker_threshold=2, clock=clock, sleep=sleeps.append) as client:
        for reason in ("connection", "connection", "breaker_open"):
            with pytest.raises(PortalUnavailable) as info:
                client.lookup("D-1")
            assert info.value.reason == reason
        assert client.breaker.state == "open"
        clock.advance(31)
        assert client.breaker.state == "half_open"


def test_slow_portal_times_out(misbehave):
    slow = misbehave(create_portal_app(), delay=0.5)
    with (
        run_app(slow) as url,
        PortalClient(url, "u", "p", timeout=0.1, retries=0) as client,
        pytest.raises(PortalUnavailable) as info,
    ):
        client.lookup("D-1")
    assert info.value.reason == "timeout"
