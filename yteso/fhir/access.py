"""Who may read which resources: compartments, facility ownership, consent and break-the-glass.

The rules (docs/access-control.md):
- ``admin`` (or a ``system/`` scope) reads everything.
- Resources outside every patient compartment (registries, catalogs) are readable by any caller.
- ``citizen`` reads only the compartment of the Patient(s) carrying its CCCD.
- ``facility`` / ``clinician`` read what their facility produced; another facility's data only
  with an active permit Consent naming their facility, or with purpose ``emergency``
  (break-the-glass, audited with that purpose). A Patient resource is also readable by a
  facility that holds data in that patient's compartment (it has treated the patient).
- ``officer`` and ``analyst`` read no personal data through FHIR.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from yteso.core.auth import Caller
from yteso.core.ids import CCCD_SYSTEM
from yteso.fhir.tables import consent_grant, idx_token, param_rows, resource

# Types that always hold personal health data, even when no patient reference was found.
PERSONAL_TYPES = frozenset(
    {
        "Patient",
        "Encounter",
        "Condition",
        "Observation",
        "DiagnosticReport",
        "MedicationRequest",
        "MedicationDispense",
        "MedicationStatement",
        "Procedure",
        "Immunization",
        "AllergyIntolerance",
        "ServiceRequest",
        "Appointment",
        "Claim",
        "Coverage",
        "DocumentReference",
        "Composition",
        "Consent",
        "AuditEvent",
        "Bundle",
    }
)


_REGISTRY_PUBLIC_ROLES = frozenset({"citizen", "analyst"})


@dataclass(frozen=True)
class AccessPolicy:
    """The caller's read rights, compiled once per request into a SQL condition."""

    caller: Caller
    citizen_patient_ids: frozenset[str] = frozenset()

    @classmethod
    def for_caller(cls, session: Session, caller: Caller) -> AccessPolicy:
        ids: frozenset[str] = frozenset()
        if caller.role == "citizen" and caller.citizen:
            ids = frozenset(patients_by_identifier(session, CCCD_SYSTEM, [caller.citizen]).get(caller.citizen, []))
        return cls(caller, ids)

    @property
    def sees_everything(self) -> bool:
        return self.caller.is_admin or (self.caller.role in ("facility", "clinician") and self.caller.emergency)

    @property
    def hides_existence(self) -> bool:
        """Citizens get 404 for what is not theirs, so that existence does not leak."""
        return self.caller.role == "citizen"

    def visible(self, body: dict[str, Any] | None) -> dict[str, Any] | None:
        """The body as this caller may see it: a practitioner's citizen ID (CCCD) is personal data
        and is hidden from citizens and analysts, who read the practitioner registry as public."""
        if (
            body is None
            or body.get("resourceType") != "Practitioner"
            or self.caller.role not in _REGISTRY_PUBLIC_ROLES
            or self.sees_everything
        ):
            return body
        identifiers = body.get("identifier") or []
        kept = [i for i in identifiers if i.get("system") != CCCD_SYSTEM]
        return body if len(kept) == len(identifiers) else {**body, "identifier": kept}

    def condition(self, r: Any = resource) -> ColumnElement[bool]:
        """SQL condition on a ``fhir_resource`` alias selecting the rows the caller may read."""
        if self.sees_everything:
            return true()
        public = and_(r.c.patient_id.is_(None), r.c.res_type.not_in(PERSONAL_TYPES))
        role = self.caller.role
        if role == "citizen":
            if not self.citizen_patient_ids:
                return public
            return or_(public, r.c.patient_id.in_(sorted(self.citizen_patient_ids)))
        if role in ("facility", "clinician") and self.caller.facility:
            facility = self.caller.facility
            now = datetime.now(UTC).replace(tzinfo=None)
            consented = select(consent_grant.c.patient_id).where(
                consent_grant.c.facility == facility,
                or_(consent_grant.c.start.is_(None), consent_grant.c.start <= now),
                or_(consent_grant.c.end.is_(None), consent_grant.c.end >= now),
            )
            other = resource.alias("treated")
            treated = exists().where(
                other.c.patient_id == r.c.patient_id, other.c.facility == facility, other.c.deleted == false()
            )
            return or_(
                public,
                r.c.facility == facility,
                r.c.patient_id.in_(consented),
                and_(r.c.res_type == "Patient", treated),
            )
        return public


def patients_by_identifier(session: Session, system: str, values: list[str]) -> dict[str, list[str]]:
    """Identifier value → ids of the live Patient resources carrying it, oldest first."""
    found: dict[str, list[str]] = {}
    if not values:
        return found
    rows = session.execute(
        select(idx_token.c.code, resource.c.res_id)
        .join(idx_token, idx_token.c.res_pk == resource.c.pk)
        .where(
            param_rows(idx_token, "Patient", "identifier"),
            idx_token.c.code.in_(values),
            idx_token.c.system == system,
            resource.c.deleted == false(),
        )
        .order_by(resource.c.pk)
    )
    for code, res_id in rows:
        found.setdefault(code, []).append(res_id)
    return found
