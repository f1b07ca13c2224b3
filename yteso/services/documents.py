"""Documents of the electronic data store (Kho dữ liệu điện tử): uploads, results, interlinked papers.

An upload is checked before it is kept: not larger than the limit (413), its type sniffed from its
bytes (``filetype``) and refused unless PDF, JPEG or PNG (415), and refused when the declared type or
the file-name extension says otherwise (a file that is not what it claims to be). The bytes live in
the database or, when ``YTESO_SERVICES_UPLOAD_DIR`` is set, in that directory by SHA-256.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import filetype
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from yteso.core import audit
from yteso.core.errors import Forbidden, Invalid, Issue, NotFound, TooLarge, UnsupportedMediaType
from yteso.services.access import ADMIN, SYSTEM, Actor
from yteso.services.settings import ServicesSettings
from yteso.services.tables import document, dossier, dossier_document

META = tuple(c for c in document.c if c.name != "content")
"""Every column of a stored document but its bytes (listing must not read the files)."""
ALLOWED = {"application/pdf": (".pdf",), "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",)}
UNSPECIFIED = {"", "application/octet-stream"}


@dataclass(frozen=True)
class Owner:
    """Whose data store: a citizen (CCCD) or a business (enterprise code)."""

    kind: str
    id: str


def owner_of(actor: Actor) -> Owner:
    if not actor.is_applicant or not actor.applicant_kind or not actor.applicant_id:
        raise Forbidden("Only an applicant has a data store", "Chỉ người nộp hồ sơ có kho dữ liệu")
    return Owner(actor.applicant_kind, actor.applicant_id)


def sniff(content: bytes, declared_type: str | None, filename: str | None) -> str:
    """The media type of ``content`` if allowed and consistent with what the uploader declared."""
    kind = filetype.guess(content[:8192])
    sniffed = kind.mime if kind else None
    if sniffed not in ALLOWED:
        raise UnsupportedMediaType(
            f"Only PDF, JPEG and PNG files are accepted (this file is {sniffed or 'unrecognised'})",
            f"Chỉ nhận tệp PDF, JPEG, PNG (tệp này là {sniffed or 'không xác định'})",
            issues=[Issue("file type", "loại tệp", expression="file", value=sniffed, rule="upload.type")],
        )
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared not in UNSPECIFIED and declared != sniffed:
        raise UnsupportedMediaType(
            f"The file claims to be {declared} but is {sniffed}",
            f"Tệp khai là {declared} nhưng thực chất là {sniffed}",
            issues=[
                Issue(
                    "declared type differs",
                    "loại khai báo sai",
                    expression="file",
                    value=declared,
                    rule="upload.type-mismatch",
                )
            ],
        )
    suffix = Path(filename or "").suffix.lower()
    if suffix and suffix not in ALLOWED[sniffed]:
        raise UnsupportedMediaType(
            f"The file name ends in {suffix} but the file is {sniffed}",
            f"Tên tệp có đuôi {suffix} nhưng tệp là {sniffed}",
            issues=[
                Issue(
                    "extension differs",
                    "đuôi tệp sai",
                    expression="file",
                    value=suffix,
                    rule="upload.extension-mismatch",
                )
            ],
        )
    return sniffed


def check_size(size: int, config: ServicesSettings) -> None:
    if size > config.max_upload_bytes:
        raise TooLarge(
            f"The file is larger than {config.max_upload_bytes} bytes",
            f"Tệp lớn hơn giới hạn {config.max_upload_bytes} byte",
        )


def store(
    session: Session,
    config: ServicesSettings,
    owner: Owner,
    *,
    content: bytes,
    media_type: str,
    doc_type: str,
    title: str,
    source: str,
    by: str,
    now: datetime,
    doc_id: str | None = None,
    **extra: Any,
) -> tuple[int, str]:
    """Keep a document in ``owner``'s data store; returns (pk, public id)."""
    if not doc_type or len(doc_type) > 40:
        raise Invalid(
            "A document type of 1-40 characters is required",
            "Cần loại giấy tờ (1-40 ký tự)",
            issues=[Issue("doc_type", "loại giấy tờ", expression="doc_type", value=doc_type, rule="upload.doc_type")],
        )
    digest = hashlib.sha256(content).hexdigest()
    path = None
    if config.upload_dir:
        target = Path(config.upload_dir) / digest[:2] / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp" + uuid.uuid4().hex[:6])
            tmp.write_bytes(content)
            tmp.replace(target)
        path = str(target)
    doc_id = doc_id or str(uuid.uuid4())
    pk = session.execute(
        insert(document)
        .values(
            id=doc_id,
            owner_kind=owner.kind,
            owner_id=owner.id,
            doc_type=doc_type,
            title=title[:255] or doc_type,
            media_type=media_type,
            size=len(content),
            sha256=digest,
            content=None if path else content,
            path=path,
            source=source,
            created_at=now,
            uploaded_by=by,
            **extra,
        )
        .returning(document.c.pk)
    ).scalar_one()
    return int(pk), doc_id


