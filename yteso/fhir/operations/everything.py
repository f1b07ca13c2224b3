"""``Patient/{id}/$everything``: the patient and everything in their compartment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, select

from yteso.core.errors import Invalid
from yteso.core.timez import parse_instant
from yteso.fhir.search.definitions import SUPPORTED_TYPES
from yteso.fhir.service import FhirContext
from yteso.fhir.tables import resource


def everything(ctx: FhirContext, patient_id: str, params: list[tuple[str, str]]) -> dict[str, Any]:
    """A ``searchset`` Bundle of the Patient and its compartment (``_since``, ``_type``, ``_count``)."""
    repo = ctx.repo
    patient = repo.read("Patient", patient_id)
    since, types, count = None, None, 10_000
    for name, value in params:
        try:
            if name == "_since":
                since = parse_instant(value)
            elif name == "_type":
                types = [t for t in value.split(",") if t]
                unknown = [t for t in types if t not in SUPPORTED_TYPES]
                if unknown:
                    raise ValueError(unknown)
            elif name == "_count":
                count = max(1, min(int(value), 10_000))
        except ValueError:
            raise Invalid(f"Invalid {name}={value!r}", f"Giá trị {name}={value!r} không hợp lệ") from None
    r = resource
    q = select(r.c.pk, r.c.res_type, r.c.res_id).where(
        r.c.patient_id == patient_id, r.c.deleted == false(), r.c.res_type != "Patient", repo.policy.condition(r)
    )
    if since is not None:
        q = q.where(r.c.last_updated >= since)
    if types is not None:
        q = q.where(r.c.res_type.in_(types))
    rows = repo.session.execute(q.order_by(r.c.pk).limit(count)).all()
    bodies = repo.bodies([row.pk for row in rows])
    entries = []
    if types is None or "Patient" in types:
        entries.append(
            {"fullUrl": f"{ctx.base}/Patient/{patient_id}", "resource": patient.body, "search": {"mode": "match"}}
        )
    entries += [
        {"fullUrl": f"{ctx.base}/{row.res_type}/{row.res_id}", "resource": bodies[row.pk], "search": {"mode": "match"}}
        for row in rows
    ]
    repo.audit_search("Patient", [patient_id], f"$everything {patient_id}")
    return {"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries}
