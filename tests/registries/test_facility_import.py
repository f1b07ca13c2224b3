"""Importing the facility registry: good rows become Organization + Location, bad rows are reported and
skipped, re-imports are idempotent, a bad file loads nothing."""

from __future__ import annotations

import pytest

from yteso.core.ids import MA_CSKCB_SYSTEM
from yteso.registries.errors import FileProblem

HEADER = ["MA_CSKCB", "TEN_CSKCB", "LOAI_HINH", "TUYEN", "MA_TINH", "MA_XA", "DIA_CHI", "DIEN_THOAI", "TRANG_THAI"]
GOOD = [
    ["40001", "Bệnh viện Đa khoa tỉnh Nghệ An", "BV", "2", "40", "", "Km 5 Đại lộ Lê Nin", "0238 3844 113", ""],
    ["01C51", "Trạm Y tế phường Phúc Xá", "Trạm Y tế", "4", "01", "00001", "", "", "hoạt động"],
    ["79N01", "Nhà thuốc Minh Châu", "nhà thuốc", "", "", "", "Số 12 Lê Lợi", "", "tạm ngừng"],
]


def _search(api, res_type, code):
    with api.client("clinician", facility="40001") as c:
        bundle = c.get(f"/fhir/{res_type}", params={"identifier": f"{MA_CSKCB_SYSTEM}|{code}"}).json()
    return [e["resource"] for e in bundle.get("entry", [])]


def test_good_file_becomes_organizations_and_locations(registry, api):
    report = registry.load("facilities", registry.csv("f.csv", HEADER, GOOD))
    assert report.problems == [] and report.rows == 3
    assert report.created == {"Organization": 3, "Location": 3}

    [org] = _search(api, "Organization", "40001")
    assert org["id"] == "cskcb-40001" and org["name"] == "Bệnh viện Đa khoa tỉnh Nghệ An" and org["active"] is True
    assert org["type"][0]["coding"][0]["code"] == "BV" and org["type"][1]["coding"][0]["code"] == "2"
    assert org["telecom"][0]["value"] == "0238 3844 113"
    [loc] = _search(api, "Location", "40001")
    assert loc["managingOrganization"]["reference"] == "Organization/cskcb-40001" and loc["status"] == "active"

    [station] = _search(api, "Location", "01C51")
    address = station["address"]
    assert address["city"] == "Phường Phúc Xá" and address["district"] == "Quận Ba Đình"
    assert address["state"] == "Thành phố Hà Nội"
    units = {e["url"]: e["valueCoding"]["code"] for e in address["extension"][0]["extension"]}
    assert units == {"province": "01", "district": "001", "ward": "00001"}

    [pharmacy] = _search(api, "Organization", "79N01")
    assert pharmacy["active"] is False and pharmacy["type"][0]["coding"][0]["code"] == "NT"
    assert _search(api, "Location", "79N01")[0]["status"] == "suspended"


def test_bad_rows_are_reported_with_row_column_rule_and_not_loaded(registry, api):
    rows = [
        *GOOD[:1],
        ["4000", "Ngắn quá", "BV", "", "", "", "", "", ""],  # row 3: code length
        ["99001", "Tỉnh không có", "BV", "", "", "", "", "", ""],  # row 4: province of the code
        ["01002", "Bệnh viện X", "BV", "", "40", "", "", "", ""],  # row 5: MA_TINH disagrees with code
        ["01003", "Bệnh viện Y", "Khách sạn", "", "", "", "", "", ""],  # row 6: unknown type
        ["01C52", "Trạm Y tế Z", "TYT", "", "", "17461", "", "", ""],  # row 7: commune of Nghệ An
        ["01C53", "Trạm Y tế W", "TYT", "2", "", "", "", "", ""],  # row 8: station at province tier
        ["01004", "", "BV", "", "", "", "", "", ""],  # row 9: name missing
        ["40001", "Trùng mã", "BV", "", "", "", "", "", ""],  # row 10: duplicate of row 2
        ["01005", "Bệnh viện Đ", "BV", "", "", "", "", "12ab", ""],  # row 11: phone
        ["01006", "Bệnh viện Tốt", "PK", "", "", "", "", "", ""],  # row 12: good
    ]
    report = registry.load("facilities", registry.csv("f.csv", HEADER, rows))
    got = {p.row: (p.column, p.value, p.rule) for p in report.problems}
    assert got == {
        3: ("MA_CSKCB", "4000", "cskcb.length"),
        4: ("MA_CSKCB", "99001", "cskcb.province"),
        5: ("MA_TINH", "40", "facility.province_mismatch"),
        6: ("LOAI_HINH", "Khách sạn", "facility.type"),
        7: ("MA_XA", "17461", "facility.commune_province"),
        8: ("TUYEN", "2", "facility.level_type"),
        9: ("TEN_CSKCB", "", "value.required"),
        10: (None, "40001", "row.duplicate"),
        11: ("DIEN_THOAI", "12ab", "phone.format"),
    }
    for p in report.problems:
        assert p.message_vi and p.message_en and p.message_vi != p.message_en
    assert report.bad_rows == 9 and report.good_rows == 2
    assert report.created == {"Organization": 2, "Location": 2}
    assert _search(api, "Organization", "01002") == []
    assert [o["name"] for o in _search(api, "Organization", "40001")] == ["Bệnh viện Đa khoa tỉnh Nghệ An"]


