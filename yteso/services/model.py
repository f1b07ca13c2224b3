"""The dossier as the services work on it: a typed copy of its row, saved back field by field."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from yteso.core.errors import Conflict, NotFound
from yteso.services.states import Status
from yteso.services.tables import dossier as dossier_table


@dataclass
class Dossier:
    """One dossier (hồ sơ TTHC); see :data:`yteso.services.tables.dossier` for the meaning of each field."""

    pk: int
    code: str
    procedure_code: str
    procedure_version: int
    unit_code: str
    applicant_kind: str
    applicant_id: str
    applicant_cccd: str | None
    applicant_name: str | None
    submitted_by: str
    channel: str
    status: str
    step: str | None
    step_due_at: datetime | None
    assignee: str | None
    decision: str | None
    decision_reason: str | None
    form: dict[str, Any]
    submitted_at: datetime
    received_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    returned_at: datetime | None
    closed_at: datetime | None
    suspended_at: datetime | None
    suspended_days: int
    supplement_rounds: int
    supplement_due_at: datetime | None
    fee_vnd: int
    paid_at: datetime | None
    paid_online: bool | None
    result_document_pk: int | None
    warned_at: datetime | None
    escalated_at: datetime | None
    promised_at: datetime | None
    fields_total: int
    fields_prefilled: int
    docs_total: int
    docs_reused: int
    rating: int | None
    rating_comment: str | None
    rated_at: datetime | None
    links: dict[str, Any]
    updated_at: datetime
    version: int
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def state(self) -> Status:
        return Status(self.status)

    @classmethod
    def from_row(cls, row: Any) -> Dossier:
        values = {f.name: row._mapping[f.name] for f in fields(cls) if not f.name.startswith("_")}
        values["form"] = dict(values["form"] or {})
        values["links"] = dict(values["links"] or {})
        d = cls(**values)
        d._loaded = {k: _copy(v) for k, v in values.items()}
        return d

    def changes(self) -> dict[str, Any]:
        current = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
        return {k: v for k, v in current.items() if self._loaded.get(k) != v}


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value


def load(session: Session, code: str, *, for_update: bool = False) -> Dossier:
    """The dossier with this code (locked for the transaction with ``for_update``), or 404."""
    stmt = select(dossier_table).where(dossier_table.c.code == code)
    if for_update:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).first()
    if row is None:
        raise NotFound(f"No dossier {code!r}", f"Không có hồ sơ {code!r}")
    return Dossier.from_row(row)


def load_by_pk(session: Session, pk: int, *, for_update: bool = False) -> Dossier:
    stmt = select(dossier_table).where(dossier_table.c.pk == pk)
    if for_update:
        stmt = stmt.with_for_update()
    return Dossier.from_row(session.execute(stmt).one())


def save(session: Session, d: Dossier, now: datetime) -> None:
    """Write the changed fields back; a concurrent change of the same dossier answers 409."""
    changed = d.changes()
    if not changed:
        return
    changed["updated_at"] = now
    changed["version"] = d.version + 1
    result = session.execute(
        update(dossier_table).where(dossier_table.c.pk == d.pk, dossier_table.c.version == d.version).values(**changed)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(
            f"Dossier {d.code} was changed by someone else; reload it",
            f"Hồ sơ {d.code} vừa được người khác cập nhật; hãy tải lại",
        )
    d.updated_at, d.version = now, d.version + 1
    d._loaded = {k: _copy(getattr(d, k)) for k in d._loaded}
