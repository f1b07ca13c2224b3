"""The electronic data store of each person and organisation (Kho quản lý dữ liệu điện tử).

It keeps every digitised document and every result (``svc_document``) and the data known about the
owner (``svc_profile``: from the population database, the business registry and earlier forms), and
offers them for the next dossier so the applicant is not asked again. A document attached to a
dossier counts as *reused* when it was already in the store before (an earlier dossier's upload, a
result, a paper from another agency).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from yteso.core.errors import Issue, Unprocessable
from yteso.services.catalog import DocumentRequirement, Procedure
from yteso.services.documents import META, Owner, describe
from yteso.services.tables import document, dossier_document, profile

DAYS_PER_MONTH = 30.44


def get_profile(session: Session, owner: Owner) -> dict[str, Any]:
    """What the store knows about the owner (``citizen.*``, ``business.*``, ``form.<key>``)."""
    row = session.execute(
        select(profile.c.data).where(profile.c.owner_kind == owner.kind, profile.c.owner_id == owner.id)
    ).first()
    return dict(row.data) if row else {}


def merge_profile(
    session: Session, owner: Owner, values: dict[str, Any], now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Add ``values`` to the owner's data (newer values win); returns (the data before, after)."""
    current = session.execute(
        select(profile.c.data)
        .where(profile.c.owner_kind == owner.kind, profile.c.owner_id == owner.id)
        .with_for_update()
    ).first()
    if current is None:
        session.execute(insert(profile).values(owner_kind=owner.kind, owner_id=owner.id, data=values, updated_at=now))
        return {}, dict(values)
    before = dict(current.data)
    merged = {**before, **values}
    if merged != before:
        session.execute(
            update(profile)
            .where(profile.c.owner_kind == owner.kind, profile.c.owner_id == owner.id)
            .values(data=merged, updated_at=now)
        )
    return before, merged


