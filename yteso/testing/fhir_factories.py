"""Small builders of realistic Vietnamese FHIR resources for the tests."""

from __future__ import annotations

from typing import Any

from yteso.core.ids import CCCD_SYSTEM, MA_CSKCB_SYSTEM, MA_LK_SYSTEM


def patient(
    cccd: str = "001090012345",
    family: str = "Nguyễn",
    given: tuple[str, ...] = ("Văn", "An"),
    birth: str = "1990-05-17",
    gender: str = "male",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": CCCD_SYSTEM, "value": cccd}],
        "name": [{"family": family, "given": list(given), "text": " ".join((family, *given))}],
        "gender": gender,
        "birthDate": birth,
        **extra,
    }


def organization(code: str, name: str = "Bệnh viện Bạch Mai") -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "identifier": [{"system": MA_CSKCB_SYSTEM, "value": code}],
        "name": name,
        "active": True,
    }


def encounter(
    patient_id: str, ma_lk: str = "LK001", start: str = "2024-03-01T08:00:00+07:00", facility: str = "01001"
) -> dict[str, Any]:
    return {
        "resourceType": "Encounter",
        "status": "finished",
        "identifier": [
            {
                "system": MA_LK_SYSTEM,
                "value": ma_lk,
                "assigner": {"identifier": {"system": MA_CSKCB_SYSTEM, "value": facility}},
            }
        ],
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "subject": {"reference": f"Patient/{patient_id}"},
        "period": {"start": start, "end": start},
    }


def observation(
    patient_id: str, value: float = 5.4, when: str = "2024-03-01T09:00:00+07:00", code: str = "2339-0"
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code, "display": "Glucose"}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"},
    }


def condition(patient_id: str, icd: str = "E11", onset: str = "2023-06-10") -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": icd}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "onsetDateTime": onset,
    }


def consent(patient_id: str, facility_code: str, *, status: str = "active") -> dict[str, Any]:
    return {
        "resourceType": "Consent",
        "status": status,
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]
        },
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
        "patient": {"reference": f"Patient/{patient_id}"},
        "provision": {
            "type": "permit",
            "actor": [
                {
                    "role": {
                        "coding": [
                            {"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "PRCP"}
                        ]
                    },
                    "reference": {"identifier": {"system": MA_CSKCB_SYSTEM, "value": facility_code}},
                }
            ],
        },
    }
