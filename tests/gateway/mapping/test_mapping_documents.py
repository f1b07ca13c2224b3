"""Document tables → Composition (XML5-XML11, XML15), the newborn (XML9), referral (XML13), appointment (XML14)."""

from __future__ import annotations

from yteso.core.ids import BHXH_SYSTEM, BHYT_SYSTEM, CCHN_SYSTEM, ICD10_SYSTEM, MA_CSKCB_SYSTEM
from yteso.gateway.mapping import systems

LOINC = "http://loinc.org"


def _local(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:12]}:00+07:00"


def _compositions(resources, table: str):
    return [
        r
        for r in resources
        if r["resourceType"] == "Composition"
        and any(c["system"] == systems.DOCUMENT and c["code"] == table for c in r["type"]["coding"])
    ]


def _sections(composition) -> dict[str, str]:
    return {s["title"]: s["text"]["div"] for s in composition["section"] if "text" in s}


def test_progress_notes_one_composition_per_row(full, mapped) -> None:
    resources = mapped(full)
    notes = _compositions(resources, "XML5")
    assert len(notes) == len(full["XML5"])
    for note, row in zip(notes, full["XML5"], strict=True):
        assert note["type"]["coding"][0] == {"system": LOINC, "code": "11506-3", "display": "Progress note"}
        assert note["date"] == _local(row["THOI_DIEM_DBLS"])
        assert note["author"][0]["identifier"] == {"system": CCHN_SYSTEM, "value": row["NGUOI_THUC_HIEN"]}
        assert note["status"] == "final" and note["title"] == "Diễn biến lâm sàng"
        sections = _sections(note)
        assert set(sections) == {"Diễn biến lâm sàng", "Giai đoạn bệnh"}
        assert "M: " in sections["Diễn biến lâm sàng"]
        assert note["custodian"]["identifier"] == {"system": MA_CSKCB_SYSTEM, "value": "01001"}


def test_discharge_paper(full, mapped) -> None:
    row = full["XML7"][0]
    paper = _compositions(mapped(full), "XML7")[0]
    assert paper["type"]["coding"][0]["code"] == "18842-5"
    assert paper["title"] == "Giấy ra viện"
    assert paper["identifier"]["value"] == row["SO_LUU_TRU"]
    assert paper["date"] == f"{row['NGAY_CT'][:4]}-{row['NGAY_CT'][4:6]}-{row['NGAY_CT'][6:]}"
    assert paper["author"][0] == {
        "type": "Practitioner",
        "identifier": {"system": BHXH_SYSTEM, "value": row["MA_BS"]},
        "display": row["TEN_BS"],
    }
    assert paper["attester"][0]["mode"] == "legal"
    assert paper["attester"][0]["party"]["identifier"] == {"system": BHXH_SYSTEM, "value": row["MA_TTDV"]}
    assert paper["event"][0]["period"] == {"start": _local(row["NGAY_VAO"]), "end": _local(row["NGAY_RA"])}
    sections = _sections(paper)
    assert row["CHAN_DOAN_RV"] in sections["Chẩn đoán ra viện"]
    assert sections["Ngày chứng từ"].endswith(
        f"{row['NGAY_CT'][6:]}/{row['NGAY_CT'][4:6]}/{row['NGAY_CT'][:4]}</p></div>"
    )


def test_medical_record_summary_and_pregnancy_rest(full, mapped) -> None:
    resources = mapped(full)
    summary = _compositions(resources, "XML8")[0]
    assert summary["type"]["coding"][0]["code"] == "34133-9"
    assert summary["author"][0]["identifier"]["system"] == MA_CSKCB_SYSTEM
    assert "1 – Khỏi" in _sections(summary)["Kết quả điều trị"]
    rest = _compositions(resources, "XML10")[0]
    assert rest["type"]["coding"][0]["system"] == systems.DOCUMENT  # no LOINC code for this certificate
    assert rest["identifier"]["value"] == "DT000123"
    assert rest["author"][0]["display"] == "BS. LÊ THỊ HOA"


def test_sick_leave_certificate(full, mapped) -> None:
    row = full["XML11"][0]
    leave = _compositions(mapped(full), "XML11")[0]
    assert leave["title"] == "Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội"
    assert leave["identifier"]["value"] == row["SO_SERI"]
    day = lambda v: f"{v[:4]}-{v[4:6]}-{v[6:]}"  # noqa: E731
    assert leave["event"][0]["period"] == {"start": day(row["TU_NGAY"]), "end": day(row["DEN_NGAY"])}
    sections = _sections(leave)
    assert row["DON_VI"] in sections["Đơn vị công tác"]
    assert row["SO_NGAY_NGHI"] in sections["Số ngày nghỉ"]


def test_hiv_record_is_restricted(full, mapped) -> None:
    record = _compositions(mapped(full), "XML6")[0]
    assert record["confidentiality"] == "R"
    assert {s["code"] for s in record["meta"]["security"]} == {"HIV", "R"}
    sections = _sections(record)
    assert "Số CCCD" not in sections and "15/03/2020" in sections["Ngày khẳng định HIV"]


def test_tb_treatment(full, mapped) -> None:
    record = _compositions(mapped(full), "XML15")[0]
    sections = _sections(record)
    assert "1 – Lao phổi" in sections["Phân loại lao theo vị trí giải phẫu"]
    assert "Họ tên" not in sections
    assert record["event"][0]["period"] == {"start": "2026-01-05"}