def list_documents(session: Session, owner: Owner, doc_types: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """The owner's documents, newest first (of ``doc_types`` if given)."""
    stmt = select(*META).where(document.c.owner_kind == owner.kind, document.c.owner_id == owner.id)
    if doc_types:
        stmt = stmt.where(document.c.doc_type.in_(doc_types))
    return [describe(r) for r in session.execute(stmt.order_by(document.c.created_at.desc(), document.c.pk.desc()))]


def _fresh(
    req: DocumentRequirement, issued: datetime | None, created: datetime, valid_until: datetime | None, now: datetime
) -> bool:
    if valid_until is not None and valid_until < now:
        return False
    if req.max_age_months is None:
        return True
    return (issued or created) >= now - timedelta(days=req.max_age_months * DAYS_PER_MONTH)


def candidates(session: Session, owner: Owner, proc: Procedure, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """For each required component, the owner's stored documents that satisfy it (offered for reuse)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for req in proc.documents:
        if req.provided_by:
            continue
        docs = [
            d
            for d in list_documents(session, owner, req.accepted_types)
            if d["media_type"] in req.media_types
            and _fresh(req, d["issued_at"], d["created_at"], d["valid_until"], now)
        ]
        out[req.key] = docs
    return out


@dataclass(frozen=True)
class Resolved:
    """Documents checked for a dossier, ready to link: (requirement, document pk, reused)."""

    links: list[tuple[str, int, bool]]

    @property
    def total(self) -> int:
        return len(self.links)

    @property
    def reused(self) -> int:
        return sum(r for _k, _pk, r in self.links)


def resolve(
    session: Session,
    owner: Owner,
    proc: Procedure,
    refs: Any,
    now: datetime,
    *,
    require_all: bool = True,
    dossier_pk: int | None = None,
) -> Resolved:
    """Check the referenced documents (``{requirement: [document id, ...]}``): each is the owner's, of an
    accepted type and recent enough, and every required component is there (422 naming each problem)."""
    refs = refs or {}
    if not isinstance(refs, dict):
        raise Unprocessable(
            "documents must map each component to document ids",
            "documents phải là ánh xạ thành phần hồ sơ → danh sách mã giấy tờ",
        )
    issues = [
        Issue(
            f"Unknown component {key!r}",
            f"Không có thành phần hồ sơ {key!r}",
            expression=f"documents.{key}",
            rule="document.unknown",
        )
        for key in sorted(set(refs) - {r.key for r in proc.documents})
    ]
    wanted = {str(i) for ids in refs.values() for i in ([ids] if isinstance(ids, str) else ids or [])}
    found = {r.id: r for r in session.execute(select(*META).where(document.c.id.in_(wanted)))} if wanted else {}
    links: list[tuple[str, int, bool]] = []
    for req in proc.documents:
        ids = refs.get(req.key) or []
        ids = [ids] if isinstance(ids, str) else ids
        if req.provided_by and ids:
            issues.append(
                _doc_issue(
                    req,
                    None,
                    "document.provided-by-system",
                    "do hệ thống liên thông lấy, không cần nộp",
                    "is obtained by the system",
                )
            )
            continue
        if not ids and req.required and not req.provided_by and require_all:
            issues.append(_doc_issue(req, None, "document.required", "bắt buộc", "is required"))
        for doc_id in ids:
            row = found.get(str(doc_id))
            problem = _problem(req, row, owner, now)
            if problem or row is None:
                issues.append(_doc_issue(req, str(doc_id), *(problem or ("document.not-found", "", ""))))
            else:
                earlier = row.first_dossier_pk is not None and row.first_dossier_pk != dossier_pk
                links.append((req.key, row.pk, row.source != "upload" or earlier))
    if issues:
        raise Unprocessable("The documents have errors", "Thành phần hồ sơ có lỗi", issues=issues)
    return Resolved(links)


def link(session: Session, dossier_pk: int, resolved: Resolved, *, round_no: int = 0) -> None:
    """Attach resolved documents to the dossier; a document used for the first time remembers it."""
    if not resolved.links:
        return
    session.execute(
        insert(dossier_document),
        [
            {"dossier_pk": dossier_pk, "document_pk": pk, "requirement": key, "reused": reused, "round": round_no}
            for key, pk, reused in resolved.links
        ],
    )
    session.execute(
        update(document)
        .where(document.c.pk.in_({pk for _k, pk, _r in resolved.links}), document.c.first_dossier_pk.is_(None))
        .values(first_dossier_pk=dossier_pk)
    )


def _problem(req: DocumentRequirement, row: Any, owner: Owner, now: datetime) -> tuple[str, str, str] | None:
    if row is None or row.owner_kind != owner.kind or row.owner_id != owner.id:
        return "document.not-found", "không có trong kho dữ liệu của người nộp", "is not in the applicant's store"
    if row.doc_type not in req.accepted_types:
        return (
            "document.type",
            f"loại giấy tờ {row.doc_type} không phù hợp",
            f"document type {row.doc_type} does not fit",
        )
    if row.media_type not in req.media_types:
        return "document.media-type", f"định dạng {row.media_type} không được nhận", f"{row.media_type} not accepted"
    if not _fresh(req, row.issued_at, row.created_at, row.valid_until, now):
        return "document.expired", "đã hết hạn sử dụng", "is too old or expired"
    return None


def _doc_issue(req: DocumentRequirement, value: str | None, rule: str, vi: str, en: str) -> Issue:
    return Issue(f"{req.name_en}: {en}", f"{req.name}: {vi}", expression=f"documents.{req.key}", value=value, rule=rule)


def dossier_documents(session: Session, dossier_pk: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(*META, dossier_document.c.requirement, dossier_document.c.reused, dossier_document.c.round)
        .join(dossier_document, dossier_document.c.document_pk == document.c.pk)
        .where(dossier_document.c.dossier_pk == dossier_pk)
        .order_by(dossier_document.c.round, document.c.pk)
    )
    return [{**describe(r), "requirement": r.requirement, "reused": r.reused, "round": r.round} for r in rows]
