"""``yteso registry import practitioners FILE``: Practitioner + PractitionerRole per licence."""

from __future__ import annotations

from typing import Any

from yteso.registries.csvfile import CsvRow
from yteso.registries.errors import RowProblem
from yteso.registries.facilities.fhir import organization_key
from yteso.registries.importer import RecordKind
from yteso.registries.practitioners import fhir
from yteso.registries.practitioners.schema import SCHEMA, PractitionerRow, parse_row
from yteso.registries.upsert import Key, Planned


class PractitionersKind(RecordKind):
    name = "practitioners"
    title = "Người hành nghề (Practitioner + PractitionerRole)"
    schema = SCHEMA

    def record(self, row: CsvRow) -> PractitionerRow:
        return parse_row(row)

    def unique_key(self, record: Any) -> str:
        return str(record.cchn)

    def plans(self, record: Any, row: int) -> list[Planned]:
        return fhir.plans(record, row)

    def references(self, record: Any) -> list[Key]:
        return [organization_key(record.facility)] if record.facility else []

    def check_references(self, record: Any, row: int, found: dict[Key, str]) -> RowProblem | None:
        """The facility of practice must already be in the facility registry."""
        if record.facility and organization_key(record.facility) not in found:
            return RowProblem(
                row,
                "MA_CSKCB",
                record.facility,
                "practitioner.facility_unknown",
                f"Cơ sở {record.facility} chưa có trong danh mục cơ sở KBCB (hãy nhập danh mục cơ sở trước).",
                f"Facility {record.facility} is not in the facility registry (import the facilities first).",
            )
        return None
