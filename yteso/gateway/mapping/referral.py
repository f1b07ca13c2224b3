"""Referral letter (XML13) → ServiceRequest (+ the letter as a Composition); re-visit appointment
letter (XML14, else XML1 NGAY_TAI_KHAM) → Appointment."""

from __future__ import annotations

from yteso.core.ids import ICD10_SYSTEM
from yteso.gateway.mapping import systems, values, vocab
from yteso.gateway.mapping.context import Context
from yteso.gateway.mapping.documents import KINDS, composition
from yteso.gateway.mapping.values import CCHN, JSON
from yteso.gateway.xml4750.codes import normalise_icd10
from yteso.gateway.xml4750.model import Row

_REFERRAL = {"system": systems.SNOMED, "code": "3457005", "display": "Patient referral"}
_NOTES = (
    ("DAU_HIEU_LS", "Dấu hiệu lâm sàng"),
    ("QT_BENHLY", "Quá trình bệnh lý và diễn biến lâm sàng"),
    ("TOMTAT_KQ", "Tóm tắt kết quả xét nghiệm, cận lâm sàng"),
    ("TEN_DICH_VU", "Dịch vụ kỹ thuật đã sử dụng"),
    ("TEN_THUOC", "Thuốc đã sử dụng"),
    ("PP_DIEUTRI", "Phương pháp điều trị"),
    ("HUONG_DIEU_TRI", "Hướng điều trị"),
    ("PHUONGTIEN_VC", "Phương tiện vận chuyển"),
)


def referrals(ctx: Context) -> list[JSON]:
    """Each XML13 row: the letter (Composition, LOINC 57133-1) and the referral order it carries."""
    out: list[JSON] = []
    for index, row in enumerate(ctx.rows("XML13"), start=1):
        key = f"XML13:{index}"
        letter = composition(ctx, KINDS["XML13"], row, key)
        out.append(service_request(ctx, row, key, letter["id"] if letter else None))
        if letter:
            out.append(letter)
    return out


def service_request(ctx: Context, row: Row, key: str, letter_id: str | None) -> JSON:
    """The referral: intent order, category referral, performer the receiving facility MA_NOI_DEN,
    reason the diagnoses and MA_LYDO_CT, notes the clinical summary of the letter."""
    s = ctx.summary
    body: JSON = {"resourceType": "ServiceRequest", "id": ctx.ids("ServiceRequest", key)}
    identifiers = [
        {"type": {"text": label}, "value": value, "assigner": ctx.facility()}
        for name, label in (
            ("GIAY_CHUYEN_TUYEN", "Số giấy chuyển tuyến"),
            ("SO_CHUYENTUYEN", "Số sổ chuyển tuyến"),
            ("SO_HOSO", "Số hồ sơ chuyển tuyến"),
        )
        if (value := row.get(name, ""))
    ]
    if identifiers:
        body["identifier"] = identifiers
    body["status"] = "active"
    body["intent"] = "order"
    body["category"] = [{"coding": [dict(_REFERRAL)], "text": "Chuyển tuyến"}]
    body["code"] = {"coding": [dict(_REFERRAL)], "text": "Chuyển tuyến khám bệnh, chữa bệnh BHYT"}
    body["subject"] = ctx.patient()
    body["encounter"] = ctx.encounter()
    authored = values.date_time(row.get("NGAY_RA", "")) or values.date_time(s.get("NGAY_RA", ""))
    if authored:
        body["authoredOn"] = authored
    if requester := values.first_staff(row.get("MA_BAC_SI", ""), CCHN):
        body["requester"] = requester
    destination = values.code(row.get("MA_NOI_DEN", "")) or values.code(s.get("MA_NOI_DEN", ""))
    if destination:
        body["performer"] = [values.facility(destination)]
    reasons = _diagnoses(row, s)
    if (why := values.code(row.get("MA_LYDO_CT", ""))) is not None:
        reasons.append({"coding": [vocab.coding(systems.LY_DO_CT, why, vocab.LY_DO_CT)]})
    if reasons:
        body["reasonCode"] = reasons
    if ctx.main_condition:
        body["reasonReference"] = [ctx.ref("Condition", ctx.main_condition)]
    if letter_id:
        body["supportingInfo"] = [ctx.ref("Composition", letter_id)]
    notes = [{"text": f"{label}: {text}"} for name, label in _NOTES if (text := row.get(name, ""))]
    if escort := row.get("HOTEN_NGUOI_HT", ""):
        role = row.get("CHUCDANH_NGUOI_HT", "")
        notes.append({"text": f"Người hộ tống: {escort}" + (f" ({role})" if role else "")})
    if notes:
        body["note"] = notes
    return body


