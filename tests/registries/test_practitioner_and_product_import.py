"""Practitioners (CCHN linked to CCCD, PractitionerRole at a registered facility) and products (GTIN)."""

from __future__ import annotations

from yteso.core.ids import CCCD_SYSTEM, CCHN_SYSTEM, GTIN_SYSTEM

FAC_HEADER = ["MA_CSKCB", "TEN_CSKCB", "LOAI_HINH"]
PRAC_HEADER = ["SO_CCHN", "HO_TEN", "SO_CCCD", "NGAY_SINH", "GIOI_TINH", "CHUC_DANH", "PHAM_VI_HD", "NOI_CAP",
               "NGAY_CAP", "MA_CSKCB", "TRANG_THAI"]  # fmt: skip


def _one(api, res_type, **params):
    with api.client("officer") as c:
        entries = c.get(f"/fhir/{res_type}", params=params).json().get("entry", [])
    assert len(entries) == 1, entries
    return entries[0]["resource"]


def test_practitioner_links_licence_citizen_id_and_facility(registry, api):
    registry.load("facilities", registry.csv("f.csv", FAC_HEADER, [["40001", "Bệnh viện Đa khoa tỉnh Nghệ An", "BV"]]))
    rows = [
        ["000123/NA-CCHN", "Nguyễn Thị Lan", "040185001234", "1985-03-02", "2", "Bác sĩ",
         "Khám bệnh, chữa bệnh chuyên khoa Nhi", "Sở Y tế Nghệ An", "12/05/2015", "40001", ""],
        ["12345/CCHN-BQP", "Trần Văn Hùng", "001080004321", "", "", "DD", "Điều dưỡng", "Bộ Quốc phòng", "", "",
         "đình chỉ"],
    ]  # fmt: skip
    report = registry.load("practitioners", registry.csv("p.csv", PRAC_HEADER, rows))
    assert report.problems == []
    assert report.created == {"Practitioner": 2, "PractitionerRole": 2}

    doctor = _one(api, "Practitioner", identifier=f"{CCHN_SYSTEM}|000123/NA-CCHN")
    ids = {i["system"]: i["value"] for i in doctor["identifier"]}
    assert ids == {CCHN_SYSTEM: "000123/NA-CCHN", CCCD_SYSTEM: "040185001234"}
    name = {"use": "official", "text": "Nguyễn Thị Lan", "family": "Nguyễn", "given": ["Thị", "Lan"]}
    assert doctor["name"][0] == name
    assert doctor["gender"] == "female" and doctor["birthDate"] == "1985-03-02" and doctor["active"] is True
    qualification = doctor["qualification"][0]
    assert qualification["code"]["coding"][0]["code"] == "BS"
    assert qualification["issuer"]["display"] == "Sở Y tế Nghệ An"
    assert qualification["period"]["start"] == "2015-05-12"

    role = _one(api, "PractitionerRole", identifier=f"{CCHN_SYSTEM}|000123/NA-CCHN")
    assert role["practitioner"]["reference"] == f"Practitioner/{doctor['id']}"
    assert role["organization"]["reference"] == "Organization/cskcb-40001"
    assert role["specialty"][0]["text"] == "Khám bệnh, chữa bệnh chuyên khoa Nhi"

    nurse = _one(api, "Practitioner", identifier=f"{CCCD_SYSTEM}|001080004321")
    assert nurse["active"] is False and nurse["gender"] == "male"  # sex read from the CCCD
    assert nurse["qualification"][0]["extension"][0]["valueCoding"]["code"] == "suspended"


def test_practitioner_rows_breaking_rules_are_reported(registry):
    registry.load("facilities", registry.csv("f.csv", FAC_HEADER, [["40001", "Bệnh viện Đa khoa tỉnh Nghệ An", "BV"]]))
    base = ["000123/NA-CCHN", "Nguyễn Thị Lan", "040185001234", "1985-03-02", "2", "BS", "Nhi", "Sở Y tế Nghệ An",
            "", "40001", ""]  # fmt: skip

    def row(**changes):
        values = dict(zip(PRAC_HEADER, base, strict=True)) | changes
        return [values[h] for h in PRAC_HEADER]

    rows = [
        row(SO_CCHN="ABC"),  # 2
        row(SO_CCHN="1/NA-CCHN", SO_CCCD="04018500123"),  # 3: 11 digits
        row(SO_CCHN="2/NA-CCHN", NGAY_SINH="1990-03-02"),  # 4: CCCD says 1985
        row(SO_CCHN="3/NA-CCHN", GIOI_TINH="1"),  # 5: CCCD says female
        row(SO_CCHN="4/NA-CCHN", CHUC_DANH="Phi công"),  # 6
        row(SO_CCHN="5/NA-CCHN", MA_CSKCB="40999"),  # 7: facility not registered
        row(SO_CCHN="6/NA-CCHN", NGAY_CAP="31/02/2015"),  # 8
        row(SO_CCHN="7/NA-CCHN"),  # 9: good
    ]
    report = registry.load("practitioners", registry.csv("p.csv", PRAC_HEADER, rows))
    assert {p.row: p.rule for p in report.problems} == {
        2: "cchn.format",
        3: "cccd.length",
        4: "cccd.birth_year_mismatch",
        5: "cccd.sex_mismatch",
        6: "practitioner.title",
        7: "practitioner.facility_unknown",
        8: "date.format",
    }
    assert report.created == {"Practitioner": 1, "PractitionerRole": 1}


