"""Who acts on dossiers, and the one place their access is decided and audited.

- A citizen (role ``citizen``, CCCD from VNeID) acts on the dossiers filed in their name; a business
  is a citizen token whose subject is ``business:<enterprise code>:<CCCD>`` (issued by the business
  login, after the registry confirmed the person is responsible for the enterprise).
- An officer (role ``officer``) belongs to a unit and holds positions (staff table; without a row:
  the token's ``facility`` claim as unit and the clerk and specialist positions) and acts on the
  unit's dossiers only.
- An admin reads everything; the system (gateway callbacks, worker) acts as ``system``.
Every read of a dossier is audited (``yteso.core.audit``), refused reads included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core import audit
from yteso.core.audit import OUTCOME_MINOR, AuditContext
from yteso.core.auth import Caller
from yteso.core.errors import Forbidden, NotFound
from yteso.services.model import Dossier
from yteso.services.tables import staff

APPLICANT, OFFICER, ADMIN, SYSTEM = "applicant", "officer", "admin", "system"
DEFAULT_POSITIONS = frozenset({"clerk", "specialist"})
BUSINESS_PREFIX = "business:"


@dataclass(frozen=True)
class Actor:
    """The caller as the services see it."""

    kind: str
    subject: str
    audit_ctx: AuditContext
    applicant_kind: str | None = None
    applicant_id: str | None = None
    cccd: str | None = None
    unit: str | None = None
    positions: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_applicant(self) -> bool:
        return self.kind == APPLICANT

    @property
    def is_officer(self) -> bool:
        return self.kind == OFFICER

    def owns(self, d: Dossier) -> bool:
        return self.is_applicant and d.applicant_kind == self.applicant_kind and d.applicant_id == self.applicant_id


def business_subject(enterprise_code: str, cccd: str) -> str:
    return f"{BUSINESS_PREFIX}{enterprise_code}:{cccd}"


def actor_of(session: Session, caller: Caller, audit_ctx: AuditContext) -> Actor:
    """Resolve the caller; roles other than citizen, officer and admin have no business here (403)."""
    if caller.role == "citizen":
        if not caller.citizen:
            raise Forbidden("The token carries no citizen ID", "Mã truy cập không có số định danh công dân")
        if caller.subject.startswith(BUSINESS_PREFIX):
            enterprise = caller.subject[len(BUSINESS_PREFIX) :].split(":", 1)[0]
            return Actor(APPLICANT, caller.subject, audit_ctx, "business", enterprise, caller.citizen)
        return Actor(APPLICANT, caller.subject, audit_ctx, "citizen", caller.citizen, caller.citizen)
    if caller.role == "officer":
        row = session.execute(select(staff).where(staff.c.subject == caller.subject)).first()
        unit = row.unit_code if row else caller.facility
        positions = frozenset(row.positions.split(",")) if row else DEFAULT_POSITIONS
        if not unit:
            raise Forbidden("The officer belongs to no unit", "Cán bộ chưa được gán đơn vị")
        return Actor(OFFICER, caller.subject, audit_ctx, unit=unit, positions=positions)
    if caller.role == "admin":
        return Actor(ADMIN, caller.subject, audit_ctx)
    raise Forbidden(
        f"Role {caller.role!r} has no access to administrative procedures",
        f"Vai trò {caller.role!r} không được truy cập hệ thống thủ tục hành chính",
    )


def system_actor(agent: str) -> Actor:
    ctx = AuditContext(agent=agent, role="system", facility=None, purpose=None, client_address=None)
    return Actor(SYSTEM, agent, ctx)


def may_read(actor: Actor, d: Dossier) -> bool:
    if actor.kind in (ADMIN, SYSTEM):
        return True
    if actor.is_officer:
        return actor.unit == d.unit_code
    return actor.owns(d)


def audit_list(session: Session, actor: Actor, dossiers: list[Dossier]) -> None:
    """One audit row per dossier listed (already filtered to what the actor may read), in one statement."""
    audit.record_many(
        session,
        actor.audit_ctx,
        [audit.Access("search", "Dossier", d.code, d.applicant_cccd) for d in dossiers if may_read(actor, d)],
    )


def audited_read(session: Session, actor: Actor, d: Dossier, interaction: str = "read") -> None:
    """Allow and audit a read of ``d``, or refuse it (404 to applicants: codes are not confirmed to
    strangers; 403 to officers of another unit) and audit the refusal after the rollback."""
    if may_read(actor, d):
        audit.record(
            session,
            actor.audit_ctx,
            interaction,
            resource_type="Dossier",
            resource_id=d.code,
            patient_ids=[d.applicant_cccd],
        )
        return
    exc: NotFound | Forbidden
    if actor.is_officer:
        exc = Forbidden(f"Dossier {d.code} belongs to another unit", f"Hồ sơ {d.code} thuộc đơn vị khác")
    else:
        exc = NotFound(f"No dossier {d.code!r}", f"Không có hồ sơ {d.code!r}")
    ctx, code, patient = actor.audit_ctx, d.code, d.applicant_cccd
    exc.after_rollback.append(
        lambda s: audit.record(
            s, ctx, interaction, resource_type="Dossier", resource_id=code, patient_ids=[patient], outcome=OUTCOME_MINOR
        )
    )
    raise exc