def _diagnoses(row: Row, summary: Row) -> list[JSON]:
    """ICD-10 codes of the letter (or of XML1 when the letter leaves them out), text CHAN_DOAN_RV."""
    main = row.get("MA_BENH_CHINH", "") or summary.get("MA_BENH_CHINH", "")
    others = row.get("MA_BENH_KT", "") if row.get("MA_BENH_CHINH", "") else summary.get("MA_BENH_KT", "")
    codes = list(
        dict.fromkeys(c for part in [main, *values.split(others)] if (c := values.code(normalise_icd10(part))))
    )
    if not codes:
        return []
    concept: JSON = {"coding": [{"system": ICD10_SYSTEM, "code": c} for c in codes]}
    if text := row.get("CHAN_DOAN_RV", "") or summary.get("CHAN_DOAN_RV", ""):
        concept["text"] = text
    return [concept]


def appointments(ctx: Context) -> list[JSON]:
    """Each XML14 letter; without XML14, each date of XML1 NGAY_TAI_KHAM (date-only, whole day)."""
    out: list[JSON] = []
    letters = ctx.rows("XML14")
    for index, row in enumerate(letters, start=1):
        if body := _appointment(ctx, f"XML14:{index}", row.get("NGAY_HEN_KL", ""), row):
            out.append(body)
    if not letters:
        for when in values.split(ctx.summary.get("NGAY_TAI_KHAM", "")):
            if body := _appointment(ctx, f"NGAY_TAI_KHAM:{when}", when, None):
                out.append(body)
    return out


def _appointment(ctx: Context, key: str, when: str, row: Row | None) -> JSON | None:
    """A booked follow-up visit. R4 needs start and end on a booked appointment: a time given runs
    to the end of that day; a date alone is the whole day (00:00-23:59, Vietnam time)."""
    start = values.instant(when)
    if start is None:
        return None
    end = f"{start[:10]}T23:59:59+07:00"
    body: JSON = {"resourceType": "Appointment", "id": ctx.ids("Appointment", key)}
    s = ctx.summary
    if row is not None and (number := row.get("SO_GIAYHEN_KL", "")):
        body["identifier"] = [{"type": {"text": "Số giấy hẹn khám lại"}, "value": number, "assigner": ctx.facility()}]
    body["status"] = "booked"
    body["appointmentType"] = {
        "coding": [
            {"system": systems.V2_0276, "code": "FOLLOWUP", "display": "A follow up visit from a previous appointment"}
        ]
    }
    reasons = _diagnoses(row or {}, s)
    if reasons:
        body["reasonCode"] = reasons
    if ctx.main_condition:
        body["reasonReference"] = [ctx.ref("Condition", ctx.main_condition)]
    body["description"] = "Hẹn khám lại"
    body["start"] = start
    body["end"] = end
    if row is not None and (issued := values.date_time(row.get("NGAY_CT", ""))):
        body["created"] = issued
    participants: list[JSON] = [{"actor": ctx.patient(), "status": "accepted"}]
    doctor = values.first_staff(row.get("MA_BAC_SI", ""), CCHN) if row is not None else None
    if doctor:
        participants.append({"actor": doctor, "status": "accepted"})
    place = (values.code(row.get("MA_CSKCB", "")) if row is not None else None) or ctx.facility_code
    location = values.facility(place)
    location["type"] = "Location"
    participants.append({"actor": location, "status": "accepted"})
    body["participant"] = participants
    return body
