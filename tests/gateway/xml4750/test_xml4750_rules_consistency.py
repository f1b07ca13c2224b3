"""Rules across fields, rows and tables: dates, keys, sequences, conditional fields, tables allowed."""

from __future__ import annotations

import pytest

from yteso.gateway.xml4750 import EnvelopeValidator, parse_envelope, validate_checkin, validate_header
from yteso.gateway.xml4750 import badinput as bad
from yteso.gateway.xml4750.generate import build_envelope
from yteso.gateway.xml4750.model import EnvelopeHeader


def test_discharge_before_admission(good, check, rules) -> None:
    errors = check(bad.with_discharge_before_admission(good))
    assert ("XML1", "NGAY_RA", "DATE_ORDER") in rules(errors)
    [error] = [e for e in errors if e.field == "NGAY_RA" and "must not be before NGAY_VAO (" in e.message_en]
    assert "phải sau hoặc bằng NGAY_VAO" in error.message_vi


@pytest.mark.parametrize(
    ("table", "later", "earlier"),
    [("XML1", "NGAY_VAO", "NGAY_SINH"), ("XML2", "NGAY_TH_YL", "NGAY_YL"), ("XML3", "NGAY_TH_YL", "NGAY_YL"),
     ("XML3", "NGAY_KQ", "NGAY_YL"), ("XML7", "NGAY_RA", "NGAY_VAO"), ("XML11", "DEN_NGAY", "TU_NGAY"),
     ("XML14", "NGAY_HEN_KL", "NGAY_RA"), ("XML14", "NGAY_CT", "NGAY_VAO")],
)  # fmt: skip
def test_date_order(full, check, rules, table: str, later: str, earlier: str) -> None:
    row = full[table][-1]
    if table == "XML1":  # born after arrival
        dossier = bad.with_value(full, table, earlier, "203001010000")
    else:
        early = "200001010000"[: len(row[earlier]) or 12]
        dossier = bad.with_value(full, table, later, early, row=len(full[table]))
    assert (table, later, "DATE_ORDER") in rules(check(dossier))


def test_admission_order_and_card_validity(good, check, rules) -> None:
    xml1 = good["XML1"][0]
    dossier = bad.with_value(good, "XML1", "NGAY_VAO_NOI_TRU", "200001010000")
    assert ("XML1", "NGAY_VAO_NOI_TRU", "DATE_ORDER") in rules(check(dossier))
    dossier = bad.with_value(good, "XML1", "GT_THE_DEN", str(int(xml1["GT_THE_TU"]) - 1))
    assert ("XML1", "GT_THE_DEN", "DATE_ORDER") in rules(check(dossier))


def test_appointment_compared_with_xml1_when_its_own_dates_are_empty(full, check, rules) -> None:
    dossier = bad.with_value(bad.with_value(full, "XML14", "NGAY_RA", ""), "XML14", "NGAY_HEN_KL", "200001010800")
    assert ("XML14", "NGAY_HEN_KL", "DATE_ORDER") in rules(check(dossier))


def test_every_row_belongs_to_the_visit(good, check, rules) -> None:
    errors = check(bad.with_value(good, "XML3", "MA_LK", "OTHER.VISIT", row=2))
    assert [(e.table, e.row, e.rule) for e in errors] == [("XML3", 2, "MA_LK_MISMATCH")]


def test_dossier_without_summary(good, check, rules) -> None:
    dossier = {k: v for k, v in good.items() if k != "XML1"}
    assert ("XML1", None, "XML1_MISSING") in rules(check(dossier))
    twice = dict(good)
    twice["XML1"] = good["XML1"] * 2
    assert ("XML1", None, "XML1_DUPLICATE") in rules(check(twice))


def test_summary_facility_must_be_the_sender(good, check_all, rules) -> None:
    [errors] = check_all([good], facility="79001")
    assert ("XML1", "MA_CSKCB", "FACILITY_MISMATCH") in rules(errors)


