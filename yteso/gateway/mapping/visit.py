"""XML1 (bảng tổng hợp) → the Encounter, its diagnoses (Condition) and the measurements it carries."""

from __future__ import annotations

from yteso.core.ids import ICD10_SYSTEM
from yteso.gateway.mapping import systems, values, vocab
from yteso.gateway.mapping.context import Context
from yteso.gateway.mapping.values import JSON
from yteso.gateway.xml4750.codes import normalise_icd10


def conditions(ctx: Context) -> list[tuple[JSON, str]]:
    """Conditions of the visit with their role in Encounter.diagnosis (``AD`` admission, ``DD`` discharge).

    Main (MA_BENH_CHINH, text CHAN_DOAN_RV), secondary (MA_BENH_KT) and traditional-medicine
    (MA_BENH_YHCT) diagnoses, each code once; the admission diagnosis (CHAN_DOAN_VAO, free text)
    as a provisional Condition. The id key is the code, so a re-send that reorders codes keeps ids.
    """
    s = ctx.summary
    out: list[tuple[JSON, str]] = []
    recorded = values.date_time(s.get("NGAY_RA", ""))
    outcome = s.get("KET_QUA_DTRI", "")
    seen: set[str] = set()
    main = values.code(normalise_icd10(s.get("MA_BENH_CHINH", "")))
    if main:
        seen.add(main)
        condition = _condition(ctx, ICD10_SYSTEM, main, s.get("CHAN_DOAN_RV", ""), recorded)
        if outcome == "1":
            condition["clinicalStatus"] = _clinical("resolved")
        elif outcome in ("2", "3", "4"):
            condition["clinicalStatus"] = _clinical("active")
        ctx.main_condition = condition["id"]
        out.append((condition, "DD"))
    for part in values.split(s.get("MA_BENH_KT", "")):
        code = values.code(normalise_icd10(part))
        if code and code not in seen:
            seen.add(code)
            out.append((_condition(ctx, ICD10_SYSTEM, code, "", recorded), "DD"))
    for part in values.split(s.get("MA_BENH_YHCT", "")):
        code = values.code(part)
        if code and f"yhct:{code}" not in seen:
            seen.add(f"yhct:{code}")
            out.append((_condition(ctx, systems.BENH_YHCT, code, "", recorded), "DD"))
    if admission := s.get("CHAN_DOAN_VAO", ""):
        condition = {
            "resourceType": "Condition",
            "id": ctx.ids("Condition", "admission"),
            "verificationStatus": _verification("provisional"),
            "category": [_encounter_diagnosis()],
            "code": {"text": admission},
            "subject": ctx.patient(),
            "encounter": ctx.encounter(),
        }
        if noted := values.date_time(s.get("NGAY_VAO", "")):
            condition["recordedDate"] = noted
        out.append((condition, "AD"))
    return out


def _condition(ctx: Context, system: str, code: str, text: str, recorded: str | None) -> JSON:
    key = code if system == ICD10_SYSTEM else f"yhct:{code}"
    concept: JSON = {"coding": [{"system": system, "code": code}]}
    if text:
        concept["text"] = text
    condition: JSON = {
        "resourceType": "Condition",
        "id": ctx.ids("Condition", key),
        "verificationStatus": _verification("confirmed"),
        "category": [_encounter_diagnosis()],
        "code": concept,
        "subject": ctx.patient(),
        "encounter": ctx.encounter(),
    }
    if recorded:
        condition["recordedDate"] = recorded
    return condition


def _encounter_diagnosis() -> JSON:
    return {
        "coding": [
            {"system": systems.CONDITION_CATEGORY, "code": "encounter-diagnosis", "display": "Encounter Diagnosis"}
        ]
    }


def _verification(status: str) -> JSON:
    return {"coding": [{"system": systems.CONDITION_VERIFICATION, "code": status}]}


def _clinical(status: str) -> JSON:
    return {"coding": [{"system": systems.CONDITION_CLINICAL, "code": status}]}


