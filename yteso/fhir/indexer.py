"""Turns a resource into its search-index rows, compartment and consent grants (at write time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from yteso.core.db import insert_tuples
from yteso.core.ids import MA_CSKCB_SYSTEM
from yteso.core.text import fold
from yteso.fhir.search.compartment import compartment_codes
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
from yteso.fhir.tables import INDEX_COLUMNS, INDEX_TABLES

_MAX = 255


@dataclass
class IndexRows:
    """Rows to insert per index table kind (``token``, ``string``...), plus the compartment.

    Each row is a tuple in the table's column order after ``res_pk`` (see ``INDEX_COLUMNS``),
    which the writer puts in front.
    """

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    patient_id: str | None = None


def index_resource(resource: dict[str, Any]) -> IndexRows:
    """Compute every index row of ``resource`` and the Patient compartment it is in."""
    res_type = resource["resourceType"]
    out = IndexRows()
    tokens, strings, dates, refs = [], [], [], []
    for param, value in extract(resource):
        code = param.code
        if isinstance(value, TokenValue):
            tokens.append((res_type, code, _cut(value.system), _cut(value.code)))
        elif isinstance(value, ReferenceValue):
            refs.append((res_type, code, value.target_type, value.target_id, value.url[:512]))
        elif isinstance(value, DateValue):
            dates.append((res_type, code, value.low, value.high, max(0, value.high - value.low).bit_length()))
        elif isinstance(value, StringValue):
            folded = fold(value.value)
            if folded:
                strings.append((res_type, code, folded[:_MAX], value.value[:_MAX]))
        elif isinstance(value, QuantityValue):
            unit = value.code or value.unit or None
            out.rows["quantity"].append((res_type, code, value.value, _cut(value.system), unit))
        elif isinstance(value, NumberValue):
            out.rows["number"].append((res_type, code, value.value))
        elif isinstance(value, UriValue):
            out.rows["uri"].append((res_type, code, value.value[:512]))
    for kind, rows in (("token", tokens), ("string", strings), ("date", dates), ("reference", refs)):
        if rows:
            out.rows[kind] = rows
    if res_type == "Patient":
        out.patient_id = resource.get("id")
    else:
        codes = compartment_codes(res_type)
        ids = [r[3] for r in refs if r[1] in codes and r[2] == "Patient" and r[3]]
        out.patient_id = min(ids) if ids else None
    return out


def insert_index_rows(session: Session, indexed: Iterable[tuple[int, IndexRows]]) -> None:
    """Insert the index rows of resources ``(res_pk, rows)``, one bulk insert per index table."""
    by_kind: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for pk, index in indexed:
        for kind, rows in index.rows.items():
            by_kind[kind].extend([(pk, *row) for row in rows])
    for kind, rows in by_kind.items():
        insert_tuples(session, INDEX_TABLES[kind], INDEX_COLUMNS[kind], rows)


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