def test_stt_sequences(good, check, rules) -> None:
    assert ("XML2", "STT", "STT_SEQUENCE") in rules(check(bad.with_value(good, "XML2", "STT", "7", row=1)))
    swapped = bad.with_value(bad.with_value(good, "XML3", "STT", "2", row=1), "XML3", "STT", "1", row=2)
    assert check(swapped) == []  # order of rows is not enforced, the numbers are


@pytest.mark.parametrize(
    ("kind", "days", "ok"),
    [("01", "0", True), ("01", "1", False), ("07", "0", True), ("03", None, True), ("03", "0", False)],
)
def test_treatment_days(good, check, rules, kind: str, days: str | None, ok: bool) -> None:
    xml1 = good["XML1"][0]
    dossier = bad.with_value(good, "XML1", "MA_LOAI_KCB", kind)
    if days is None:
        from yteso.gateway.xml4750.dates import day_of

        span = (day_of(xml1["NGAY_RA"]) - day_of(xml1["NGAY_VAO"])).days + 1  # type: ignore[operator]
        days = str(span)
    errors = check(bad.with_value(dossier, "XML1", "SO_NGAY_DTRI", days))
    assert (("XML1", "SO_NGAY_DTRI", "SO_NGAY_DTRI") in rules(errors)) is not ok


def test_card_lists_must_have_the_same_length(good, check, rules) -> None:
    dossier = bad.with_value(good, "XML1", "GT_THE_DEN", good["XML1"][0]["GT_THE_DEN"] + ";20271231")
    assert ("XML1", None, "CARD_LIST_MISMATCH") in rules(check(dossier))


def test_card_details_required_with_a_card(good, check, rules) -> None:
    errors = check(bad.with_value(good, "XML1", "MA_DKBD", ""))
    assert ("XML1", "MA_DKBD", "REQUIRED_IF") in rules(errors)


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML13", "HO_TEN", "LÊ VĂN C"), ("XML13", "MA_BENH_CHINH", "J18.0"), ("XML13", "PP_DIEUTRI", "Phẫu thuật"),
     ("XML13", "MA_LOAI_RV", "5"), ("XML14", "NGAY_SINH", "190001010000"), ("XML14", "MA_THE_BHYT", "HT3010123456789")],
)  # fmt: skip
def test_copies_of_summary_fields_must_match(full, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "XML1_MISMATCH") in rules(check(bad.with_value(full, table, field, value)))


def test_copies_of_summary_fields_tolerate_case_spacing_and_subsets(full, check) -> None:
    name = full["XML1"][0]["HO_TEN"]
    dossier = bad.with_value(full, "XML13", "HO_TEN", "  " + name.title().replace(" ", "  "))
    dossier = bad.with_value(dossier, "XML1", "MA_THE_BHYT", full["XML1"][0]["MA_THE_BHYT"] + ";HT3010123456789")
    for field, extra in (("MA_DKBD", "01001"), ("GT_THE_TU", "20270101"), ("GT_THE_DEN", "20271231")):
        dossier = bad.with_value(dossier, "XML1", field, f"{dossier['XML1'][0][field]};{extra}")
    assert check(dossier) == []


def test_cost_group_belongs_to_its_table(good, check, rules) -> None:
    assert ("XML2", "MA_NHOM", "MA_NHOM_TABLE") in rules(check(bad.with_value(good, "XML2", "MA_NHOM", "10")))
    assert ("XML3", "MA_NHOM", "MA_NHOM_TABLE") in rules(check(bad.with_value(good, "XML3", "MA_NHOM", "4")))


def test_medical_record_summary_only_for_inpatient_kinds(good, check, rules) -> None:
    dossier = dict(good)
    row = dict.fromkeys(["MA_LK", "MA_LOAI_KCB"], "")
    row.update(MA_LK=good["XML1"][0]["MA_LK"], MA_LOAI_KCB="01")
    dossier["XML8"] = [row]
    dossier = bad.with_value(bad.with_value(dossier, "XML1", "MA_LOAI_KCB", "01"), "XML1", "SO_NGAY_DTRI", "0")
    assert ("XML8", None, "TABLE_CONDITION") in rules(check(dossier))


