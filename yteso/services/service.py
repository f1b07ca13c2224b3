"""Public surface of the administrative-procedure system (hệ thống giải quyết TTHC).

Routes, the CLI and other packages call these functions; each works inside the caller's
transaction (a :class:`~yteso.services.context.Work`) and enforces who may do what.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from yteso.core.errors import Forbidden, NotFound
from yteso.services import access, documents, metrics, model, payment, processing, submission, views
from yteso.services.catalog import Procedure
from yteso.services.context import Runtime, Work
from yteso.services.data_store import candidates, list_documents
from yteso.services.model import Dossier
from yteso.services.schemas import ActionIn, SubmitIn
from yteso.services.states import TRANSITIONS, USER_ACTIONS
from yteso.services.tables import dossier

Handler = Callable[[Work, Dossier, Procedure, ActionIn], None]
HANDLERS: dict[str, Handler] = {
    "receive": submission.receive,
    "not_accept": submission.not_accept,
    "supplement": submission.supplement,
    "withdraw": submission.withdraw,
    "confirm_payment": payment.confirm_payment,
    "assign": processing.assign,
    "complete_step": processing.complete_step,
    "send_back": processing.send_back,
    "request_supplement": processing.request_supplement,
    "approve": processing.approve,
    "refuse": processing.refuse,
    "return_result": processing.return_result,
    "rate": processing.rate,
    "apologize": processing.apologize,
}
"""Every action a caller may ask for, by name (the transition table lists who may, from where)."""

assert set(HANDLERS) == set(USER_ACTIONS), "every user action of the state machine has a handler"


def list_procedures(rt: Runtime, *, applicant: str | None = None) -> list[dict[str, Any]]:
    procs = [p for p in rt.catalog.values() if applicant is None or applicant in p.applicants]
    return [views.procedure_summary(p) for p in sorted(procs, key=lambda p: p.code)]


def get_procedure(rt: Runtime, code: str) -> dict[str, Any]:
    return views.procedure_detail(rt.procedure(code))


def submit(w: Work, body: SubmitIn) -> dict[str, Any]:
    """File a dossier (online by the applicant, or at the counter by a clerk)."""
    d = submission.submit(w, body)
    access.audited_read(w.session, w.actor, d, "create")
    return views.dossier_filed(w, d, w.rt.procedure(d.procedure_code))


def get_dossier(w: Work, code: str) -> dict[str, Any]:
    """One dossier with its history, documents, payments and the caller's possible actions; audited."""
    d = model.load(w.session, code)
    access.audited_read(w.session, w.actor, d)
    return views.dossier_detail(w, d, w.rt.procedure(d.procedure_code))


def act(w: Work, code: str, action: str, body: ActionIn) -> dict[str, Any]:
    """Perform ``action`` on a dossier: 404 unknown action, 403 not the caller's to do, 409 not now."""
    if action not in TRANSITIONS:
        raise NotFound(f"No action {action!r}", f"Không có thao tác {action!r}")
    if action not in USER_ACTIONS:
        raise Forbidden(f"{action!r} is done by the system only", f"Thao tác {action!r} chỉ do hệ thống thực hiện")
    d = model.load(w.session, code, for_update=True)
    access.audited_read(w.session, w.actor, d, "update")
    proc = w.rt.procedure(d.procedure_code)
    HANDLERS[action](w, d, proc, body)
    return views.dossier_detail(w, d, proc)


def list_dossiers(w: Work, *, status: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """The caller's dossiers (applicant), the unit's (officer, most urgent first), or all (admin)."""
    if w.actor.is_officer:
        page = processing.queue(w, status=status, limit=limit, offset=offset)
        items, total = page["items"], page["total"]
    else:
        stmt = select(dossier)
        if w.actor.is_applicant:
            stmt = stmt.where(
                dossier.c.applicant_kind == w.actor.applicant_kind, dossier.c.applicant_id == w.actor.applicant_id
            )
        if status:
            stmt = stmt.where(dossier.c.status == status)
        total = w.session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        rows = w.session.execute(
            stmt.order_by(dossier.c.submitted_at.desc(), dossier.c.pk.desc()).limit(limit).offset(offset)
        )
        items = [Dossier.from_row(r) for r in rows]
    access.audit_list(w.session, w.actor, items)
    return {"total": total, "items": [views.dossier_summary(w, d, w.rt.procedure(d.procedure_code)) for d in items]}


def queue(w: Work, **filters: Any) -> dict[str, Any]:
    """The officer's queue (their unit's open dossiers by due date), filtered by step, status, overdue, mine."""
    if not w.actor.is_officer:
        raise Forbidden("The queue is for officers", "Hàng đợi hồ sơ dành cho cán bộ")
    page = processing.queue(w, **filters)
    access.audit_list(w.session, w.actor, page["items"])
    return {
        "total": page["total"],
        "items": [views.dossier_summary(w, d, w.rt.procedure(d.procedure_code)) for d in page["items"]],
    }


def data_store(w: Work, doc_type: str | None = None) -> dict[str, Any]:
    """The caller's electronic data store: documents and results kept for reuse."""
    owner = documents.owner_of(w.actor)
    return {
        "owner": {"kind": owner.kind, "id": owner.id},
        "documents": list_documents(w.session, owner, (doc_type,) if doc_type else None),
    }


def reusable(w: Work, code: str) -> dict[str, list[dict[str, Any]]]:
    return candidates(w.session, documents.owner_of(w.actor), w.rt.procedure(code), w.now)


def indicators(
    w: Work, *, start: date, end: date, group: str, unit: str | None, procedure: str | None
) -> dict[str, Any]:
    """Decision 766 indicators (aggregates: no personal data)."""
    return metrics.compute(w.session, start=start, end=end, now=w.now, group=group, unit=unit, procedure=procedure)
