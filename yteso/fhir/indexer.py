"""Turns a resource into its search-index rows, compartment and consent grants (at write time)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from yteso.core.ids import MA_CSKCB_SYSTEM
from yteso.core.text import fold
from yteso.fhir.search.compartment import patient_ids
from yteso.fhir.search.extract import (
    DateValue,
    NumberValue,
    QuantityValue,
    ReferenceValue,
    StringValue,
    TokenValue,
    UriValue,
    date_range,
    extract,
)

_MAX = 255


@dataclass
class IndexRows:
    """Rows to insert per index table kind (``token``, ``string``...), plus the compartment."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    patient_id: str | None = None


def index_resource(resource: dict[str, Any], res_pk: int) -> IndexRows:
    """Compute every index row of ``resource`` stored under surrogate key ``res_pk``."""
    res_type = resource["resourceType"]
    out = IndexRows()
    rows = out.rows
    for param, value in extract(resource):
        base = {"res_pk": res_pk, "res_type": res_type, "param": param.code}
        if isinstance(value, TokenValue):
            rows["token"].append({**base, "system": _cut(value.system), "code": _cut(value.code)})
        elif isinstance(value, StringValue):
            folded = fold(value.value)
            if folded:
                rows["string"].append({**base, "value": folded[:_MAX], "exact": value.value[:_MAX]})
        elif isinstance(value, DateValue):
            rows["date"].append({**base, "low": value.low, "high": value.high,
                                 "span": max(0, value.high - value.low).bit_length()})
        elif isinstance(value, ReferenceValue):
            rows["reference"].append(
                {**base, "target_type": value.target_type, "target_id": value.target_id, "url": value.url[:512]}
            )
        elif isinstance(value, QuantityValue):
            rows["quantity"].append(
                {
                    **base,
                    "value": value.value,
                    "system": _cut(value.system),
                    "code": (value.code or value.unit or None) and (value.code or value.unit),
                }
            )
        elif isinstance(value, NumberValue):
            rows["number"].append({**base, "value": value.value})
        elif isinstance(value, UriValue):
            rows["uri"].append({**base, "value": value.value[:512]})
    if res_type == "Patient":
        out.patient_id = resource.get("id")
    else:
        ids = patient_ids(resource)
        out.patient_id = min(ids) if ids else None
    return out


def _cut(text: str | None) -> str | None:
    return text[:_MAX] if text else None


def consent_grants(
    consent: dict[str, Any], consent_pk: int, patient_id: str | None, org_codes: dict[str, str]
) -> list[dict[str, Any]]:
    """Flatten an active permit Consent into (patient, facility, period) grants.

    A facility is named in ``provision.actor[].reference`` by identifier (MA_CSKCB system) or
    by ``Organization/{id}``, resolved through ``org_codes`` (Organization id → MA_CSKCB).
    """
    if consent.get("status") != "active" or not patient_id:
        return []
    provision = consent.get("provision") or {}
    if provision.get("type", "permit") != "permit":
        return []
    period = provision.get("period") or {}
    start, end = _instant(period.get("start")), _instant(period.get("end"), upper=True)
    grants = []
    for actor in provision.get("actor") or []:
        ref = actor.get("reference") or {}
        code = None
        ident = ref.get("identifier") or {}
        if ident.get("system") == MA_CSKCB_SYSTEM:
            code = ident.get("value")
        elif str(ref.get("reference", "")).startswith("Organization/"):
            code = org_codes.get(ref["reference"].split("/", 1)[1])
        if code:
            grants.append(
                {"consent_pk": consent_pk, "patient_id": patient_id, "facility": code, "start": start, "end": end}
            )
    return grants


def consent_org_ids(consent: dict[str, Any]) -> list[str]:
    """Organization ids a Consent names as actors (to be resolved to facility codes)."""
    actors = ((consent.get("provision") or {}).get("actor")) or []
    refs = [str((a.get("reference") or {}).get("reference", "")) for a in actors]
    return [r.split("/", 1)[1] for r in refs if r.startswith("Organization/")]


def _instant(value: str | None, *, upper: bool = False) -> datetime | None:
    if not value:
        return None
    low, high = date_range(value)
    return datetime.fromtimestamp(high if upper else low, UTC).replace(tzinfo=None)
