"""``yteso registry import facilities FILE``: facilities (and pharmacies) as Organization + Location."""

from __future__ import annotations

from typing import Any

from yteso.registries.csvfile import CsvRow
from yteso.registries.facilities import fhir
from yteso.registries.facilities.schema import SCHEMA, Facility, parse_row
from yteso.registries.importer import RecordKind
from yteso.registries.upsert import Planned


class FacilitiesKind(RecordKind):
    name = "facilities"
    title = "Cơ sở KBCB và nhà thuốc (Organization + Location)"
    schema = SCHEMA

    def record(self, row: CsvRow) -> Facility:
        return parse_row(row)

    def unique_key(self, record: Any) -> str:
        return str(record.code)

    def plans(self, record: Any, row: int) -> list[Planned]:
        return fhir.plans(record, row)