MED_HEADER = ["GTIN", "TEN_THUOC", "HOAT_CHAT", "HAM_LUONG", "DANG_BAO_CHE", "DUONG_DUNG", "DON_VI_TINH",
              "SO_DANG_KY", "MA_THUOC", "NHA_SAN_XUAT", "NUOC_SAN_XUAT", "TRANG_THAI"]  # fmt: skip


def test_medications_keyed_by_gtin_with_strength(registry, api):
    rows = [
        ["8936014580011", "Hapacol 500", "Paracetamol", "500mg", "Viên nén", "Uống", "Viên", "VD-21181-14", "40.58",
         "Công ty CP Dược Hậu Giang", "Việt Nam", ""],
        ["08935006530010", "Amoxicillin 250mg/5ml", "Amoxicillin", "250mg/5ml", "Bột pha hỗn dịch", "Uống", "Gói",
         "", "", "", "", "ngừng"],
        ["8936014580018", "Sai số kiểm tra", "X", "", "", "", "", "", "", "", "", ""],
        ["89360145800", "Thiếu số", "X", "", "", "", "", "", "", "", "", ""],
        ["8936014580011", "Trùng", "X", "", "", "", "", "", "", "", "", ""],
        ["4006381333931", "Có khoảng trắng", "X", "", "", "", "", "VD 123", "", "", "", ""],
    ]  # fmt: skip
    report = registry.load("medications", registry.csv("m.csv", MED_HEADER, rows))
    assert {p.row: p.rule for p in report.problems} == {
        4: "gtin.check_digit",
        5: "gtin.length",
        6: "row.duplicate",
        7: "product.registration_format",
    }
    assert report.created == {"Medication": 2}
    med = _one(api, "Medication", identifier=f"{GTIN_SYSTEM}|08936014580011")  # stored as GTIN-14
    assert med["id"] == "gtin-08936014580011" and med["status"] == "active"
    assert med["ingredient"][0]["strength"]["numerator"] == {
        "value": 500.0, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}  # fmt: skip
    assert med["code"]["coding"][0]["code"] == "40.58" and med["form"]["text"] == "Viên nén"
    syrup = _one(api, "Medication", identifier=f"{GTIN_SYSTEM}|08935006530010")
    assert syrup["status"] == "inactive"
    assert syrup["ingredient"][0]["strength"]["denominator"]["code"] == "mL"
    again = registry.load("medications", registry.csv("m.csv", MED_HEADER, rows))
    assert again.unchanged == {"Medication": 2} and again.created == {}


def test_devices_keyed_by_gtin(registry, api):
    header = ["GTIN", "TEN_TTB", "LOAI_TTB", "MA_VAT_TU", "MODEL", "SO_LUU_HANH", "NHA_SAN_XUAT", "NUOC_SAN_XUAT"]
    rows = [
        ["04006381333931", "Máy đo huyết áp điện tử", "B", "N07.01.010", "HEM-7120", "2300123ĐKLH/BYT-HTTB",
         "Omron", "Nhật Bản"],
        ["04006381333932", "Kim tiêm", "A", "", "", "", "", ""],
        ["40063812", "Bơm tiêm 5ml", "E", "", "", "", "", ""],
    ]  # fmt: skip
    report = registry.load("devices", registry.csv("d.csv", header, rows))
    assert {p.row: p.rule for p in report.problems} == {3: "gtin.check_digit", 4: "device.class"}
    device = _one(api, "Device", identifier=f"{GTIN_SYSTEM}|04006381333931")
    assert device["udiCarrier"][0]["deviceIdentifier"] == "04006381333931"
    assert device["deviceName"][0]["name"] == "Máy đo huyết áp điện tử" and device["modelNumber"] == "HEM-7120"
    assert device["property"][0]["valueCode"][0]["coding"][0]["code"] == "B"
