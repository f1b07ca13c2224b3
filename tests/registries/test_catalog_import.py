"""Catalog imports: CodeSystem + "all codes" ValueSet in the FHIR store, concepts in the concept table."""

from __future__ import annotations

import csv
import time

from sqlalchemy import func, select

from yteso.registries import systems
from yteso.registries.catalogs.tables import catalog, concept
from yteso.registries.service import bundled_file


def _concepts(registry, system):
    with registry.sessions() as s:
        rows = s.execute(select(concept.c.code, concept.c.properties).where(concept.c.system == system)).all()
    return {code: props for code, props in rows}


def _props(props):
    return {p["code"]: next(v for k, v in p.items() if k.startswith("value")) for p in props.get("property", [])}


def test_full_icd10_loads_with_usage_properties_and_reimports_unchanged(registry, api):
    started = time.perf_counter()
    report = registry.load("icd10", bundled_file("icd10"))
    seconds = time.perf_counter() - started
    rate = report.rows / seconds
    print(f"ICD-10 import ({registry.db.backend}): {report.rows} rows in {seconds:.2f} s = {rate:,.0f} rows/s")
    assert report.rows == 12219 and report.problems == []
    assert report.created == {"CodeSystem": 1, "ValueSet": 1}
    codes = _concepts(registry, systems.ICD10_VN)
    assert len(codes) == 12137  # marked and plain listings of one code are one concept
    assert _props(codes["A17.0"])["dagger"] is True and _props(codes["A17.0"])["parent"] == "A17"
    assert _props(codes["B95.0"])["notMainDiagnosis"] is True
    assert _props(codes["O80.0"])["sex"] == "female" and _props(codes["N40"])["sex"] == "male"
    assert _props(codes["M01.00"])["parent"] == "M01.0"
    assert codes["A00"]["designation"] == [{"language": "en", "value": "Cholera"}]
    assert "sex" not in _props(codes["E11.9"]) and "notMainDiagnosis" not in _props(codes["E11.9"])

    with api.client("citizen", citizen="001090012345") as c:
        cs = c.get("/fhir/CodeSystem", params={"url": systems.ICD10_VN, "_elements": "url,count,version"}).json()
        assert cs["entry"][0]["resource"]["count"] == 12137
        vs = c.get("/fhir/ValueSet/icd-10-vn").json()
        assert vs["compose"]["include"] == [{"system": systems.ICD10_VN, "version": "QD4469-2020"}]

    again = registry.load("icd10", bundled_file("icd10"))
    assert again.unchanged == {"CodeSystem": 1, "ValueSet": 1} and again.created == {} and again.updated == {}
    assert any("concept rows unchanged" in n for n in again.notes)


def test_icd10_bad_rows_and_annex_files(registry, icd10_small):
    path = icd10_small
    text = path.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    bad = dict.fromkeys(header, "")
    rows = [
        {**bad, "disease_code": "E1X.0", "disease_name_vi": "Sai mã"},
        {**bad, "disease_code": "E99.9", "disease_name_vi": ""},
        {**bad, "disease_code": "E10", "disease_name_vi": "Tên khác hẳn của E10"},
    ]
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header).writerows(rows)
    report = registry.load("icd10", path)
    n = len(text)
    assert [(p.row, p.rule) for p in report.problems] == [
        (n + 1, "icd10.code_format"),
        (n + 2, "icd10.name_required"),
        (n + 3, "row.duplicate"),
    ]
    assert any("annex not_main" in note and "matched" in note for note in report.notes)
    codes = _concepts(registry, systems.ICD10_VN)
    assert "E1X.0" not in codes and "E10" in codes and _props(codes["B95.0"])["notMainDiagnosis"] is True


def test_provinces_63_and_34_are_two_code_systems(registry):
    r63 = registry.load("provinces", bundled_file("provinces"))
    r34 = registry.load("provinces", bundled_file("provinces-2025"))
    assert r63.problems == [] and r34.problems == []
    p63, p34 = _concepts(registry, systems.PROVINCE_63), _concepts(registry, systems.PROVINCE_34)
    assert len(p63) == 63 and len(p34) == 34
    assert _props(p63["79"])["cccdPrefix"] == "079"
    assert _props(p34["01"])["wardCount"] == 126
    with registry.sessions() as s:
        assert s.execute(select(func.count()).select_from(catalog)).scalar_one() == 2


