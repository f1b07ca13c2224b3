"""What every table mapper of one dossier needs: ids, the references to the patient, visit and facility."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    _patient_reference: str = field(default="", init=False, repr=False)
    _encounter_reference: str = field(default="", init=False, repr=False)

    @classmethod
    def of(cls, dossier: Dossier, summary: Row, facility_code: str, ma_lk: str, patient_id: str) -> Context:
        ids = IdMaker(facility_code, ma_lk)
        return cls(dossier, summary, facility_code, ma_lk, patient_id, ids, ids("Encounter", "visit"))

    def __post_init__(self) -> None:
        # every resource references the patient and the visit: build the strings once
        self._patient_reference = f"Patient/{self.patient_id}"
        self._encounter_reference = f"Encounter/{self.encounter_id}"

    def patient(self) -> JSON:
        return {"reference": self._patient_reference}

    def encounter(self) -> JSON:
        return {"reference": self._encounter_reference}

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
