"""How dossiers and procedures look in the API (and to the web pages built on it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from yteso.core.errors import DomainError
from yteso.core.timez import fhir_instant
from yteso.services import data_store, lifecycle, payment, results
from yteso.services.catalog import Procedure
from yteso.services.context import Work
from yteso.services.model import Dossier
from yteso.services.states import CLOCK_RUNNING, PORTAL_CODE, TRANSITIONS, USER_ACTIONS, VI_NAME, Status
from yteso.services.tables import dossier_event


def iso(value: datetime | None) -> str | None:
    return fhir_instant(value) if value is not None else None


def procedure_summary(proc: Procedure) -> dict[str, Any]:
    return {
        "code": proc.code,
        "name": proc.name,
        "name_en": proc.name_en,
        "field": proc.field,
        "applicants": list(proc.applicants),
        "level": proc.level,
        "channel": proc.channel,
        "unit": proc.unit.model_dump(),
        "time_limit_days": proc.time_limit_days,
        "fee_vnd": proc.fee.amount_vnd if proc.fee else 0,
    }


def procedure_detail(proc: Procedure) -> dict[str, Any]:
    return {
        **procedure_summary(proc),
        **proc.model_dump(
            mode="json",
            exclude={"code", "name", "name_en", "field", "applicants", "level", "channel", "unit", "time_limit_days"},
        ),
    }


def allowed_actions(w: Work, d: Dossier, proc: Procedure) -> list[str]:
    """The actions this actor could ask for now (the buttons a page shows)."""
    out = []
    for action in sorted(USER_ACTIONS):
        t = TRANSITIONS[action]
        if d.state not in t.sources:
            continue
        try:
            lifecycle.check(w, d, proc, action)
        except DomainError:
            continue
        out.append(action)
    return out


def dossier_summary(w: Work, d: Dossier, proc: Procedure) -> dict[str, Any]:
    deadline = d.promised_at or d.due_at
    running = d.state in CLOCK_RUNNING
    step = proc.step(d.step)
    return {
        "code": d.code,
        "procedure": {"code": proc.code, "name": proc.name},
        "unit": proc.unit.model_dump(),
        "applicant": {"kind": d.applicant_kind, "id": d.applicant_id, "name": d.applicant_name},
        "channel": d.channel,
        "status": d.status,
        "status_vi": VI_NAME[Status(d.status)],
        "portal_status": PORTAL_CODE[Status(d.status)],
        "step": {"id": step.id, "name": step.name, "role": step.role, "due_at": iso(d.step_due_at)} if step else None,
        "assignee": d.assignee,
        "submitted_at": iso(d.submitted_at),
        "received_at": iso(d.received_at),
        "due_at": iso(d.due_at),
        "promised_at": iso(d.promised_at),
        "overdue": bool(running and deadline is not None and deadline < w.now),
        "working_days_left": w.cal.working_days_left(w.now, deadline) if running and deadline else None,
        "decision": d.decision,
        "decided_at": iso(d.decided_at),
        "returned_at": iso(d.returned_at),
        "fee_vnd": d.fee_vnd,
        "paid_at": iso(d.paid_at),
    }


def dossier_filed(w: Work, d: Dossier, proc: Procedure) -> dict[str, Any]:
    """The answer to a submission: the summary, the form, the documents and the measures."""
    return {
        **dossier_summary(w, d, proc),
        "form": d.form,
        "measures": {
            "fields_total": d.fields_total,
            "fields_prefilled": d.fields_prefilled,
            "docs_total": d.docs_total,
            "docs_reused": d.docs_reused,
        },
        "documents": data_store.dossier_documents(w.session, d.pk),
        "actions": allowed_actions(w, d, proc),
    }


def dossier_detail(w: Work, d: Dossier, proc: Procedure) -> dict[str, Any]:
    events = w.session.execute(
        select(dossier_event).where(dossier_event.c.dossier_pk == d.pk).order_by(dossier_event.c.pk)
    )
    return {
        **dossier_summary(w, d, proc),
        "form": d.form,
        "decision_reason": d.decision_reason,
        "supplement": {
            "rounds": d.supplement_rounds,
            "max_rounds": proc.supplement.max_rounds,
            "due_at": iso(d.supplement_due_at),
            "suspended_days": d.suspended_days,
        },
        "rating": {"value": d.rating, "comment": d.rating_comment, "at": iso(d.rated_at)} if d.rating else None,
        "measures": {
            "fields_total": d.fields_total,
            "fields_prefilled": d.fields_prefilled,
            "docs_total": d.docs_total,
            "docs_reused": d.docs_reused,
        },
        "links": d.links,
        "documents": data_store.dossier_documents(w.session, d.pk),
        "issued": results.issued_for(w, d),
        "payments": payment.payments_of(w.session, d.pk),
        "events": [
            {
                "at": iso(e.at),
                "actor": e.actor,
                "actor_role": e.actor_role,
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "step": e.step,
                "note": e.note,
                "data": e.data,
            }
            for e in events
        ],
        "actions": allowed_actions(w, d, proc),
    }