def test_referral_letter_only_for_transfers(full, check, rules) -> None:
    dossier = bad.with_value(bad.with_value(full, "XML1", "MA_LOAI_RV", "1"), "XML13", "MA_LOAI_RV", "1")
    assert ("XML13", None, "TABLE_CONDITION") in rules(check(dossier))


@pytest.mark.parametrize(
    ("table", "set_field", "set_value", "missing"),
    [("XML2", "MA_NHOM", "4", "TT_THAU"), ("XML3", "MA_NHOM", "10", "TT_THAU"),
     ("XML3", "MA_NHOM", "12", "MA_XANG_DAU"),
     ("XML3", "MA_NHOM", "1", "NGUOI_THUC_HIEN"), ("XML3", "MA_NHOM", "8", "NGAY_TH_YL"),
     ("XML4", "GIA_TRI", "5.1", "NGAY_KQ"), ("XML3", "MA_DICH_VU", "02.1896", "TEN_DICH_VU"),
     ("XML11", "MA_DINH_CHI_THAI", "1", "TUOI_THAI"), ("XML7", "MA_DINH_CHI_THAI", "1", "THOIGIAN_DINHCHI")],
)  # fmt: skip
def test_conditional_fields(full, check, rules, table: str, set_field: str, set_value: str, missing: str) -> None:
    dossier = bad.with_value(bad.with_value(full, table, set_field, set_value), table, missing, "")
    assert (table, missing, "REQUIRED_IF") in rules(check(dossier))


def test_blood_needs_no_tender_number(good, check, rules) -> None:
    dossier = bad.with_value(bad.with_value(good, "XML2", "MA_NHOM", "7"), "XML2", "TT_THAU", "")
    assert ("XML2", "TT_THAU", "REQUIRED_IF") not in rules(check(dossier))


def test_service_line_needs_a_service_or_a_supply(good, check, rules) -> None:
    dossier = bad.with_value(bad.with_value(good, "XML3", "MA_DICH_VU", ""), "XML3", "MA_VAT_TU", "")
    assert ("XML3", None, "ONE_OF_REQUIRED") in rules(check(dossier))


def test_discharge_rest_days_all_or_none(full, check, rules) -> None:
    assert ("XML7", None, "ALL_OR_NONE") in rules(check(bad.with_value(full, "XML7", "SO_NGAY_NGHI", "5")))


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML2", "TYLE_TT_BH", "120"), ("XML2", "MUC_HUONG", "101"), ("XML3", "TYLE_TT_DV", "150"),
     ("XML11", "TUOI_THAI", "45")],
)  # fmt: skip
def test_ranges(full, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "RANGE") in rules(check(bad.with_value(full, table, field, value)))


def _checkin(**values: str) -> dict[str, str]:
    row = {"MA_LK": "01001.1", "STT": "1", "MA_BN": "BN1", "HO_TEN": "PHẠM VĂN D", "NGAY_SINH": "199001010000",
           "GIOI_TINH": "1", "MA_DOITUONG_KCB": "1.1", "NGAY_VAO": "202601010800", "MA_LOAI_KCB": "01",
           "MA_CSKCB": "01001", "MA_DICH_VU": "02.1896", "TEN_DICH_VU": "Khám Nội",
           "NGAY_YL": "202601010810"}  # fmt: skip
    row.update(values)
    return row


