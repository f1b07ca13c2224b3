"""Field rules from the specification: presence, length, number, date, code lists and formats."""

from __future__ import annotations

import pytest

from yteso.gateway.xml4750 import badinput as bad


def test_a_valid_dossier_has_no_error(good, check) -> None:
    assert check(good) == []


@pytest.mark.parametrize(
    ("table", "field"),
    [("XML1", "HO_TEN"), ("XML1", "NGAY_VAO"), ("XML1", "T_TONGCHI_BV"), ("XML2", "MA_THUOC"), ("XML3", "MA_KHOA"),
     ("XML4", "TEN_CHI_SO")],
)  # fmt: skip
def test_mandatory_field_missing_or_empty(good, check, rules, table: str, field: str) -> None:
    assert (table, field, "REQUIRED") in rules(check(bad.without_field(good, table, field)))
    assert (table, field, "REQUIRED") in rules(check(bad.with_value(good, table, field, "")))


def test_errors_carry_row_value_and_both_languages(good, check) -> None:
    [error] = [e for e in check(bad.with_value(good, "XML2", "SO_LUONG", "2,5", row=2)) if e.rule == "NUMBER_FORMAT"]
    assert (error.table, error.row, error.field, error.value) == ("XML2", 2, "SO_LUONG", "2,5")
    assert "SO_LUONG" in error.message_vi and "số" in error.message_vi
    assert "not a valid number" in error.message_en


def test_unknown_element(good, check, rules) -> None:
    assert ("XML1", "MA_LA", "FIELD_UNKNOWN") in rules(check(bad.with_value(good, "XML1", "MA_LA", "x")))


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML1", "HO_TEN", "A" * 256), ("XML1", "MA_LK", "L" * 101), ("XML2", "DUONG_DUNG", "1.011"),
     ("XML1", "MA_DOITUONG_KCB", "1.1010")],
)  # fmt: skip
def test_max_length(good, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "MAX_LENGTH") in rules(check(bad.with_value(good, table, field, value)))


def test_gateway_length_is_used_when_larger_than_the_decision(good, check) -> None:
    assert check(bad.with_value(good, "XML1", "MA_DOITUONG_KCB", "3.10")) == []  # 4750: 4, gateway: 5


@pytest.mark.parametrize("value", ["1,5", "-2", "1e3", "abc", " 1 1"])
def test_number_format(good, check, rules, value: str) -> None:
    assert ("XML2", "SO_LUONG", "NUMBER_FORMAT") in rules(check(bad.with_value(good, "XML2", "SO_LUONG", value)))


@pytest.mark.parametrize(
    ("table", "field", "value", "ok"),
    [("XML2", "SO_LUONG", "1.1234", False), ("XML2", "SO_LUONG", "1.125", True),
     ("XML1", "T_TONGCHI_BV", "10.123", False), ("XML2", "STT", "1.5", False), ("XML2", "STT", "1.00", True),
     ("XML1", "CAN_NANG", "60.555", False)],
)  # fmt: skip
def test_decimal_places(good, check, rules, table: str, field: str, value: str, ok: bool) -> None:
    found = ("DECIMALS", field) in {(e.rule, e.field) for e in check(bad.with_value(good, table, field, value))}
    assert found is not ok


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [("NGAY_VAO", "202602301200", False), ("NGAY_VAO", "202601012400", False), ("NGAY_VAO", "202601011260", False),
     ("NGAY_VAO", "20260101", False), ("NGAY_VAO", "2026-01-01", False),
     ("NGAY_SINH", "198400000000", True), ("NGAY_SINH", "198405000000", True), ("NGAY_SINH", "198413000000", False),
     ("NGAY_SINH", "19840512", False), ("NGAY_MIEN_CCT", "20260101", True), ("NGAY_MIEN_CCT", "202601010800", True),
     ("NAM_NAM_LIEN_TUC", "20200229", True), ("NAM_NAM_LIEN_TUC", "20210229", False),
     ("NGAY_TAI_KHAM", "20261201;20261215", True), ("NGAY_TAI_KHAM", "20261201;20261232", False)],
)  # fmt: skip
def test_date_formats(good, check, field: str, value: str, ok: bool) -> None:
    errors = check(bad.with_value(good, "XML1", field, value))
    assert any(e.rule == "DATE_FORMAT" and e.field == field for e in errors) is not ok


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML1", "GIOI_TINH", "0"), ("XML1", "KET_QUA_DTRI", "9"), ("XML1", "MA_LOAI_RV", "6"),
     ("XML1", "MA_LOAI_KCB", "3"), ("XML1", "MA_KHUVUC", "K4"), ("XML1", "THANG_QT", "13"),
     ("XML2", "PHAM_VI", "4"), ("XML2", "MA_PTTT", "4"), ("XML2", "NGUON_CTRA", "5"), ("XML2", "VET_THUONG_TP", "0"),
     ("XML3", "TAI_SU_DUNG", "2"), ("XML3", "PP_VO_CAM", "5"), ("XML3", "MA_NHOM", "20")],
)  # fmt: skip
def test_code_lists(good, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "CODE_UNKNOWN") in rules(check(bad.with_value(good, table, field, value)))


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML1", "MATINH_CU_TRU", "1"), ("XML1", "MAHUYEN_CU_TRU", "01"), ("XML1", "MAXA_CU_TRU", "0001"),
     ("XML1", "MA_DANTOC", "1"), ("XML1", "MA_DOITUONG_KCB", "1,1"), ("XML3", "GOI_VTYT", "G0"),
     ("XML3", "GOI_VTYT", "1"), ("XML3", "MA_GIUONG", "H001;X002")],
)  # fmt: skip
def test_formats(good, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "FORMAT") in rules(check(bad.with_value(good, table, field, value)))


def test_settlement_year_is_plausible(good, check, rules) -> None:
    assert ("XML1", "NAM_QT", "RANGE") in rules(check(bad.with_value(good, "XML1", "NAM_QT", "1999")))


def test_district_may_be_empty_after_the_2025_reform(good, check) -> None:
    assert check(bad.with_value(good, "XML1", "MAHUYEN_CU_TRU", "")) == []
