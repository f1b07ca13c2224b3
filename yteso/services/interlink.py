"""Interlinked procedures (thủ tục liên thông): steps done by another agency's service.

The practising certificate asks the justice service for the applicant's criminal-record certificate
(phiếu lý lịch tư pháp). Entering that step writes an outbox row; the worker then either reuses a
certificate still valid in the applicant's data store, or sends the request and polls for the
answer. The certificate is kept in the data store (for the next dossier) and attached to the
dossier, and the step completes by itself.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from yteso.core.ids import IdentifierError
from yteso.core.timez import now_utc
from yteso.services import access, data_store, lifecycle, model, outbox, signing
from yteso.services.context import Runtime, Work
from yteso.services.documents import Owner, store
from yteso.services.model import Dossier
from yteso.services.states import Status
from yteso.services.tables import document, dossier, dossier_document

log = logging.getLogger("yteso.services.interlink")
AGENT = "justice-interlink"
SERVICE = "justice.criminal_record"
ISSUER = "Trung tâm Lý lịch tư pháp quốc gia"
PURPOSE = "Bổ sung hồ sơ đề nghị cấp giấy phép hành nghề khám bệnh, chữa bệnh"


def _work(session: Session, rt: Runtime, now: datetime) -> Work:
    return Work(session, rt, access.system_actor(AGENT), now)


def _requirement(rt: Runtime, d: Dossier) -> Any:
    proc = rt.procedure(d.procedure_code)
    return proc, next(r for r in proc.documents if r.provided_by == SERVICE)


def deliver_requests(
    session: Session, rt: Runtime, client: Any, limit: int = 50, *, now: datetime | None = None
) -> outbox.DeliveryReport:
    """Send pending certificate requests (or satisfy them from the data store). Commits per row."""
    from yteso.integrations.justice import JusticeRejected, JusticeUnavailable

    def send(row: Any) -> None:
        with session.begin():
            if _reuse_stored(session, rt, row.dossier_code, now or now_utc()):
                return
        p = row.payload
        request = client.request_certificate(
            p["cccd"], p["full_name"] or "", PURPOSE, idempotency_key=f"{row.dossier_code}:{row.pk}"
        )
        with session.begin():
            d = model.load(session, row.dossier_code, for_update=True)
            d.links = {**d.links, "justice": {"request_id": request.request_id, "status": "pending"}}
            model.save(session, d, now or now_utc())

    def classify(exc: Exception) -> str | None:
        if isinstance(exc, JusticeUnavailable):
            return "retry"
        if isinstance(exc, JusticeRejected | IdentifierError):
            return "reject"
        return None

    return outbox.process(session, outbox.JUSTICE, limit, send, classify, now=now)


def _reuse_stored(session: Session, rt: Runtime, code: str, now: datetime) -> bool:
    """Attach a still-valid certificate from the applicant's store and complete the step, if there is one."""
    d = model.load(session, code, for_update=True)
    if d.state != Status.IN_PROCESSING or "justice" in d.links:
        return True  # withdrawn meanwhile, or already handled: nothing to send
    proc, req = _requirement(rt, d)
    owner = Owner(d.applicant_kind, d.applicant_id)
    found = (
        data_store.candidates(
            session, owner, proc.model_copy(update={"documents": (req.model_copy(update={"provided_by": None}),)}), now
        ).get(req.key)
        or []
    )
    if not found:
        return False
    pk = session.execute(select(document.c.pk).where(document.c.id == found[0]["id"])).scalar_one()
    _attach_and_complete(_work(session, rt, now), d, req.key, pk, note="Dùng lại phiếu lý lịch tư pháp còn hiệu lực")
    return True


def poll(session: Session, rt: Runtime, client: Any, *, now: datetime | None = None) -> int:
    """Ask the justice service about every pending request; returns how many were answered."""
    from yteso.integrations.justice import JusticeRejected, JusticeUnavailable

    system_steps = {s.id for p in rt.catalog.values() for s in p.steps if s.service == SERVICE}
    with session.begin():
        rows = session.execute(
            select(dossier.c.code, dossier.c.links).where(
                dossier.c.status == Status.IN_PROCESSING.value, dossier.c.step.in_(system_steps)
            )
        ).all()
    waiting = [
        (code, links["justice"]["request_id"])
        for code, links in rows
        if (links or {}).get("justice", {}).get("status") == "pending"
    ]
    answered = 0
    for code, request_id in waiting:
        try:
            result = client.get(request_id)
        except (JusticeUnavailable, JusticeRejected) as exc:
            log.warning("justice_poll_failed", extra={"dossier": code, "error": str(exc)})
            continue
        if result.status == "pending":
            continue
        with session.begin():
            _answered(session, rt, code, result, now or now_utc())
        answered += 1
    return answered


def _answered(session: Session, rt: Runtime, code: str, result: Any, now: datetime) -> None:
    d = model.load(session, code, for_update=True)
    if d.state != Status.IN_PROCESSING or d.links.get("justice", {}).get("status") != "pending":
        return
    w = _work(session, rt, now)
    proc, req = _requirement(rt, d)
    d.links = {
        **d.links,
        "justice": {
            **d.links["justice"],
            "status": result.status,
            "certificate_no": result.certificate_no,
            "has_record": result.has_record,
        },
    }
    if result.status != "issued":
        t = lifecycle.check(w, d, proc, "interlink_done")
        _next_step(w, d, proc)
        lifecycle.finish(w, d, proc, t, note=f"Sở Tư pháp/Trung tâm LLTP từ chối cấp phiếu: {result.reason or ''}")
        return
    issued = result.issued_at.astimezone(UTC).replace(tzinfo=None) if result.issued_at else now
    sections = [
        ("Số phiếu", result.certificate_no or ""),
        ("Họ và tên", d.applicant_name or ""),
        ("Số định danh cá nhân", d.applicant_cccd or ""),
        ("Tình trạng án tích", "Có án tích" if result.has_record else "Không có án tích"),
        ("Mục đích", PURPOSE),
    ]
    pdf = signing.render(
        "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1", sections, qr_url=None, footer=f"{ISSUER} — bản điện tử nhận qua liên thông"
    )
    pk, _ = store(
        session,
        rt.config,
        Owner(d.applicant_kind, d.applicant_id),
        content=pdf,
        media_type="application/pdf",
        doc_type=req.key,
        title="Phiếu lý lịch tư pháp số 1",
        source="interlink",
        by=AGENT,
        now=now,
        number=result.certificate_no,
        issuer=ISSUER,
        issued_at=issued,
    )
    _attach_and_complete(w, d, req.key, pk, note="Đã nhận phiếu lý lịch tư pháp qua liên thông")


def _attach_and_complete(w: Work, d: Dossier, requirement: str, document_pk: int, *, note: str) -> None:
    proc = w.rt.procedure(d.procedure_code)
    t = lifecycle.check(w, d, proc, "interlink_done")
    w.session.execute(
        insert(dossier_document).values(
            dossier_pk=d.pk, document_pk=document_pk, requirement=requirement, reused=True, round=0
        )
    )
    d.docs_total += 1
    d.docs_reused += 1
    _next_step(w, d, proc)
    lifecycle.finish(w, d, proc, t, note=note)


def _next_step(w: Work, d: Dossier, proc: Any) -> None:
    following = proc.next_step(d.step)
    if following is not None:
        lifecycle.enter_step(w, d, proc, following)
