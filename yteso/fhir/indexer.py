"""Turns a resource into its search-index rows, compartment and consent grants (at write time)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from yteso.core.db import by_key, insert_tuples
from yteso.core.ids import MA_CSKCB_SYSTEM
from yteso.core.text import fold
from yteso.fhir.search.compartment import patients_referenced
from yteso.fhir.search.extract import (
    DateValue,
    NumberValue,
    QuantityValue,
    ReferenceValue,
    StringValue,
    TokenValue,
    UriValue,
    date_range,
    extract_by_param,
)
from yteso.fhir.tables import INDEX_COLUMNS, INDEX_TABLES, param_id

_MAX = 255


@dataclass
class IndexRows:
    """Rows to insert per index table kind (``token``, ``string``...), plus the compartment.

    Each row is a tuple in the table's column order (see ``INDEX_COLUMNS``): the resource's key,
    the parameter's key (:func:`~yteso.fhir.tables.param_id`), then the values.
    """

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    patient_id: str | None = None


def index_resource(resource: dict[str, Any], pk: int | None = None) -> IndexRows:
    """Compute every index row of ``resource`` (stored under key ``pk``) and the Patient
    compartment it is in."""
    res_type = resource["resourceType"]
    out = IndexRows()
    rows = out.rows
    references: list[tuple[str, ReferenceValue]] = []
    for param, found in extract_by_param(resource):
        kind = param.type
        rows[kind].extend(_ROWS[kind](pk, param_id(res_type, param.code), found))
        if kind == "reference":
            references.extend((param.code, v) for v in found)
    if res_type == "Patient":
        out.patient_id = resource.get("id")
    else:
        ids = patients_referenced(res_type, references)
        out.patient_id = min(ids) if ids else None
    return out


Row = tuple[Any, ...]


def _token_rows(pk: int | None, pid: int, found: list[TokenValue]) -> list[Row]:
    return [(pk, pid, v[0][:_MAX] if v[0] else None, v[1][:_MAX] if v[1] else None) for v in found]


def _reference_rows(pk: int | None, pid: int, found: list[ReferenceValue]) -> list[Row]:
    return [(pk, pid, v[0], v[1], v[2][:512]) for v in found]


def _date_rows(pk: int | None, pid: int, found: list[DateValue]) -> list[Row]:
    return [(pk, pid, low, high, max(0, high - low).bit_length()) for low, high in found]


def _string_rows(pk: int | None, pid: int, found: list[StringValue]) -> list[Row]:
    return [(pk, pid, f[:_MAX], v.value[:_MAX]) for v in found if (f := fold(v.value))]


def _quantity_rows(pk: int | None, pid: int, found: list[QuantityValue]) -> list[Row]:
    return [(pk, pid, v.value, v.system[:_MAX] if v.system else None, v.code or v.unit or None) for v in found]


def _number_rows(pk: int | None, pid: int, found: list[NumberValue]) -> list[Row]:
    return [(pk, pid, v.value) for v in found]


def _uri_rows(pk: int | None, pid: int, found: list[UriValue]) -> list[Row]:
    return [(pk, pid, v.value[:512]) for v in found]


_ROWS: dict[str, Callable[[int | None, int, list[Any]], list[Row]]] = {
    "token": _token_rows,
    "reference": _reference_rows,
    "date": _date_rows,
    "string": _string_rows,
    "quantity": _quantity_rows,
    "number": _number_rows,
    "uri": _uri_rows,
}
"""Per search parameter type: the index rows of its values."""


def delete_index_rows(session: Session, pks: Sequence[int]) -> None:
    """Delete the index rows of the resources ``pks`` (before their new version's rows go in)."""
    if not pks:
        return
    with by_key(session):
        for table in INDEX_TABLES.values():
            session.execute(delete(table).where(table.c.res_pk.in_(pks)))


def insert_index_rows(session: Session, indexed: Iterable[IndexRows]) -> None:
    """Insert the index rows of resources (each computed with its key), one bulk insert per table."""
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for index in indexed:
        for kind, rows in index.rows.items():
            by_kind[kind].extend(rows)
    for kind, rows in by_kind.items():
        insert_tuples(session, INDEX_TABLES[kind], INDEX_COLUMNS[kind], rows)


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
