"""``yteso registry import medications|devices FILE``: products keyed by GTIN."""

from __future__ import annotations

from typing import Any

from yteso.registries.csvfile import CsvRow
from yteso.registries.importer import RecordKind
from yteso.registries.products import fhir
from yteso.registries.products.schema import (
    DEVICE_SCHEMA,
    MEDICATION_SCHEMA,
    DeviceRow,
    MedicationRow,
    parse_device,
    parse_medication,
)
from yteso.registries.upsert import Planned


class MedicationsKind(RecordKind):
    name = "medications"
    title = "Thuốc (Medication, GTIN)"
    schema = MEDICATION_SCHEMA

    def record(self, row: CsvRow) -> MedicationRow:
        return parse_medication(row)

    def unique_key(self, record: Any) -> str:
        return str(record.gtin)

    def plans(self, record: Any, row: int) -> list[Planned]:
        return fhir.medication_plans(record, row)


class DevicesKind(RecordKind):
    name = "devices"
    title = "Trang thiết bị y tế (Device, GTIN)"
    schema = DEVICE_SCHEMA

    def record(self, row: CsvRow) -> DeviceRow:
        return parse_device(row)

    def unique_key(self, record: Any) -> str:
        return str(record.gtin)

    def plans(self, record: Any, row: int) -> list[Planned]:
        return fhir.device_plans(record, row)
