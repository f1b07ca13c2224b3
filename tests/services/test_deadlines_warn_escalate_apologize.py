"""Deadlines: a warning before the due date, escalation when overdue with the signed apology and a
new return date (Decree 61/2018), and the officer's own apology with a chosen date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tests.services.conftest import TPBVSK_FORM, Svc, act, submit, tpbvsk_documents
from yteso.core.timez import now_utc
from yteso.services import deadlines, model
from yteso.services.tables import dossier


def in_processing(svc: Svc) -> tuple[object, str]:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    act(svc.officer("ATTP", "clerk"), code, "confirm_payment")
    return biz, code


def sweep(svc: Svc, days: float) -> deadlines.SweepReport:
    with svc.sessions()() as s:
        return deadlines.sweep(s, svc.runtime, now=now_utc() + timedelta(days=days))


def test_warning_then_escalation_with_apology(svc: Svc) -> None:
    biz, code = in_processing(svc)
    with svc.work() as w:
        due = model.load(w.session, code).due_at
    assert due is not None
    assert sweep(svc, 0).warned == []  # 21 working days ahead
    report = sweep(svc, (due - now_utc()).days - 1)
    assert report.warned == [code]
    assert sweep(svc, (due - now_utc()).days - 1).warned == []  # once
    report = sweep(svc, (due - now_utc()).days + 2)
    assert report.escalated == [code]
    d = biz.get(f"/api/services/dossiers/{code}").json()  # type: ignore[attr-defined]
    actions = [e["action"] for e in d["events"]]
    assert actions[-3:] == ["due_soon", "overdue_escalated", "apology_issued"]
    apology = [x for x in d["issued"] if x["doc_type"] == "apology"]
    assert len(apology) == 1 and d["promised_at"] > d["due_at"]
    pdf = biz.get(f"/api/services/documents/{apology[0]['id']}/content").content  # type: ignore[attr-defined]
    assert svc.anonymous().post("/api/services/verify", content=pdf).json()["signature_valid"]
    assert sweep(svc, (due - now_utc()).days + 2).escalated == []  # the promised date has not passed


def test_overdue_dossiers_head_the_queue_and_the_leader_apologizes(svc: Svc) -> None:
    _biz, late = in_processing(svc)
    _biz2, fresh = in_processing(svc)
    with svc.sessions()() as s, s.begin():
        s.execute(update(dossier).where(dossier.c.code == late).values(due_at=now_utc() - timedelta(days=1)))
    leader = svc.officer("ATTP", "leader")
    overdue = leader.get("/api/services/queue", params={"overdue": "true"}).json()
    assert [d["code"] for d in overdue["items"]] == [late] and overdue["items"][0]["overdue"]
    assert [d["code"] for d in leader.get("/api/services/queue").json()["items"]] == [late, fresh]
    act(leader, late, "apologize", expect=400, reason="Chờ ý kiến chuyên gia", new_due_date="2020-01-01")
    monday = (now_utc() + timedelta(days=14)).date()
    while monday.weekday() != 0:
        monday += timedelta(days=1)
    d = act(leader, late, "apologize", reason="Chờ ý kiến chuyên gia", new_due_date=monday.isoformat())
    assert d["promised_at"].startswith(monday.isoformat())
    act(svc.officer("ATTP", "specialist"), late, "apologize", expect=403, reason="x",
        new_due_date=monday.isoformat())
