"""The master patient index's use cases, each in the caller's transaction (the public surface).

- :func:`match` — ``Patient/$match`` as the caller (only Patients the caller may read).
- :func:`link` — link an incoming Patient to the one it is, or register it: three bands, the
  middle one queued for an operator (:func:`list_reviews`, :func:`decide_review`).
- :func:`merge_patients` / :func:`unmerge_patients` — reversible merge of duplicates.

Who may do what: ``$match`` any caller with Patient read scope; ``link`` a facility, clinician
or admin; reviews an officer or admin; merge and unmerge an admin. Everything is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from yteso.core import audit
from yteso.core.audit import AuditContext
from yteso.core.auth import Caller
from yteso.core.errors import Conflict, Forbidden, Invalid, NotFound
from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM
from yteso.fhir.access import AccessPolicy
from yteso.fhir.repository import FhirRepository
from yteso.fhir.service import FhirContext, check_body, system_context
from yteso.identity.mpi import merge as merging
from yteso.identity.mpi.features import from_patient, patient_name
from yteso.identity.mpi.match import find_matches, match_operation, require_something_to_match
from yteso.identity.mpi.population import client_for
from yteso.identity.mpi.scoring import LINK, NO_LINK, REVIEW, Weights, default_weights
from yteso.identity.mpi.tables import mpi_review
from yteso.settings import Settings

REVIEW_STATUSES = ("pending", "linked", "not_linked")


def _require_role(caller: Caller, roles: tuple[str, ...], what_en: str, what_vi: str) -> None:
    if caller.role not in roles:
        raise Forbidden(f"Only {', '.join(roles)} may {what_en}", f"Chỉ vai trò {', '.join(roles)} được {what_vi}")


def match(
    session: Session, settings: Settings, caller: Caller, actor: AuditContext, body: Any, base: str
) -> dict[str, Any]:
    """``Patient/$match`` over the Patients the caller may read (see :mod:`.match`)."""
    repo = FhirRepository(session, AccessPolicy.for_caller(session, caller), actor)
    return match_operation(FhirContext(repo, settings, request_base=base), body, client_for(settings))


def link(
    session: Session,
    settings: Settings,
    caller: Caller,
    actor: AuditContext,
    body: Any,
    weights: Weights | None = None,
) -> dict[str, Any]:
    """Find the Patient an incoming Patient resource is, nationally, or register it.

    A verified CCCD carried by a stored Patient links deterministically. Otherwise the
    probabilistic band decides: ``link`` returns the existing Patient (nothing written);
    ``review`` registers the new Patient and queues the pair for an operator; ``no_link``
    registers it. When the population database is down the answer says so (``issues``).
    """
    _require_role(caller, ("facility", "clinician", "admin"), "link patients", "liên kết bệnh nhân")
    caller.require_scope("Patient", write=True)
    weights = weights or default_weights()
    patient = check_body("Patient", body)
    probe = from_patient(patient)
    require_something_to_match(probe)
    ctx = system_context(session, settings, agent=caller.subject, facility=caller.facility)
    result = find_matches(ctx.repo, probe, client_for(settings), weights)
    best = result.decision.best
    band = LINK if result.deterministic else result.decision.band
    review_id = None
    score: float | None
    if band == LINK and best is not None:
        patient_id = result.deterministic[0] if result.deterministic else best.key
        score = 1.0 if result.deterministic else round(best.probability, 4)
    else:
        patient_id = ctx.repo.create(patient, facility=caller.facility).res_id
        score = round(best.probability, 4) if best else None
        if band == REVIEW and best is not None:
            review_id = _queue(session, caller, patient_id, best.key, best.probability, weights.explain(best.levels))
    audit.record(
        session, actor, "operation", resource_type="Patient", resource_id=patient_id,
        patient_ids=[patient_id] + ([best.key] if best and band == REVIEW else []), query=f"mpi.link band={band}",
    )  # fmt: skip
    return {
        "band": band,
        "patient": f"Patient/{patient_id}",
        "created": band != LINK,
        "score": score,
        "deterministic": bool(result.deterministic),
        "review_id": review_id,
        "population_checked": result.check.answered,
        "issues": [_issue_json(result.check.note)] if result.check.note else [],
    }


def _queue(session: Session, caller: Caller, patient_id: str, candidate_id: str, p: float, detail: Any) -> int:
    return int(
        session.execute(
            insert(mpi_review).returning(mpi_review.c.id),
            {
                "created": _now(),
                "status": "pending",
                "patient_id": patient_id,
                "candidate_id": candidate_id,
                "score": p,
                "detail": detail,
                "facility": caller.facility,
                "requested_by": caller.subject,
            },
        ).scalar_one()
    )


def list_reviews(
    session: Session, caller: Caller, actor: AuditContext, *, status: str = "pending", limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Review items, oldest first, with both Patients' identifying data (audited as reads)."""
    _require_role(caller, ("officer", "admin"), "see the review queue", "xem hàng đợi đối chiếu")
    if status not in REVIEW_STATUSES:
        raise Invalid(f"status must be one of {', '.join(REVIEW_STATUSES)}", "Trạng thái không hợp lệ")
    limit = max(1, min(limit, 500))
    total = session.execute(select(func.count()).select_from(mpi_review).where(mpi_review.c.status == status)).scalar()
    rows = session.execute(
        select(mpi_review)
        .where(mpi_review.c.status == status)
        .order_by(mpi_review.c.created, mpi_review.c.id)
        .limit(limit)
        .offset(max(0, offset))
    ).all()
    patients = _summaries(session, {pid for r in rows for pid in (r.patient_id, r.candidate_id)})
    items = [_review_json(r, patients) for r in rows]
    audit.record(
        session, actor, "read", resource_type="Patient", patient_ids=sorted(patients) or [None],
        query=f"mpi.reviews status={status}",
    )  # fmt: skip
    return {"total": total, "items": items}


