"""What every table mapper of one dossier needs: ids, the references to the patient, visit and facility."""

from __future__ import annotations

from dataclasses import dataclass

from yteso.core.ids import MA_LK_SYSTEM
from yteso.gateway.mapping import values
from yteso.gateway.mapping.keys import IdMaker
from yteso.gateway.mapping.values import JSON
from yteso.gateway.xml4750.model import Dossier, Row


@dataclass(slots=True)
class Context:
    """One dossier being mapped. References are built fresh on each call: resources never share dicts."""

    dossier: Dossier
    summary: Row
    facility_code: str
    ma_lk: str
    patient_id: str
    ids: IdMaker
    encounter_id: str = ""
    inpatient: bool = False
    main_condition: str | None = None
    """Id of the main diagnosis' Condition, set by the XML1 mapper (reason of referrals, appointments)."""

    @classmethod
    def of(cls, dossier: Dossier, summary: Row, facility_code: str, ma_lk: str, patient_id: str) -> Context:
        ctx = cls(dossier, summary, facility_code, ma_lk, patient_id, IdMaker(facility_code, ma_lk))
        ctx.encounter_id = ctx.ids("Encounter", "visit")
        return ctx

    def patient(self) -> JSON:
        return {"reference": f"Patient/{self.patient_id}"}

    def encounter(self) -> JSON:
        return {"reference": f"Encounter/{self.encounter_id}"}

    def facility(self) -> JSON:
        return values.facility(self.facility_code)

    def ref(self, resource_type: str, resource_id: str) -> JSON:
        return {"reference": f"{resource_type}/{resource_id}"}

    def visit_identifier(self) -> JSON:
        """MA_LK as an identifier, assigned by the facility."""
        return {"system": MA_LK_SYSTEM, "value": self.ma_lk, "assigner": self.facility()}

    def rows(self, table: str) -> list[Row]:
        return self.dossier.tables.get(table) or []


def row_keys(rows: list[Row], table: str) -> list[str]:
    """Keys telling the rows of a table apart: ``<table>:<STT>`` when every row has a distinct STT,
    else ``<table>:<position>`` (1-based), so a re-sent dossier gets the same keys."""
    if not rows:
        return []
    stts = [row.get("STT", "") for row in rows]
    if all(stts) and len(set(stts)) == len(stts):
        return [f"{table}:{stt}" for stt in stts]
    return [f"{table}:{i}" for i in range(1, len(rows) + 1)]