def test_checkin_rows(rules) -> None:
    assert validate_checkin([_checkin()]) == []
    assert ("XML0", None, "ONE_OF_REQUIRED") in rules(validate_checkin([_checkin(MA_DICH_VU="", TEN_DICH_VU="")]))
    assert ("XML0", None, "ONLY_ONE_OF") in rules(
        validate_checkin([_checkin(MA_THUOC="40.8", TEN_THUOC="Paracetamol")])
    )
    errors = validate_checkin([_checkin(NGAY_VAO_NOI_TRU="202601011000")])
    assert ("XML0", "LY_DO_VNT", "REQUIRED_IF") in rules(errors)
    assert ("XML0", "STT", "STT_SEQUENCE") in rules(validate_checkin([_checkin(), _checkin(STT="3")]))


def test_envelope_header_and_count(good, rules) -> None:
    assert validate_header(EnvelopeHeader("01001", "20260101", "1")) == []
    found = rules(validate_header(EnvelopeHeader("", "2026-01-01", "one")))
    assert found == {("GIAMDINHHS", "MACSKCB", "REQUIRED"), ("GIAMDINHHS", "NGAYLAP", "DATE_FORMAT"),
                     ("GIAMDINHHS", "SOLUONGHOSO", "NUMBER_FORMAT")}  # fmt: skip
    assert ("GIAMDINHHS", "MACSKCB", "FACILITY_FORMAT") in rules(validate_header(EnvelopeHeader("1", "20260101", "")))
    parsed = parse_envelope(build_envelope("01001", [good], declared_count=3))
    checker = EnvelopeValidator(parsed.header)
    assert checker.check(parsed.dossiers[0]) == []
    assert rules(checker.finish()) == {("GIAMDINHHS", "SOLUONGHOSO", "COUNT_MISMATCH")}


def test_visit_key_is_unique_in_an_envelope(good, check_all, rules) -> None:
    first, second = check_all([good, good])
    assert first == [] and rules(second) == {("XML1", "MA_LK", "MA_LK_DUPLICATE")}


def test_hiv_care_rules(rules) -> None:
    from yteso.gateway.xml4750.model import Dossier

    row = {"MA_LK": "A", "MA_XU_TRI": "1", "NGAY_BAT_DAU_XU_TRI": "20260101", "NGAY_KET_THUC_XU_TRI": "20260131",
           "SO_NGAY_CAP_THUOC_ARV": "45", "LOAI_DTRI_LAO": "2", "MA_TINH_TRANG_DK": "1"}  # fmt: skip
    dossier = Dossier(index=1, facility_code="", tables={"XML6": [row]})
    from yteso.gateway.xml4750 import validate_dossier

    found = rules(validate_dossier(dossier))
    assert ("XML6", "SO_NGAY_CAP_THUOC_ARV", "ARV_DAYS") in found
    assert ("XML6", "PHACDO_DTRI_LAO", "REQUIRED_IF") in found and ("XML6", "NGAY_XN_PCR", "REQUIRED_IF") in found
    assert ("XML1", None, "XML1_MISSING") in found


def test_tb_treatment_rules(rules) -> None:
    from yteso.gateway.xml4750 import validate_dossier
    from yteso.gateway.xml4750.model import Dossier

    row = {"MA_LK": "A", "MA_BN": "1", "PHANLOAI_LAO_VITRI": "1", "PHANLOAI_LAO_TS": "1", "PHANLOAI_LAO_HIV": "1",
           "PHANLOAI_LAO_VK": "1", "LOAI_DTRI_LAO": "3", "NGAYBD_DTRI_LAO": "20260301", "PHACDO_DTRI_LAO": "1",
           "NGAYKT_DTRI_LAO": "20260201"}  # fmt: skip
    found = rules(validate_dossier(Dossier(index=1, facility_code="", tables={"XML15": [row]})))
    assert {("XML15", "BDDT_ARV", "REQUIRED_IF"), ("XML15", "PHANLOAI_LAO_KT", "REQUIRED_IF"),
            ("XML15", "KET_QUA_DTRI_LAO", "REQUIRED_IF"),
            ("XML15", "NGAYKT_DTRI_LAO", "DATE_ORDER")} <= found  # fmt: skip
