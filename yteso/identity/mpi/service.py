"""The master patient index's use cases, each in the caller's transaction (the public surface).

- :func:`match` — ``Patient/$match`` as the caller (only Patients the caller may read).
- :func:`link` — link an incoming Patient to the one it is, or register it: three bands, the
  middle one queued for an operator (:func:`list_reviews`, :func:`decide_review`).
- :func:`merge_patients` / :func:`unmerge_patients` — reversible merge of duplicates.
- For other systems that link records in bulk on their own authority (the gateway):
  :func:`match_person` (the band for plain demographic fields, no population-database call),
  :func:`queue_review` (queue a pair once) and :func:`survivors` (where merged records went).

Who may do what: ``$match`` any caller with Patient read scope; ``link`` a facility, clinician
or admin; reviews an officer or admin; merge and unmerge an admin. Everything is audited.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
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
from yteso.identity.mpi.features import from_patient, from_record, patient_name
from yteso.identity.mpi.match import find_matches, match_operation, require_something_to_match
from yteso.identity.mpi.population import client_for
from yteso.identity.mpi.scoring import LINK, NO_LINK, REVIEW, Weights, default_weights
from yteso.identity.mpi.tables import mpi_merge, mpi_review
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
            review_id = queue_review(
                session, patient_id, best.key, best.probability, weights.explain(best.levels),
                facility=caller.facility, requested_by=caller.subject,
            )  # fmt: skip
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


def queue_review(
    session: Session,
    patient_id: str,
    candidate_id: str,
    score: float,
    detail: Any,
    *,
    facility: str | None,
    requested_by: str,
) -> int:
    """Queue "``patient_id`` (a new record) may be ``candidate_id``" for an operator; the review's id.

    A pair is queued once: if it is already in the queue (pending or decided), nothing changes and
    the existing item's id is returned, so a system re-sending the same record neither fails nor
    duplicates (an upsert on PostgreSQL and SQLite, safe against a concurrent transaction queueing
    the same pair). In the caller's transaction; not audited here (the caller audits its use case).
    """
    row = {
        "created": _now(),
        "status": "pending",
        "patient_id": patient_id,
        "candidate_id": candidate_id,
        "score": score,
        "detail": detail,
        "facility": facility,
        "requested_by": requested_by,
    }
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        ins = postgresql.insert(mpi_review) if dialect == "postgresql" else sqlite.insert(mpi_review)
        stmt = ins.values(row).on_conflict_do_nothing(index_elements=["patient_id", "candidate_id"])
        new = session.execute(stmt.returning(mpi_review.c.id)).scalar_one_or_none()
        if new is not None:
            return int(new)
    existing = session.execute(
        select(mpi_review.c.id).where(mpi_review.c.patient_id == patient_id, mpi_review.c.candidate_id == candidate_id)
    ).scalar_one_or_none()
    if existing is not None:
        return int(existing)
    return int(session.execute(insert(mpi_review).returning(mpi_review.c.id), row).scalar_one())


@dataclass(frozen=True)
class Suggestion:
    """What the index says about one person: the band and, above ``no_link``, the best candidate."""

    band: str
    """``link``, ``review`` or ``no_link`` (:data:`LINK`, :data:`REVIEW`, :data:`NO_LINK`)."""
    candidate_id: str | None = None
    score: float | None = None
    """The best candidate's match probability."""
    detail: dict[str, Any] | None = None
    """The comparison levels and their bits (what a review shows the operator)."""


def match_person(
    repo: FhirRepository,
    *,
    full_name: str | None,
    birth_date: str | None,
    sex: str | None,
    phone: str | None = None,
    province_code: str | None = None,
    bhyt: str | None = None,
    cccd: str | None = None,
    exclude: Collection[str] = (),
    weights: Weights | None = None,
) -> Suggestion:
    """The band and best stored Patient for a person given as plain fields (normalised like a
    records-file row: any field may be empty or messy), among the Patients ``repo``'s caller may
    read, leaving out ``exclude`` (e.g. the record's own provisional Patient).

    For systems that link many records on their own authority: the population database is not
    asked (no network call per record), so nothing is deterministic and a CCCD counts only as
    evidence. One query (the blocking union), none when there is nothing to match on. Nothing is
    written or audited: the caller decides what to do with the band, and audits it.
    """
    weights = weights or default_weights()
    probe = from_record(cccd, full_name, birth_date, sex, province_code, phone, bhyt)
    if not (probe.cccd or probe.bhyt or probe.phone or probe.name or probe.birth):
        return Suggestion(NO_LINK)
    decision = find_matches(repo, probe, None, weights, exclude=exclude).decision
    best = decision.best
    if best is None or decision.band == NO_LINK:
        return Suggestion(NO_LINK, score=best.probability if best else None)
    return Suggestion(decision.band, best.key, best.probability, weights.explain(best.levels))


def survivors(session: Session, patient_ids: Iterable[str]) -> dict[str, str]:
    """Those of ``patient_ids`` merged into another Patient → the Patient that now stands for them
    (following a survivor that was merged again later). One query when none of them was merged."""
    wanted = set(patient_ids)
    step: dict[str, str] = {}
    pending = wanted
    for _hop in range(_MAX_HOPS):
        if not pending:
            break
        rows = session.execute(
            select(mpi_merge.c.source_id, mpi_merge.c.target_id).where(
                mpi_merge.c.source_id.in_(sorted(pending)), mpi_merge.c.status == "merged"
            )
        ).all()
        step.update((str(src), str(dst)) for src, dst in rows)
        pending = {str(dst) for _src, dst in rows} - set(step)
    out = {}
    for start in wanted:
        current = start
        for _hop in range(_MAX_HOPS):
            if current not in step:
                break
            current = step[current]
        if current != start:
            out[start] = current
    return out


_MAX_HOPS = 16


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
    "LINK",
    "NO_LINK",
    "REVIEW",
    "Suggestion",
    "decide_review",
    "link",
    "list_reviews",
    "match",
    "match_person",
    "merge_patients",
    "queue_review",
    "survivors",
    "unmerge_patients",
]
