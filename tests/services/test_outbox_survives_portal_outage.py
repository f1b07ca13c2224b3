"""Every status change reaches the national portal through the outbox: nothing is lost while the
portal is down, order is kept per dossier, and ``reconcile`` finds and repairs differences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from tests.services.conftest import TPBVSK_FORM, Svc, act, running, services_settings, submit, tpbvsk_documents
from yteso.core.timez import now_utc
from yteso.integrations.portal.server import create_portal_app
from yteso.services import outbox, reconcile
from yteso.services.tables import outbox as outbox_table
from yteso.testing.servers import run_app


@pytest.fixture
def portal() -> Iterator[str]:
    with run_app(create_portal_app()) as url:
        yield url


@pytest.fixture
def svc_portal(db: Any, tmp_path: Path, signing_dir: str, portal: str) -> Iterator[Svc]:
    config = services_settings(tmp_path, signing_dir=signing_dir, portal_url=portal, worker=False)
    with running(db, config) as s:
        yield s


def deliver(svc: Svc, *, later: float = 0) -> outbox.DeliveryReport:
    with svc.sessions()() as s:
        return outbox.deliver_outbox(s, svc.runtime.portal(), 100, now=now_utc() + timedelta(seconds=later))


def held(portal: str) -> dict[str, Any]:
    return {d["MaHoSo"]: d for d in httpx.get(f"{portal}/_admin/dossiers").json()["dossiers"]}


def pending(svc: Svc) -> int:
    with svc.sessions()() as s:
        return int(s.execute(select(func.count()).where(outbox_table.c.state == "pending")).scalar_one())


def test_portal_receives_each_change_in_order(svc_portal: Svc, portal: str) -> None:
    biz = svc_portal.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    report = deliver(svc_portal)
    assert (report.delivered, report.retried, pending(svc_portal)) == (3, 0, 0)
    dossier = held(portal)[code]
    assert dossier["TrangThaiHoSo"] == 6
    assert [s["TrangThai"] for s in dossier["TienDo"]] == [2, 6]
    assert dossier["ChuHoSo"] and dossier["NgayHenTra"] and dossier["LoaiDoiTuong"] == 2


def test_nothing_is_lost_while_the_portal_is_down(svc_portal: Svc, portal: str) -> None:
    biz = svc_portal.business()
    first = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    assert deliver(svc_portal).delivered == 3
    httpx.post(f"{portal}/_admin/down")
    act(svc_portal.officer("ATTP", "clerk"), first, "confirm_payment")
    second = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    report = deliver(svc_portal)
    assert report.delivered == 0 and report.retried >= 1  # one failure per dossier, later rows wait
    assert pending(svc_portal) == 4
    assert deliver(svc_portal).delivered == 0  # backing off: not due yet
    httpx.post(f"{portal}/_admin/up")
    svc_portal.runtime.portal().breaker.record_success()  # the breaker would let a trial through after 30 s
    report = deliver(svc_portal, later=3600)
    assert (report.delivered, pending(svc_portal)) == (4, 0)
    now_held = held(portal)
    assert now_held[first]["TrangThaiHoSo"] == 4 and now_held[second]["TrangThaiHoSo"] == 6
    with svc_portal.sessions()() as s:
        r = reconcile.reconcile(s, svc_portal.runtime.portal(), svc_portal.runtime.catalog)
    assert r.consistent and r.checked == 2


def test_reconcile_finds_and_repairs_a_portal_that_lost_data(svc_portal: Svc, portal: str) -> None:
    biz = svc_portal.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    deliver(svc_portal)
    httpx.post(f"{portal}/_admin/reset")
    client, catalog = svc_portal.runtime.portal(), svc_portal.runtime.catalog
    with svc_portal.sessions()() as s:
        r = reconcile.reconcile(s, client, catalog, fix=True)
    assert (r.missing, r.fixed) == ([code], 1)
    with svc_portal.sessions()() as s:
        r = reconcile.reconcile(s, client, catalog)
    assert r.in_flight == [code]
    deliver(svc_portal)
    with svc_portal.sessions()() as s:
        r = reconcile.reconcile(s, client, catalog)
    assert r.consistent and held(portal)[code]["TrangThaiHoSo"] == 6


def test_the_app_delivers_in_the_background_when_the_portal_is_configured(
        db: Any, tmp_path: Path, signing_dir: str, portal: str) -> None:
    import time

    config = services_settings(tmp_path, signing_dir=signing_dir, portal_url=portal, worker_interval_seconds=0.2)
    with running(db, config) as svc:
        biz = svc.business()
        code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
        deadline = time.monotonic() + 10
        while code not in held(portal) or held(portal)[code]["TrangThaiHoSo"] != 6:
            assert time.monotonic() < deadline, "the worker did not deliver"
            time.sleep(0.1)
        assert pending(svc) == 0