def test_province_rows_are_checked(registry):
    path = registry.csv(
        "p.csv",
        ["matinh_2digit", "cccd_prefix_3digit", "ten_tinh"],
        [["01", "001", "Thành phố Hà Nội"], ["2", "002", "Tỉnh Hà Giang"], ["04", "005", "Tỉnh Cao Bằng"],
         ["01", "001", "Hà Nội lần hai"], ["06", "006", ""]],
    )  # fmt: skip
    report = registry.load("provinces", path)
    assert [(p.row, p.rule) for p in report.problems] == [
        (3, "province.code_format"),
        (4, "province.cccd_prefix"),
        (5, "row.duplicate"),
        (6, "province.name_required"),
    ]
    assert list(_concepts(registry, systems.PROVINCE_63)) == ["01"]


def test_services_file_gives_dvkt_and_icd9cm_catalogs(registry):
    header = ["ma_chuyen_khoa21", "chuyen_khoa21", "ma_tuong_duong", "ten_dvkt", "phan_tuyen", "phan_loai",
              "ma_icd9cm", "ten_icd9cm", "chuong_icd9cm", "id_chuong", "ngay_dong_bo"]  # fmt: skip
    rows = [
        ["1", "Hệ thần kinh", "01.0115.0297", "Siêu âm nội soi phế quản ống mềm", "A", "TD", "88.73",
         "Siêu âm chẩn đoán ở vị trí khác của ngực", "(87-99) PTTT", "16", "12/10/2020"],
        ["27", "Dinh dưỡng", "27.205b.0463", "Phẫu thuật nội soi cắt đoạn đại tràng", "B", "PD", "17.39",
         "Nội soi ổ bụng khác cắt bỏ một phần đại tràng", "(17-17)", "17", "12/10/2020"],
        ["22", "Khác", "22.0589.1285", "Đo độ đàn hồi cục máu", "B", "", "", "", "", "", ""],
        ["", "", "18.0674.0054", "", "", "", "", "", "", "", ""],
        ["", "", "1.2.3", "Mã sai", "", "", "", "", "", "", ""],
        ["", "", "01.0116.0118", "Nội soi", "", "", "96.5x", "", "", "", ""],
    ]  # fmt: skip
    report = registry.load("services", registry.csv("s.csv", header, rows))
    assert [(p.row, p.rule) for p in report.problems] == [
        (5, "service.name_required"),
        (6, "service.code_format"),
        (7, "service.icd9cm_format"),
    ]
    dvkt = _concepts(registry, systems.DVKT)
    assert set(dvkt) == {"01.0115.0297", "27.205b.0463", "22.0589.1285"}
    assert _props(dvkt["01.0115.0297"])["icd9cm"] == {
        "system": systems.ICD9CM, "code": "88.73", "display": "Siêu âm chẩn đoán ở vị trí khác của ngực"}  # fmt: skip
    assert set(_concepts(registry, systems.ICD9CM)) == {"88.73", "17.39"}
    assert report.created == {"CodeSystem": 2, "ValueSet": 2}


def test_admin_units_file_builds_the_hierarchy(registry):
    header = ["id", "tentinh", "matinh", "tenhuyen", "mahuyen", "tenxa", "maxa", "cap", "tentienganh", "viettat"]
    rows = [
        ["1", "Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Phường", "", ""],
        ["2", "Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Vĩnh Phúc", "00006", "Phường", "Vinh Phuc", ""],
        ["3", "Thành phố Hải Phòng", "31", "Huyện Bạch Long Vĩ", "318", "", "", "Huyện", "", ""],
        ["4", "Thành phố Hà Nội", "01", "Quận Ba Đình khác", "001", "Phường X", "00007", "Phường", "", ""],
        ["5", "Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Y", "0008", "Phường", "", ""],
    ]
    report = registry.load("admin-units", registry.csv("dvhc.csv", header, rows))
    problems = [(p.row, p.rule) for p in report.problems]
    assert problems == [(5, "admin_unit.name_conflict"), (6, "admin_unit.code_format")]
    units = _concepts(registry, systems.ADMIN_UNIT)
    assert set(units) == {"01", "001", "00001", "00006", "31", "318"}
    assert _props(units["00001"]) == {"level": "commune", "parent": "001", "type": "Phường"}
    assert units["00001"]["designation"][0]["value"] == "Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội"
