"""A supplement request (and waiting for the fee) stops the legal clock: the due date moves by the
working days suspended (the portal's suspension codes 5 and 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tests.services.conftest import ENTERPRISE, PDF, REPRESENTATIVE, TPBVSK_FORM, Svc
from yteso.core.audit import AuditContext
from yteso.core.timez import parse_instant
from yteso.services import documents, model, service
from yteso.services.access import Actor, business_subject
from yteso.services.schemas import ActionIn, SubmitIn
from yteso.services.tables import outbox
from yteso.services.workdays import close_of


def actor(kind: str, subject: str, **extra: Any) -> Actor:
    return Actor(kind, subject, AuditContext(subject, kind, None, None, None), **extra)


BIZ = actor("applicant", business_subject(ENTERPRISE, REPRESENTATIVE), applicant_kind="business",
            applicant_id=ENTERPRISE, cccd=REPRESENTATIVE)
CLERK = actor("officer", "officer:ATTP:clerk", unit="ATTP", positions=frozenset({"clerk"}))
SPECIALIST = actor("officer", "officer:ATTP:specialist", unit="ATTP", positions=frozenset({"specialist"}))


def file_dossier(svc: Svc, when: str) -> str:
    with svc.work(BIZ, parse_instant(when)) as w:
        docs = {}
        for key in ("test_report", "scientific_evidence", "gmp_certificate", "label_draft"):
            doc = documents.upload(w.session, svc.runtime.config, BIZ, content=PDF, declared_type="application/pdf",
                                   filename=f"{key}.pdf", doc_type=key, title=None, now=w.now)
            docs[key] = [doc["id"]]
        d = service.submit(w, SubmitIn(procedure="attp-tpbvsk", form=TPBVSK_FORM, documents=docs))
        return str(d["code"])


def do(svc: Svc, who: Actor, when: str, code: str, action: str, **body: Any) -> dict[str, Any]:
    with svc.work(who, parse_instant(when)) as w:
        return service.act(w, code, action, ActionIn(**body))


def test_supplement_moves_the_due_date_by_the_days_suspended(svc: Svc) -> None:
    code = file_dossier(svc, "2025-03-03 09:00")  # Monday
    with svc.work() as w:
        received = model.load(w.session, code)
    assert received.due_at == close_of(date(2025, 4, 1))  # 21 working days, counted from Tue 04/03
    assert received.suspended_at is not None  # awaiting the fee: the clock is stopped
    # fee confirmed two working days later: the due date moves by two days
    d = do(svc, CLERK, "2025-03-05 10:00", code, "confirm_payment")
    assert d["due_at"].startswith("2025-04-03T17:00")
    d = do(svc, SPECIALIST, "2025-03-10 09:00", code, "request_supplement", reason="Thiếu phiếu kiểm nghiệm")
    assert d["status"] == "supplement_requested"
    step_due_before = d["step"]["due_at"]
    # the applicant supplies on Thursday: Tue, Wed, Thu suspended
    with svc.work(BIZ, parse_instant("2025-03-13 14:00")) as w:
        doc = documents.upload(w.session, svc.runtime.config, BIZ, content=PDF, declared_type=None, filename=None,
                               doc_type="test_report", title="Phiếu kiểm nghiệm 2025", now=w.now)
        d = service.act(w, code, "supplement", ActionIn(documents={"test_report": [doc["id"]]}))
    assert d["status"] == "in_processing"
    assert d["due_at"].startswith("2025-04-09T17:00")  # 3 days after 03/04, Hùng Kings' day (07/04) skipped
    assert d["supplement"]["suspended_days"] == 5
    assert d["step"]["due_at"] > step_due_before
    assert [x["round"] for x in d["documents"] if x["requirement"] == "test_report"] == [0, 1]


def test_portal_sees_the_suspension_and_the_resumption(svc: Svc) -> None:
    code = file_dossier(svc, "2025-03-03 09:00")
    do(svc, CLERK, "2025-03-03 11:00", code, "confirm_payment")
    do(svc, SPECIALIST, "2025-03-04 09:00", code, "request_supplement", reason="Thiếu nhãn")
    with svc.work() as w:
        sent = [r.payload.get("TrangThai", r.payload.get("TrangThaiHoSo")) for r in w.session.execute(
            select(outbox).where(outbox.c.dossier_code == code).order_by(outbox.c.pk))]
    assert sent == [1, 2, 6, 4, 5]


def test_lapsed_supplement_ends_the_dossier(svc: Svc) -> None:
    from yteso.services import deadlines

    code = file_dossier(svc, "2025-03-03 09:00")
    do(svc, CLERK, "2025-03-03 11:00", code, "confirm_payment")
    do(svc, SPECIALIST, "2025-03-04 09:00", code, "request_supplement", reason="Thiếu nhãn")
    with svc.sessions()() as s:
        report = deadlines.sweep(s, svc.runtime, now=parse_instant("2025-06-01 09:00"))
    assert report.lapsed == []  # 90 working days have not passed
    with svc.sessions()() as s:
        report = deadlines.sweep(s, svc.runtime, now=parse_instant("2025-08-01 09:00"))
    assert report.lapsed == [code]
    with svc.work() as w:
        d = model.load(w.session, code)
    assert (d.status, d.decision) == ("decided", "refused")