def decide_review(
    session: Session,
    settings: Settings,
    caller: Caller,
    actor: AuditContext,
    review_id: int,
    decision: str,
    note: str | None = None,
) -> dict[str, Any]:
    """An operator's decision: ``link`` merges the new record into the candidate; ``no-link`` closes it."""
    _require_role(caller, ("officer", "admin"), "decide reviews", "quyết định đối chiếu")
    if decision not in ("link", "no-link"):
        raise Invalid("decision must be 'link' or 'no-link'", "Quyết định phải là 'link' hoặc 'no-link'")
    row = session.execute(select(mpi_review).where(mpi_review.c.id == review_id)).first()
    if row is None:
        raise NotFound(f"Review {review_id} not found", f"Không tìm thấy mục đối chiếu {review_id}")
    if row.status != "pending":
        raise Conflict(f"Review {review_id} is already decided ({row.status})", f"Mục {review_id} đã được quyết định")
    merge_id = None
    if decision == "link":
        ctx = system_context(session, settings, agent=caller.subject)
        reason = f"review {review_id}" + (f": {note}" if note else "")
        merge_id = merging.merge(ctx, row.patient_id, row.candidate_id, actor=actor, reason=reason).merge_id
    session.execute(
        update(mpi_review)
        .where(mpi_review.c.id == review_id)
        .values(
            status="linked" if decision == "link" else "not_linked",
            decided_at=_now(),
            decided_by=caller.subject,
            note=(note or "")[:1024] or None,
            merge_id=merge_id,
        )
    )
    audit.record(
        session, actor, "operation", resource_type="Patient", resource_id=row.patient_id,
        patient_ids=[row.patient_id, row.candidate_id], query=f"mpi.review {review_id} {decision}",
    )  # fmt: skip
    return {"review_id": review_id, "status": "linked" if decision == "link" else "not_linked", "merge_id": merge_id}