def upload(
    session: Session,
    config: ServicesSettings,
    actor: Actor,
    *,
    content: bytes,
    declared_type: str | None,
    filename: str | None,
    doc_type: str,
    title: str | None,
    now: datetime,
    for_owner: Owner | None = None,
) -> dict[str, Any]:
    """An applicant's upload into their own store (or a clerk's, at the counter, into ``for_owner``'s)."""
    check_size(len(content), config)
    owner = for_owner if actor.is_officer and for_owner is not None else owner_of(actor)
    if owner.kind not in ("citizen", "business") or not 10 <= len(owner.id) <= 20:
        raise Invalid(
            "Name the applicant: citizen or business, and their ID",
            "Cần khai người nộp: công dân hoặc doanh nghiệp, và số định danh/mã số",
            issues=[
                Issue(
                    "bad applicant",
                    "người nộp không hợp lệ",
                    expression="applicant_kind",
                    value=owner.kind,
                    rule="upload.applicant",
                )
            ],
        )
    media = sniff(content, declared_type, filename)
    _pk, doc_id = store(
        session,
        config,
        owner,
        content=content,
        media_type=media,
        doc_type=doc_type,
        title=title or filename or doc_type,
        source="upload",
        by=actor.subject,
        now=now,
    )
    return describe(session.execute(select(*META).where(document.c.id == doc_id)).one())


def describe(row: Any) -> dict[str, Any]:
    """A document's metadata as the API shows it (never the bytes)."""
    return {
        "id": row.id,
        "doc_type": row.doc_type,
        "title": row.title,
        "media_type": row.media_type,
        "size": row.size,
        "sha256": row.sha256,
        "source": row.source,
        "created_at": row.created_at,
        "number": row.number,
        "issuer": row.issuer,
        "issued_at": row.issued_at,
        "valid_until": row.valid_until,
    }


def content_of(row: Any) -> bytes:
    if row.content is not None:
        return bytes(row.content)
    return Path(row.path).read_bytes()


def fetch(session: Session, actor: Actor, doc_id: str) -> Any:
    """A document the actor may read (owner, officer of a unit holding it in a dossier, admin); audited."""
    row = session.execute(select(document).where(document.c.id == doc_id)).first()
    if row is None:
        raise NotFound(f"No document {doc_id!r}", f"Không có giấy tờ {doc_id!r}")
    allowed = actor.kind in (ADMIN, SYSTEM) or (
        actor.is_applicant and actor.applicant_kind == row.owner_kind and actor.applicant_id == row.owner_id
    )
    if not allowed and actor.is_officer:
        allowed = (
            session.execute(
                select(dossier.c.pk)
                .join(dossier_document, dossier_document.c.dossier_pk == dossier.c.pk)
                .where(dossier_document.c.document_pk == row.pk, dossier.c.unit_code == actor.unit)
                .limit(1)
            ).first()
            is not None
        )
        allowed = (
            allowed
            or session.execute(
                select(dossier.c.pk).where(dossier.c.result_document_pk == row.pk, dossier.c.unit_code == actor.unit)
            ).first()
            is not None
        )
    if not allowed:
        raise NotFound(f"No document {doc_id!r}", f"Không có giấy tờ {doc_id!r}")
    audit.record(
        session,
        actor.audit_ctx,
        "read",
        resource_type="Document",
        resource_id=doc_id,
        patient_ids=[row.owner_id if row.owner_kind == "citizen" else None],
    )
    return row