def encounter_class(summary: dict[str, str]) -> tuple[str, str]:
    """v3 ActCode class of the visit: MA_LOAI_KCB, and emergency (MA_DOITUONG_KCB 2) for an ambulatory visit."""
    cls = vocab.ENCOUNTER_CLASS.get(summary.get("MA_LOAI_KCB", ""), ("AMB", "ambulatory"))
    if cls[0] == "AMB" and summary.get("MA_DOITUONG_KCB", "") == vocab.EMERGENCY_VISIT:
        return vocab.EMERGENCY_CLASS
    return cls


def encounter(ctx: Context, diagnoses: list[tuple[JSON, str]]) -> JSON:
    """The visit: identifier MA_LK (assigner the facility), class, period, reasons, diagnoses, discharge."""
    s = ctx.summary
    cls = encounter_class(s)
    ctx.inpatient = cls[0] in ("IMP", "SS")
    identifiers = [ctx.visit_identifier()]
    if record := s.get("MA_HSBA", ""):
        identifiers.append(
            {"use": "secondary", "type": {"text": "Mã hồ sơ bệnh án"}, "value": record, "assigner": ctx.facility()}
        )
    body: JSON = {
        "resourceType": "Encounter",
        "id": ctx.encounter_id,
        "identifier": identifiers,
        "status": "finished",
        "class": {"system": systems.V3_ACT_CODE, "code": cls[0], "display": cls[1]},
    }
    start = values.date_time(s.get("NGAY_VAO", ""))
    end = values.date_time(s.get("NGAY_RA", ""))
    admitted = values.date_time(s.get("NGAY_VAO_NOI_TRU", ""))
    if admitted and cls[0] != "AMB" and start and admitted > start:
        body["classHistory"] = [
            {
                "class": {"system": systems.V3_ACT_CODE, "code": "AMB", "display": "ambulatory"},
                "period": {"start": start, "end": admitted},
            },
            {"class": dict(body["class"]), "period": values.period(admitted, end)},
        ]
    types = []
    if kind := values.code(s.get("MA_LOAI_KCB", "")):
        types.append({"coding": [vocab.loai_kcb(kind)]})
    if category := values.code(s.get("MA_DOITUONG_KCB", "")):
        types.append({"coding": [{"system": systems.MA_DOITUONG_KCB, "code": category}]})
    if types:
        body["type"] = types
    if s.get("MA_DOITUONG_KCB", "") == vocab.EMERGENCY_VISIT:
        body["priority"] = {"coding": [{"system": systems.V3_ACT_PRIORITY, "code": "EM", "display": "emergency"}]}
    body["subject"] = ctx.patient()
    if span := values.period(start, end):
        body["period"] = span
    days = values.number(s.get("SO_NGAY_DTRI", ""))
    if days is not None and days >= 0:
        body["length"] = {"value": days, "unit": "ngày", "system": systems.UCUM, "code": "d"}
    reasons = _reasons(s)
    if reasons:
        body["reasonCode"] = reasons
    if diagnoses:
        body["diagnosis"] = _diagnoses(diagnoses)
    if hospitalization := _hospitalization(s):
        body["hospitalization"] = hospitalization
    departments = values.split(s.get("MA_KHOA", ""))
    if departments:
        body["location"] = [{"location": {"display": f"Khoa {d}"}} for d in departments]
    body["serviceProvider"] = ctx.facility()
    if (outcome := values.code(s.get("KET_QUA_DTRI", ""))) is not None:
        body["extension"] = [
            {
                "url": systems.EXT_TREATMENT_OUTCOME,
                "valueCodeableConcept": {"coding": [vocab.coding(systems.KET_QUA_DTRI, outcome, vocab.KET_QUA_DTRI)]},
            }
        ]
    return body


def _reasons(s: dict[str, str]) -> list[JSON]:
    reasons: list[JSON] = []
    if reason := s.get("LY_DO_VV", ""):
        reasons.append({"text": reason})
    admission = s.get("LY_DO_VNT", "")
    admission_code = values.code(s.get("MA_LY_DO_VNT", ""))
    if admission or admission_code:
        concept: JSON = {}
        if admission_code:
            concept["coding"] = [{"system": systems.LY_DO_VNT, "code": admission_code}]
        if admission:
            concept["text"] = admission
        reasons.append(concept)
    return reasons


