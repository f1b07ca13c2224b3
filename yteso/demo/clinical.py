"""Synthetic citizens' records: Patient, BHYT Coverage, visits with a diagnosis and measurements, Consents.

Everything is drawn from the caller's ``random.Random`` and given ids derived from the citizen ID
(:func:`yteso.registries.upsert.stable_id`), so the same seed rebuilds the same resources and a
second load changes nothing. Diagnoses are common outpatient ICD-10 codes, chosen by age and sex.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from yteso.core.ids import (
    BHYT_SYSTEM,
    CCCD_SYSTEM,
    EXT_PRIMARY_CARE_FACILITY,
    MA_CSKCB_SYSTEM,
    MA_LK_SYSTEM,
    validate_bhyt_card,
)
from yteso.core.timez import VN_TZ
from yteso.identity.provinces import province_by_code
from yteso.registries import systems
from yteso.registries.practitioners.fhir import human_name
from yteso.registries.upsert import stable_id

AS_OF = date(2025, 1, 1)
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

DIAGNOSES: tuple[tuple[str, float, int, int, str | None, bool], ...] = (
    # code, weight, min age, max age, sex, chronic
    ("J06.9", 14, 0, 120, None, False), ("J00", 8, 0, 120, None, False), ("J02.9", 6, 3, 120, None, False),
    ("J20.9", 5, 0, 120, None, False), ("A09", 5, 0, 120, None, False), ("A97.0", 2, 2, 80, None, False),
    ("K29.7", 6, 15, 120, None, False), ("M54.5", 5, 20, 120, None, False), ("K21.9", 3, 20, 120, None, False),
    ("I10", 12, 35, 120, None, True), ("E11.9", 6, 35, 120, None, True), ("E78.5", 4, 35, 120, None, True),
    ("I25.9", 2, 50, 120, None, True), ("M17.9", 3, 50, 120, None, True), ("J45.9", 2, 5, 120, None, True),
    ("N39.0", 3, 15, 120, "female", False), ("Z34.9", 3, 18, 42, "female", False), ("Z00.0", 4, 18, 120, None, False),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Citizen:
    cccd: str
    full_name: str
    birth_date: date
    sex: str
    province: str
    phone: str

    @property
    def age(self) -> int:
        b = self.birth_date
        return AS_OF.year - b.year - ((AS_OF.month, AS_OF.day) < (b.month, b.day))

    @property
    def patient_id(self) -> str:
        return stable_id("Patient", self.cccd)

    @classmethod
    def from_row(cls, row: tuple[str, ...]) -> Citizen:
        cccd, name, birth, sex, province, phone = row
        return cls(cccd, name, date.fromisoformat(birth), sex, province, phone)


def bhyt_card(rng: random.Random, c: Citizen) -> str:
    """A card code consistent with age: TE under 6, HS pupils, HT retirees, workers DN/HC, households GD…"""
    if c.age < 6:
        group, level = "TE", 1
    elif c.age < 18:
        group, level = "HS", 4
    elif c.age < 23:
        group, level = rng.choice((("SV", 4), ("GD", 4)))
    elif c.age < 60:
        group, level = rng.choices((("DN", 4), ("HC", 4), ("GD", 4), ("HN", 2), ("CN", 3), ("CB", 2)),
                                   (45, 15, 25, 5, 5, 5))[0]  # fmt: skip
    else:
        group, level = rng.choices((("HT", 3), ("GD", 4), ("CB", 2)), (60, 30, 10))[0]
    card = f"{group}{level}{c.province}{c.province}{rng.randrange(1, 10**8):08d}"
    return validate_bhyt_card(card).value


def patient(c: Citizen, card: str) -> dict[str, Any]:
    province = province_by_code(c.province)
    body: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [
            {"use": "official", "system": CCCD_SYSTEM, "value": c.cccd},
            {"system": BHYT_SYSTEM, "value": card},
        ],
        "active": True,
        "name": [human_name(c.full_name)],
    }
    if c.phone:
        body["telecom"] = [{"system": "phone", "value": c.phone, "use": "mobile"}]
    body["gender"] = c.sex
    body["birthDate"] = c.birth_date.isoformat()
    body["address"] = [{"use": "home", "state": province.name if province else c.province, "country": "VN"}]
    return body


def coverage(c: Citizen, card: str, primary_care: tuple[str, str] | None) -> dict[str, Any]:
    """The BHYT card as a Coverage; the registered primary-care facility (MA_DKBD) as the VN Core extension."""
    body: dict[str, Any] = {"resourceType": "Coverage", "id": stable_id("Coverage", c.cccd)}
    if primary_care:
        code, name = primary_care
        body["extension"] = [
            {
                "url": EXT_PRIMARY_CARE_FACILITY,
                "valueReference": {"identifier": {"system": MA_CSKCB_SYSTEM, "value": code}, "display": name},
            }
        ]
    body.update(
        {
            "identifier": [{"system": BHYT_SYSTEM, "value": card}],
            "status": "active",
            "type": {
                "coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "PUBLICPOL"}],
                "text": "Bảo hiểm y tế",
            },
            "subscriberId": card,
            "beneficiary": {"reference": f"Patient/{c.patient_id}"},
            "period": {"start": f"{AS_OF.year}-01-01", "end": f"{AS_OF.year}-12-31"},
            "payor": [{"display": "Bảo hiểm xã hội Việt Nam"}],
        }
    )
    return body


def pick_diagnosis(rng: random.Random, c: Citizen) -> tuple[str, bool]:
    options = [d for d in DIAGNOSES if d[2] <= c.age <= d[3] and d[4] in (None, c.sex)]
    chosen = rng.choices(options, [d[1] for d in options])[0]
    return chosen[0], chosen[5]


@dataclass
class Visit:
    """One encounter and what was recorded during it, all produced by one facility."""

    facility: str
    facility_name: str
    resources: list[dict[str, Any]]


def visit(
    rng: random.Random,
    c: Citizen,
    index: int,
    facility: tuple[str, str],
    practitioner: tuple[str, str] | None,
    displays: dict[str, str],
    ma_lk: str,
) -> Visit:
    code, name = facility
    start = datetime(2024, 1, 1, 7, tzinfo=VN_TZ) + timedelta(days=rng.randrange(365), minutes=rng.randrange(600))
    end = start + timedelta(minutes=rng.randint(15, 90))
    encounter_id = stable_id("Encounter", c.cccd, str(index))
    condition_id = stable_id("Condition", c.cccd, str(index))
    icd, chronic = pick_diagnosis(rng, c)
    display = displays.get(icd, icd)
    subject = {"reference": f"Patient/{c.patient_id}", "display": c.full_name}
    assigner = {"system": MA_CSKCB_SYSTEM, "value": code}
    encounter: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": encounter_id,
        "identifier": [{"system": MA_LK_SYSTEM, "value": ma_lk, "assigner": {"identifier": assigner}}],
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory"},
        "subject": subject,
    }
    if practitioner:
        doctor = {"reference": f"Practitioner/{practitioner[0]}", "display": practitioner[1]}
        encounter["participant"] = [{"individual": doctor}]
    encounter["period"] = {"start": start.isoformat(), "end": end.isoformat()}
    encounter["diagnosis"] = [{"condition": {"reference": f"Condition/{condition_id}"}, "rank": 1}]
    encounter["serviceProvider"] = {"identifier": {"system": MA_CSKCB_SYSTEM, "value": code}, "display": name}
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "id": condition_id,
        "clinicalStatus": {"coding": [{"system": CLINICAL_STATUS, "code": "active" if chronic else "resolved"}]},
        "verificationStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]
        },
        "category": [{"coding": [{"system": CONDITION_CATEGORY, "code": "encounter-diagnosis"}]}],
        "code": {
            "coding": [
                {"system": systems.ICD10_VN, "code": icd, "display": display},
                {"system": systems.ICD10_WHO, "code": icd},
            ],
            "text": display,
        },
        "subject": {"reference": f"Patient/{c.patient_id}"},
        "encounter": {"reference": f"Encounter/{encounter_id}"},
        "recordedDate": end.isoformat(),
    }
    resources = [encounter, condition, *observations(rng, c, index, encounter_id, start, icd)]
    return Visit(code, name, resources)


def _obs(
    c: Citizen, index: int, key: str, encounter_id: str, when: datetime, category: str, loinc: tuple[str, str]
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": stable_id("Observation", c.cccd, str(index), key),
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": category}]}],
        "code": {"coding": [{"system": LOINC, "code": loinc[0], "display": loinc[1]}], "text": loinc[1]},
        "subject": {"reference": f"Patient/{c.patient_id}"},
        "encounter": {"reference": f"Encounter/{encounter_id}"},
        "effectiveDateTime": when.isoformat(),
    }


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def observations(
    rng: random.Random, c: Citizen, index: int, encounter_id: str, when: datetime, icd: str
) -> list[dict[str, Any]]:
    out = []
    weight = _obs(c, index, "weight", encounter_id, when, "vital-signs", ("29463-7", "Cân nặng"))
    kg = 3.5 + c.age * 2.6 if c.age < 16 else rng.gauss(58 if c.sex == "male" else 50, 8)
    weight["valueQuantity"] = _quantity(round(max(kg, 2.5), 1), "kg", "kg")
    out.append(weight)
    if c.age >= 16:
        bp = _obs(c, index, "bp", encounter_id, when, "vital-signs", ("85354-9", "Huyết áp"))
        high = icd in ("I10", "I25.9")
        systolic = round(rng.gauss(150 if high else 118, 10))
        diastolic = round(rng.gauss(92 if high else 75, 7))
        bp["component"] = [
            {"code": {"coding": [{"system": LOINC, "code": "8480-6", "display": "Huyết áp tâm thu"}]},
             "valueQuantity": _quantity(systolic, "mmHg", "mm[Hg]")},
            {"code": {"coding": [{"system": LOINC, "code": "8462-4", "display": "Huyết áp tâm trương"}]},
             "valueQuantity": _quantity(diastolic, "mmHg", "mm[Hg]")},
        ]  # fmt: skip
        out.append(bp)
    if icd in ("E11.9", "E78.5") or rng.random() < 0.15:
        glucose = _obs(c, index, "glucose", encounter_id, when, "laboratory", ("15074-8", "Glucose máu"))
        glucose["valueQuantity"] = _quantity(round(rng.gauss(8.9 if icd == "E11.9" else 5.4, 0.8), 1), "mmol/L",
                                             "mmol/L")  # fmt: skip
        out.append(glucose)
    if icd in ("J06.9", "J00", "J02.9", "J20.9", "A97.0", "A09"):
        temp = _obs(c, index, "temp", encounter_id, when, "vital-signs", ("8310-5", "Nhiệt độ cơ thể"))
        temp["valueQuantity"] = _quantity(round(rng.uniform(37.5 if icd == "A97.0" else 36.8, 39.5), 1), "°C", "Cel")
        out.append(temp)
    return out


def consent(c: Citizen, facility: tuple[str, str], when: date) -> dict[str, Any]:
    """An active permit Consent: the citizen lets ``facility`` read the records other facilities made."""
    code, name = facility
    return {
        "resourceType": "Consent",
        "id": stable_id("Consent", c.cccd, code),
        "status": "active",
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]
        },
        "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": {"reference": f"Patient/{c.patient_id}", "display": c.full_name},
        "dateTime": when.isoformat(),
        "provision": {
            "type": "permit",
            "period": {"start": when.isoformat()},
            "actor": [
                {
                    "role": {
                        "coding": [
                            {"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "PRCP"}
                        ]
                    },
                    "reference": {"identifier": {"system": MA_CSKCB_SYSTEM, "value": code}, "display": name},
                }
            ],
        },
    }