def test_reimport_is_idempotent_and_a_changed_row_makes_one_new_version(registry, api):
    path = registry.csv("f.csv", HEADER, GOOD)
    registry.load("facilities", path)
    again = registry.load("facilities", path)
    assert again.created == {} and again.updated == {} and again.unchanged == {"Organization": 3, "Location": 3}

    changed = [list(r) for r in GOOD]
    changed[0][1] = "Bệnh viện Hữu nghị Đa khoa Nghệ An"
    third = registry.load("facilities", registry.csv("g.csv", HEADER, changed))
    assert third.updated == {"Organization": 1, "Location": 1} and third.unchanged == {"Organization": 2, "Location": 2}
    [org] = _search(api, "Organization", "40001")
    assert org["meta"]["versionId"] == "2" and org["name"] == "Bệnh viện Hữu nghị Đa khoa Nghệ An"
    assert _search(api, "Organization", "01C51")[0]["meta"]["versionId"] == "1"


def test_dry_run_counts_but_stores_nothing(registry, api):
    report = registry.load("facilities", registry.csv("f.csv", HEADER, GOOD), dry_run=True)
    assert report.dry_run and report.created == {"Organization": 3, "Location": 3}
    assert _search(api, "Organization", "40001") == []


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        ("MA_CSKCB,TEN_CSKCB,LOAI_HINH\n40001,Đa khoa Nghi Lộc,BV\n".encode("cp1258", "replace"), "file.encoding"),
        (b"PK\x03\x04 this is an xlsx workbook", "file.not_csv"),
        ("MA_CSKCB,TEN\n40001,Bệnh viện\n".encode(), "file.missing_columns"),
        (b"", "file.empty"),
        ('MA_CSKCB,TEN_CSKCB,LOAI_HINH\n40001,"Bệnh viện,BV\n'.encode(), "file.not_csv"),
        (b"MA_CSKCB,TEN_CSKCB,LOAI_HINH,ma_cskcb\n", "file.duplicate_column"),
        ("\ufeffMA_CSKCB\x00,TEN_CSKCB\n".encode("utf-16"), "file.encoding"),
    ],
    ids=["not-utf8", "xlsx", "missing-columns", "empty", "unclosed-quote", "duplicate-column", "utf16"],
)
def test_whole_file_problem_is_one_error_and_loads_nothing(registry, api, tmp_path, content, rule):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(FileProblem) as caught:
        registry.load("facilities", path)
    assert caught.value.rule == rule
    assert caught.value.message_vi and caught.value.message_en
    assert _search(api, "Organization", "40001") == []


def test_semicolon_files_and_loose_headers_are_accepted(registry):
    path = registry.tmp / "excel.csv"
    path.write_text(
        "\ufeffMã CSKCB;Tên CSKCB;Loại hình\n40001;Bệnh viện Đa khoa tỉnh Nghệ An;Bệnh viện\n", encoding="utf-8"
    )
    report = registry.load("facilities", path)
    assert report.problems == [] and report.created == {"Organization": 1, "Location": 1}


def test_rows_that_would_clash_with_stored_resources_are_reported(registry, api):
    with api.client("admin") as admin:
        for _ in range(2):  # two Organizations already carry 40001: which one to update?
            org = {"resourceType": "Organization", "identifier": [{"system": MA_CSKCB_SYSTEM, "value": "40001"}]}
            assert admin.post("/fhir/Organization", json=org).status_code == 201
        # the id a new 01C51 would get is taken by a resource with another code
        other = {"resourceType": "Organization", "id": "cskcb-01c51", "name": "Khác",
                 "identifier": [{"system": MA_CSKCB_SYSTEM, "value": "01999"}]}  # fmt: skip
        assert admin.put("/fhir/Organization/cskcb-01c51", json=other).status_code == 201
    report = registry.load("facilities", registry.csv("f.csv", HEADER, GOOD))
    assert [(p.row, p.rule) for p in report.problems] == [(2, "fhir.conflict"), (3, "fhir.conflict")]
    assert "2 Organization resources carry" in report.problems[0].message_en
    assert report.created == {"Organization": 1, "Location": 1}  # the pharmacy
    assert _search(api, "Organization", "01999")[0]["name"] == "Khác"
