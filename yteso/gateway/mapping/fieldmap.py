"""The field-by-field mapping table of every XML 4750 table, parsed once.

The table text lives in :mod:`~yteso.gateway.mapping.fieldmap_claims` (XML0-XML4) and
:mod:`~yteso.gateway.mapping.fieldmap_documents` (XML5-XML15). Its Vietnamese meanings are the
section titles of the Compositions; docs/gateway-mapping.md is rendered from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from yteso.gateway.mapping import fieldmap_claims, fieldmap_documents


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """One element: its meaning (Vietnamese), where it goes in FHIR ("—": not mapped), and how."""

    table: str
    name: str
    meaning: str
    fhir: str
    transformation: str


@cache
def mappings() -> dict[str, dict[str, FieldMapping]]:
    """Table → element → mapping, in the order written (the decision's order)."""
    out: dict[str, dict[str, FieldMapping]] = {}
    for table, text in {**fieldmap_claims.TABLES, **fieldmap_documents.TABLES}.items():
        fields: dict[str, FieldMapping] = {}
        for line in text.strip().splitlines():
            parts = [part.strip() for part in line.split(" | ")]
            if len(parts) != 4:
                raise ValueError(f"{table}: bad mapping line {line!r}")
            name, meaning, fhir, transformation = parts
            fields[name] = FieldMapping(table, name, meaning, fhir, transformation)
        out[table] = fields
    return out


def title(table: str, name: str) -> str:
    """The Vietnamese meaning of an element (its name when the table has no line for it)."""
    mapping = mappings().get(table, {}).get(name)
    return mapping.meaning if mapping else name
