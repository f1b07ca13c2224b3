"""The audit trail read as FHIR ``AuditEvent`` (search by patient, agent, date, facility).

Admins read all of it; a citizen reads who accessed their own record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select

from yteso.core.audit import audit_event
from yteso.core.errors import Forbidden, Issue
from yteso.core.timez import fhir_instant
from yteso.fhir.search import values as v

if TYPE_CHECKING:
    from yteso.fhir.service import FhirContext

_ACTION_CODES = {"C": "create", "R": "read", "U": "update", "D": "delete", "E": "execute"}


def search_audit(ctx: FhirContext, params: list[tuple[str, str]]) -> dict[str, Any]:
    """Search the audit trail; parameters: patient, agent, date, facility (or entity-id), action, outcome."""
    caller = ctx.repo.caller
    caller.require_scope("AuditEvent", write=False)
    a = audit_event
    where: list[Any] = []
    count, ignored = ctx.settings.fhir_default_count, []
    for name, raw in params:
        if name == "patient":
            where.append(a.c.patient_id == raw.split("/")[-1])
        elif name == "agent":
            where.append(a.c.agent == raw)
        elif name in ("facility", "site"):
            where.append(a.c.facility == raw.split("|")[-1])
        elif name == "action":
            where.append(a.c.action == raw)
        elif name == "outcome":
            where.append(a.c.outcome == raw)
        elif name == "purpose":
            where.append(a.c.purpose == raw)
        elif name == "date":
            where.append(v.instant_condition(a.c.recorded, "date", raw))
        elif name == "_count":
            count = max(1, min(int(raw), ctx.settings.fhir_max_count))
        else:
            ignored.append(
                Issue(
                    f"Unknown search parameter {name!r} ignored",
                    f"Bỏ qua tham số {name!r}",
                    expression=name,
                    severity="warning",
                    code="not-supported",
                )
            )
    if not caller.is_admin:
        patients = sorted(ctx.repo.policy.citizen_patient_ids)
        if caller.role != "citizen" or not patients:
            raise Forbidden(
                "Only administrators and the patient concerned read the audit trail",
                "Chỉ quản trị viên và chính người bệnh được xem nhật ký truy cập",
            )
        where.append(a.c.patient_id.in_(patients))
    rows = ctx.repo.session.execute(
        select(a).where(and_(*where)).order_by(a.c.recorded.desc(), a.c.pk.desc()).limit(count)
    ).all()
    entries = [
        {"fullUrl": f"{ctx.base}/AuditEvent/{r.pk}", "resource": to_fhir(r), "search": {"mode": "match"}} for r in rows
    ]
    from yteso.fhir.service import outcome_resource

    if ignored:
        entries.append({"resource": outcome_resource(ignored), "search": {"mode": "outcome"}})
    ctx.repo.audit_search("AuditEvent", [None], "&".join(f"{k}={x}" for k, x in params))
    return {"resourceType": "Bundle", "type": "searchset", "total": len(rows), "entry": entries}


def to_fhir(r: Any) -> dict[str, Any]:
    """One audit row as an R4 AuditEvent."""
    event: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": str(r.pk),
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
            "display": "RESTful Operation",
        },
        "subtype": [{"system": "http://hl7.org/fhir/restful-interaction", "code": r.interaction}],
        "action": r.action,
        "recorded": fhir_instant(r.recorded),
        "outcome": r.outcome,
        "agent": [
            {
                "who": {"identifier": {"value": r.agent}},
                "type": {"text": r.role},
                "requestor": True,
                **({"network": {"address": r.client_address, "type": "2"}} if r.client_address else {}),
                **({"purposeOfUse": [{"text": r.purpose}]} if r.purpose else {}),
            }
        ],
        "source": {"observer": {"display": "yteso"}, **({"site": r.facility} if r.facility else {})},
    }
    entities: list[dict[str, Any]] = []
    if r.patient_id:
        entities.append(
            {
                "what": {"reference": f"Patient/{r.patient_id}"},
                "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "1"},
            }
        )
    if r.resource_type and r.resource_id:
        entities.append({"what": {"reference": f"{r.resource_type}/{r.resource_id}"}})
    if r.query:
        entities.append({"query": _b64(r.query)})
    if entities:
        event["entity"] = entities
    return event


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()