def test_birth_certificate_makes_the_newborn(full, mapped, of_type) -> None:
    row = full["XML9"][0]
    resources = mapped(full)
    baby = of_type(resources, "Patient")[0]
    assert baby["identifier"][0] == {
        "type": {"text": "Mã thẻ BHYT tạm thời"},
        "system": BHYT_SYSTEM,
        "value": row["MA_THE_TAM"],
    }
    assert baby["gender"] == {"1": "male", "2": "female"}[row["GIOI_TINH_CON"]]
    born = row["NGAY_SINH_CON"]
    assert baby["birthDate"] == f"{born[:4]}-{born[4:6]}-{born[6:8]}"
    assert baby["_birthDate"]["extension"][0] == {"url": systems.PATIENT_BIRTH_TIME, "valueDateTime": _local(born)}
    mother = baby["contact"][0]
    assert mother["name"] == {"text": row["HO_TEN_NND"]}
    assert mother["relationship"][0]["coding"][0]["code"] == "MTH"
    assert baby["multipleBirthBoolean"] is False
    weight = next(o for o in of_type(resources, "Observation") if o["code"]["coding"][0]["code"] == "8339-4")
    assert weight["subject"] == {"reference": f"Patient/{baby['id']}"}
    assert weight["valueQuantity"] == {
        "value": int(row["CAN_NANG_CON"]),
        "unit": "g",
        "system": systems.UCUM,
        "code": "g",
    }
    certificate = _compositions(resources, "XML9")[0]
    assert certificate["subject"] == {"reference": "Patient/patient-1"}  # the mother's health book
    assert certificate["identifier"]["value"] == row["SO"]
    assert certificate["author"] == [{"type": "Practitioner", "display": row["NGUOI_GHI_PHIEU"]}]
    newborn_section = next(s for s in certificate["section"] if s["title"] == "Trẻ sơ sinh")
    assert newborn_section["entry"] == [
        {"reference": f"Patient/{baby['id']}"},
        {"reference": f"Observation/{weight['id']}"},
    ]


def test_referral_service_request_and_letter(full, mapped, of_type) -> None:
    row = full["XML13"][0]
    resources = mapped(full)
    request = of_type(resources, "ServiceRequest")[0]
    assert request["intent"] == "order" and request["status"] == "active"
    assert request["category"][0]["coding"][0] == {
        "system": systems.SNOMED,
        "code": "3457005",
        "display": "Patient referral",
    }
    assert request["performer"] == [
        {
            "type": "Organization",
            "identifier": {"system": MA_CSKCB_SYSTEM, "value": row["MA_NOI_DEN"]},
            "display": f"Cơ sở KBCB {row['MA_NOI_DEN']}",
        }
    ]
    assert request["requester"]["identifier"] == {"system": CCHN_SYSTEM, "value": row["MA_BAC_SI"]}
    assert request["reasonCode"][0]["coding"][0] == {"system": ICD10_SYSTEM, "code": row["MA_BENH_CHINH"]}
    assert request["reasonCode"][-1]["coding"][0]["code"] == row["MA_LYDO_CT"]
    assert request["reasonReference"][0]["reference"].startswith("Condition/")
    assert request["authoredOn"] == _local(row["NGAY_RA"])
    assert request["identifier"][0]["value"] == row["GIAY_CHUYEN_TUYEN"]
    notes = [n["text"] for n in request["note"]]
    assert f"Dấu hiệu lâm sàng: {row['DAU_HIEU_LS']}" in notes
    assert f"Người hộ tống: {row['HOTEN_NGUOI_HT']} ({row['CHUCDANH_NGUOI_HT']})" in notes
    letter = _compositions(resources, "XML13")[0]
    assert letter["type"]["coding"][0]["code"] == "57133-1"
    assert request["supportingInfo"] == [{"reference": f"Composition/{letter['id']}"}]
    assert "Họ tên người bệnh" not in _sections(letter)


def test_appointment_from_the_letter(full, mapped, of_type) -> None:
    row = full["XML14"][0]
    appointments = of_type(mapped(full), "Appointment")
    assert len(appointments) == 1  # XML1 NGAY_TAI_KHAM is the same appointment
    appointment = appointments[0]
    assert appointment["status"] == "booked"
    assert appointment["start"] == _local(row["NGAY_HEN_KL"])
    assert appointment["end"] == f"{_local(row['NGAY_HEN_KL'])[:10]}T23:59:59+07:00"
    assert appointment["identifier"][0]["value"] == row["SO_GIAYHEN_KL"]
    actors = [p["actor"] for p in appointment["participant"]]
    assert actors[0] == {"reference": "Patient/patient-1"}
    assert actors[1]["identifier"] == {"system": CCHN_SYSTEM, "value": row["MA_BAC_SI"]}
    assert actors[2]["type"] == "Location" and actors[2]["identifier"]["value"] == row["MA_CSKCB"]
    assert all(p["status"] == "accepted" for p in appointment["participant"])


def test_appointment_from_ngay_tai_kham_without_xml14(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0]["NGAY_TAI_KHAM"] = "20261201;20261215"
    appointments = of_type(mapped(rows), "Appointment")
    assert [(a["start"], a["end"]) for a in appointments] == [
        ("2026-12-01T00:00:00+07:00", "2026-12-01T23:59:59+07:00"),
        ("2026-12-15T00:00:00+07:00", "2026-12-15T23:59:59+07:00"),
    ]
    assert appointments[0]["participant"][-1]["actor"]["identifier"]["value"] == "01001"