def _diagnoses(diagnoses: list[tuple[JSON, str]]) -> list[JSON]:
    out = []
    rank = 0
    for condition, role in diagnoses:
        entry: JSON = {
            "condition": {"reference": f"Condition/{condition['id']}"},
            "use": {"coding": [{"system": systems.DIAGNOSIS_ROLE, "code": role}]},
        }
        if role == "DD":
            rank += 1
            entry["rank"] = rank
        out.append(entry)
    return out


def _hospitalization(s: dict[str, str]) -> JSON | None:
    out: JSON = {}
    origin = values.code(s.get("MA_NOI_DI", ""))
    if origin:
        out["origin"] = values.facility(origin)
        out["admitSource"] = {"coding": [{"system": systems.ADMIT_SOURCE, "code": "hosp-trans"}]}
    elif s.get("MA_DOITUONG_KCB", "") == vocab.EMERGENCY_VISIT:
        out["admitSource"] = {"coding": [{"system": systems.ADMIT_SOURCE, "code": "emd"}]}
    if destination := values.code(s.get("MA_NOI_DEN", "")):
        out["destination"] = values.facility(destination)
    if disposition := discharge_disposition(s.get("MA_LOAI_RV", ""), s.get("KET_QUA_DTRI", "")):
        out["dischargeDisposition"] = disposition
    return out or None


def discharge_disposition(kind: str, outcome: str) -> JSON | None:
    """MA_LOAI_RV (how the patient left) → FHIR discharge disposition; a death (KET_QUA_DTRI 5, 8) is ``exp``."""
    codings = []
    if outcome in vocab.DIED:
        codings.append({"system": systems.DISCHARGE_DISPOSITION, "code": "exp", "display": "Expired"})
    elif kind in vocab.DISPOSITION_BY_RV:
        code, display = vocab.DISPOSITION_BY_RV[kind]
        codings.append({"system": systems.DISCHARGE_DISPOSITION, "code": code, "display": display})
    if (local := values.code(kind)) is not None:
        codings.append(vocab.coding(systems.MA_LOAI_RV, local, vocab.LOAI_RV))
    if not codings:
        return None
    concept: JSON = {"coding": codings}
    if text := vocab.LOAI_RV.get(kind):
        concept["text"] = text
    return concept


def observations(ctx: Context) -> list[JSON]:
    """Weight (CAN_NANG, kg) and blood group (NHOM_MAU) of the patient, as Observations."""
    s = ctx.summary
    out: list[JSON] = []
    weight = values.number(s.get("CAN_NANG", ""))
    when = values.date_time(s.get("NGAY_VAO", ""))
    if weight is not None and weight > 0:
        obs: JSON = {
            "resourceType": "Observation",
            "id": ctx.ids("Observation", "XML1:CAN_NANG"),
            "status": "final",
            "category": [_category("vital-signs", "Vital Signs")],
            "code": {
                "coding": [{"system": systems.LOINC, "code": "29463-7", "display": "Body weight"}],
                "text": "Cân nặng",
            },
            "subject": ctx.patient(),
            "encounter": ctx.encounter(),
        }
        if when:
            obs["effectiveDateTime"] = when
        obs["valueQuantity"] = {"value": weight, "unit": "kg", "system": systems.UCUM, "code": "kg"}
        out.append(obs)
    if group := s.get("NHOM_MAU", ""):
        out.append(
            {
                "resourceType": "Observation",
                "id": ctx.ids("Observation", "XML1:NHOM_MAU"),
                "status": "final",
                "category": [_category("laboratory", "Laboratory")],
                "code": {
                    "coding": [
                        {"system": systems.LOINC, "code": "882-1", "display": "ABO and Rh group [Type] in Blood"}
                    ],
                    "text": "Nhóm máu",
                },
                "subject": ctx.patient(),
                "encounter": ctx.encounter(),
                "valueCodeableConcept": {"text": group},
            }
        )
    return out


def _category(code: str, display: str) -> JSON:
    return {"coding": [{"system": systems.OBSERVATION_CATEGORY, "code": code, "display": display}]}