def merge_patients(
    session: Session, settings: Settings, caller: Caller, actor: AuditContext, source: str, target: str,
    reason: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Merge Patient ``source`` (the duplicate) into ``target`` (the survivor); admin only."""
    _require_role(caller, ("admin",), "merge patients", "gộp hồ sơ bệnh nhân")
    ctx = system_context(session, settings, agent=caller.subject)
    result = merging.merge(ctx, _id(source), _id(target), actor=actor, reason=reason)
    return {"merge_id": result.merge_id, "source": f"Patient/{result.source}", "target": f"Patient/{result.target}",
            "moved": result.moved, "status": "merged"}  # fmt: skip


def unmerge_patients(
    session: Session, settings: Settings, caller: Caller, actor: AuditContext, merge_id: int | None = None,
    source: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Undo a merge, named by its id or by the duplicate it replaced; admin only."""
    _require_role(caller, ("admin",), "unmerge patients", "tách hồ sơ bệnh nhân")
    ctx = system_context(session, settings, agent=caller.subject)
    if merge_id is None:
        if not source:
            raise Invalid("Give merge_id or source", "Cần merge_id hoặc source")
        merge_id = merging.merge_for_source(ctx, _id(source))
        if merge_id is None:
            raise NotFound(f"Patient/{_id(source)} is not merged", f"Patient/{_id(source)} chưa được gộp")
    result = merging.unmerge(ctx, merge_id, actor=actor)
    return {"merge_id": result.merge_id, "source": f"Patient/{result.source}", "target": f"Patient/{result.target}",
            "moved": result.moved, "status": "unmerged"}  # fmt: skip


def _id(reference: str) -> str:
    """``Patient/abc`` or ``abc`` → ``abc``."""
    text = reference.strip()
    return text.split("/", 1)[1] if text.startswith("Patient/") else text


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _summaries(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Identifying data of Patients for an operator (read with system rights)."""
    if not ids:
        return {}
    from yteso.fhir.tables import resource

    r = resource
    rows = session.execute(
        select(r.c.pk, r.c.res_id, r.c.deleted).where(r.c.res_type == "Patient", r.c.res_id.in_(ids))
    ).all()
    system = AuditContext("mpi", "system", None, None, None)
    repo = FhirRepository(session, AccessPolicy(Caller("mpi", "admin")), system)
    bodies = repo.bodies([row.pk for row in rows])
    out = {}
    for row in rows:
        body = bodies.get(row.pk) or {}
        idents = {i.get("system"): i.get("value") for i in body.get("identifier") or () if isinstance(i, dict)}
        phones = [t.get("value") for t in body.get("telecom") or () if isinstance(t, dict) and t.get("value")]
        out[row.res_id] = {
            "id": row.res_id,
            "name": patient_name(body),
            "birthDate": body.get("birthDate"),
            "gender": body.get("gender"),
            "cccd": idents.get(CCCD_SYSTEM),
            "bhyt": idents.get(BHYT_SYSTEM),
            "phone": phones[0] if phones else None,
            "active": body.get("active", True) and not row.deleted,
        }
    return out


def _review_json(r: Any, patients: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": r.id,
        "created": r.created.isoformat(),
        "status": r.status,
        "score": round(r.score, 4),
        "patient": patients.get(r.patient_id, {"id": r.patient_id}),
        "candidate": patients.get(r.candidate_id, {"id": r.candidate_id}),
        "comparison": r.detail,
        "decided_by": r.decided_by,
        "decided_at": r.decided_at.isoformat() if r.decided_at else None,
        "note": r.note,
        "merge_id": r.merge_id,
    }


def _issue_json(issue: Any) -> dict[str, Any]:
    return {
        "severity": issue.severity,
        "rule": issue.rule,
        "message_vi": issue.message_vi,
        "message_en": issue.message_en,
    }


__all__ = [
    "NO_LINK",
    "decide_review",
    "link",
    "list_reviews",
    "match",
    "merge_patients",
    "unmerge_patients",
]
