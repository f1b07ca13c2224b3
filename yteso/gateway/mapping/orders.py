"""Drug lines (XML2) → MedicationRequest; technical services of XML3 → Procedure.

Bed days, exam fees, transport, other services and supplies of XML3 are Claim lines only
(see :mod:`yteso.gateway.mapping.claim`): they are costs, not clinical acts worth a resource.
"""

from __future__ import annotations

from yteso.core.ids import ICD10_SYSTEM
from yteso.gateway.mapping import systems, values, vocab
from yteso.gateway.mapping.context import Context, row_keys
from yteso.gateway.mapping.results import Reports
from yteso.gateway.mapping.values import CCHN, JSON
from yteso.gateway.xml4750.model import Row

_MEDREQ_CATEGORY = {
    inpatient: {"system": systems.MEDREQ_CATEGORY, "code": code, "display": display}
    for inpatient, code, display in ((True, "inpatient", "Inpatient"), (False, "outpatient", "Outpatient"))
}


def medication_requests(ctx: Context) -> list[JSON]:
    """One MedicationRequest per XML2 row: the drug (MA_THUOC/TEN_THUOC as an inline CodeableConcept),
    the order time NGAY_YL, the prescriber MA_BAC_SI (CCHN), dose text, route and quantity."""
    rows = ctx.rows("XML2")
    if not rows:
        return []
    category = _MEDREQ_CATEGORY[ctx.inpatient]
    out = []
    for key, row in zip(row_keys(rows, "XML2"), rows, strict=True):
        get = row.get
        body: JSON = {
            "resourceType": "MedicationRequest",
            "id": ctx.ids("MedicationRequest", key),
            "status": "completed",
            "intent": "order",
            "category": [{"coding": [category.copy()]}],
            "medicationCodeableConcept": _medication(row),
            "subject": ctx.patient(),
            "encounter": ctx.encounter(),
        }
        if ordered := values.date_time(get("NGAY_YL", "")):
            body["authoredOn"] = ordered
        if prescriber := values.first_staff(get("MA_BAC_SI", ""), CCHN):
            body["requester"] = prescriber
        if method := get("MA_PP_CHEBIEN", ""):
            body["note"] = [{"text": f"Phương pháp chế biến: {method}"}]
        dosage = _dosage(row)
        if dosage:
            body["dosageInstruction"] = [dosage]
        if amount := values.quantity(get("SO_LUONG", ""), get("DON_VI_TINH", "")):
            body["dispenseRequest"] = {"quantity": amount}
        out.append(body)
    return out


def _medication(row: Row) -> JSON:
    """The drug: MA_THUOC coded (TEN_THUOC as display), text = name, strength and (dosage form)."""
    name = row.get("TEN_THUOC", "")
    strength = row.get("HAM_LUONG", "")
    label = f"{name} {strength}" if name and strength else name or strength
    if form := row.get("DANG_BAO_CHE", ""):
        label = f"{label} ({form})" if label else form
    drug = values.code(row.get("MA_THUOC", ""))
    if drug is None:
        return {"text": label or "Thuốc"}
    coding = {"system": systems.DRUG, "code": drug, "display": name} if name else {"system": systems.DRUG, "code": drug}
    return {"coding": [coding], "text": label or "Thuốc"}


def _dosage(row: Row) -> JSON:
    dosage: JSON = {}
    if text := row.get("LIEU_DUNG", ""):
        dosage["text"] = text
    if instruction := row.get("CACH_DUNG", ""):
        dosage["patientInstruction"] = instruction
    if (route := values.code(row.get("DUONG_DUNG", ""))) is not None:
        dosage["route"] = {"coding": [{"system": systems.DUONG_DUNG, "code": route}]}
    return dosage


def procedures(ctx: Context, reports: Reports) -> list[JSON]:
    """One Procedure per XML3 technical service (MA_NHOM lab, imaging, functional test, surgery,
    procedure; never a supply line): code MA_DICH_VU (+ ICD-9-CM MA_PTTT_QT), performed
    NGAY_TH_YL..NGAY_KQ, performers NGUOI_THUC_HIEN, reason MA_BENH, report the XML4 results."""
    rows = ctx.rows("XML3")
    out = []
    for key, row in zip(row_keys(rows, "XML3"), rows, strict=True):
        group = row.get("MA_NHOM", "")
        if group not in vocab.PROCEDURE_GROUPS or row.get("MA_VAT_TU", ""):
            continue
        if (service := values.code(row.get("MA_DICH_VU", ""))) is None:
            continue
        name = row.get("TEN_DICH_VU", "")
        coding = {"system": systems.DVKT, "code": service}
        if name:
            coding["display"] = name
        concept: JSON = {"coding": [coding, *values.codings(systems.ICD9CM, row.get("MA_PTTT_QT", ""))]}
        concept["text"] = name or service
        body: JSON = {
            "resourceType": "Procedure",
            "id": ctx.ids("Procedure", key),
            "status": "stopped" if service.endswith("_TB") else "completed",
        }
        snomed = vocab.PROCEDURE_GROUPS[group]
        category: JSON = {"text": vocab.MA_NHOM[group]}
        if snomed is not None:
            category["coding"] = [{"system": systems.SNOMED, "code": snomed[0], "display": snomed[1]}]
        body["category"] = category
        body["code"] = concept
        body["subject"] = ctx.patient()
        body["encounter"] = ctx.encounter()
        start = values.date_time(row.get("NGAY_TH_YL", "")) or values.date_time(row.get("NGAY_YL", ""))
        if span := values.period(start, values.date_time(row.get("NGAY_KQ", ""))):
            body["performedPeriod"] = span
        if asserter := values.first_staff(row.get("MA_BAC_SI", ""), CCHN):
            body["asserter"] = asserter
        if performers := values.staff(row.get("NGUOI_THUC_HIEN", ""), CCHN):
            body["performer"] = [{"actor": actor} for actor in performers]
        reasons = [
            {"coding": [{"system": ICD10_SYSTEM, "code": c}]}
            for part in values.icd10_list(row.get("MA_BENH", ""))
            if (c := values.code(part))
        ]
        if reasons:
            body["reasonCode"] = reasons
        if report := reports.for_service(service, row.get("NGAY_KQ", "")):
            body["report"] = [ctx.ref("DiagnosticReport", report)]
        if machine := row.get("MA_MAY", ""):
            body["usedCode"] = [{"text": f"Máy {m}"} for m in values.split(machine)] or [{"text": machine}]
        if anaesthesia := vocab.PP_VO_CAM.get(row.get("PP_VO_CAM", "")):
            body["note"] = [{"text": f"Phương pháp vô cảm: {anaesthesia}"}]
        out.append(body)
    return out
