"""Code and identifier rules: ICD-10 (QĐ 4469), CCCD, BHYT card, facility code, BHXH number, MA_LK."""

from __future__ import annotations

import pytest

from yteso.gateway.xml4750 import badinput as bad


def _male(dossier):
    return bad.with_value(bad.with_value(dossier, "XML1", "GIOI_TINH", "1"), "XML1", "SO_CCCD", "")


def _female(dossier):
    return bad.with_value(bad.with_value(dossier, "XML1", "GIOI_TINH", "2"), "XML1", "SO_CCCD", "")


def test_unknown_icd10_codes(good, check, rules) -> None:
    assert ("XML1", "MA_BENH_CHINH", "ICD10_UNKNOWN") in rules(
        check(bad.with_value(good, "XML1", "MA_BENH_CHINH", "J18.99"))
    )
    errors = check(bad.with_value(good, "XML1", "MA_BENH_KT", "I10;X99.9"))
    assert [(e.field, e.value, e.rule) for e in errors] == [("MA_BENH_KT", "X99.9", "ICD10_UNKNOWN")]
    assert ("XML3", "MA_BENH", "ICD10_UNKNOWN") in rules(check(bad.with_value(good, "XML3", "MA_BENH", "J189")))


def test_codes_not_allowed_as_main_diagnosis(good, check, rules) -> None:
    for code in ("B95.0", "D63.0", "D63.0*"):
        assert ("XML1", "MA_BENH_CHINH", "ICD10_NOT_MAIN") in rules(
            check(bad.with_value(good, "XML1", "MA_BENH_CHINH", code))
        )
    assert check(bad.with_value(good, "XML1", "MA_BENH_KT", "B95.0;D63.0")) == []  # allowed as secondary


def test_main_diagnosis_holds_one_code(good, check, rules) -> None:
    assert ("XML1", "MA_BENH_CHINH", "ICD10_SINGLE") in rules(
        check(bad.with_value(good, "XML1", "MA_BENH_CHINH", "I10;E1"))
    )


def test_at_most_twelve_secondary_diagnoses(good, check, rules) -> None:
    codes = ";".join(["I10", "E11.9", "E78.5", "K21.9", "D50.9", "E66.9", "I25.1", "J45.9", "M54.5", "N39.0"])
    assert check(bad.with_value(good, "XML1", "MA_BENH_KT", codes + ";K29.7;J20.9")) == []
    too_many = bad.with_value(good, "XML1", "MA_BENH_KT", codes + ";K29.7;J20.9;H10.9")
    assert ("XML1", "MA_BENH_KT", "ICD10_TOO_MANY") in rules(check(too_many))


def test_tolerated_spellings_of_icd10_codes(good, check) -> None:
    assert check(bad.with_value(good, "XML1", "MA_BENH_KT", "i10;E11.9;")) == []  # lower case, trailing ';'
    assert check(bad.with_value(good, "XML1", "MA_BENH_KT", "G01*;A17.0†")) == []  # dagger/asterisk marks


@pytest.mark.parametrize(
    ("sex", "field", "code"),
    [("1", "MA_BENH_CHINH", "O80.0"), ("1", "MA_BENH_KT", "N76.0"), ("2", "MA_BENH_CHINH", "N40"),
     ("2", "MA_BENH_KT", "C61")],
)  # fmt: skip
def test_sex_specific_codes_against_the_patient_sex(good, check, rules, sex: str, field: str, code: str) -> None:
    dossier = _male(good) if sex == "1" else _female(good)
    errors = check(bad.with_value(dossier, "XML1", field, code))
    assert ("XML1", field, "ICD10_SEX") in rules(errors)
    assert check(bad.with_value(_female(good) if sex == "1" else _male(good), "XML1", field, code)) == []


def test_sex_specific_code_on_a_service_line(good, check, rules) -> None:
    assert ("XML3", "MA_BENH", "ICD10_SEX") in rules(check(bad.with_value(_male(good), "XML3", "MA_BENH", "O80.0")))


def test_undetermined_sex_is_not_compared(good, check) -> None:
    dossier = bad.with_value(bad.with_value(good, "XML1", "GIOI_TINH", "3"), "XML1", "SO_CCCD", "")
    assert check(bad.with_value(dossier, "XML1", "MA_BENH_KT", "N40")) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [("001084000999", None), ("099084000999", "cccd.province"), ("00108400099", "cccd.gateway_format"),
     ("123456789", None), ("C1234567", None), ("c1234567", "cccd.gateway_format"), ("AB123456", "cccd.gateway_format"),
     ("00108400099X", "cccd.format")],
)  # fmt: skip
def test_citizen_id_formats(good, check, value: str, ok: str | None) -> None:
    dossier = bad.with_value(bad.with_value(good, "XML1", "NGAY_SINH", "198401010000"), "XML1", "GIOI_TINH", "1")
    errors = [e for e in check(bad.with_value(dossier, "XML1", "SO_CCCD", value)) if e.field == "SO_CCCD"]
    if ok is None:
        assert errors == []
    else:
        assert [e.rule for e in errors] == ["CCCD_FORMAT"]
        assert value in errors[0].message_en


def test_citizen_id_must_match_birth_year_and_sex(good, check) -> None:
    dossier = bad.with_value(bad.with_value(good, "XML1", "NGAY_SINH", "198401010000"), "XML1", "GIOI_TINH", "1")
    assert check(bad.with_value(dossier, "XML1", "SO_CCCD", "001084000999")) == []
    for cccd in ("001085000999", "001184000999", "001224000999"):
        errors = check(bad.with_value(dossier, "XML1", "SO_CCCD", cccd))
        assert [(e.field, e.rule) for e in errors] == [("SO_CCCD", "CCCD_BIRTH_MISMATCH")]


def test_mother_citizen_id_must_match_her_birth_year(dossiers, check, rules) -> None:
    delivery = dossiers(("XML1", "XML2", "XML3", "XML9"), seed=3)[0]
    assert check(delivery) == []
    wrong = bad.with_value(delivery, "XML9", "NGAYSINH_NND", "19000101")
    assert ("XML9", "SO_CCCD_NND", "CCCD_BIRTH_MISMATCH") in rules(check(wrong))


@pytest.mark.parametrize(
    "value", ["DN401012345678", "DN6010123456789", "dn4010123456789X", "DN4000000000000", "DN4990123456789"]
)
def test_health_insurance_card_formats(good, check, rules, value: str) -> None:
    assert ("XML1", "MA_THE_BHYT", "BHYT_FORMAT") in rules(check(bad.with_value(good, "XML1", "MA_THE_BHYT", value)))


def test_several_cards_during_one_stay(good, check, rules) -> None:
    card = good["XML1"][0]["MA_THE_BHYT"]
    dossier = good
    for field, extra in (("MA_THE_BHYT", "HT3010123456789"), ("MA_DKBD", "01001"), ("GT_THE_TU", "20270101"),
                         ("GT_THE_DEN", "20271231")):  # fmt: skip
        dossier = bad.with_value(dossier, "XML1", field, f"{dossier['XML1'][0][field]};{extra}")
    assert check(dossier) == []
    wrong = bad.with_value(dossier, "XML1", "MA_THE_BHYT", f"{card};HT3010123")
    assert [(e.value, e.rule) for e in check(wrong)] == [("HT3010123", "BHYT_FORMAT")]


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [("XML1", "MA_CSKCB", "1001"), ("XML1", "MA_DKBD", "99001"), ("XML1", "MA_NOI_DI", "01-01"),
     ("XML2", "MA_CSKCB_THUOC", "X.01001"), ("XML2", "MA_CSKCB_THUOC", "K.0100")],
)  # fmt: skip
def test_facility_codes(good, check, rules, table: str, field: str, value: str) -> None:
    assert (table, field, "FACILITY_FORMAT") in rules(check(bad.with_value(good, table, field, value)))


@pytest.mark.parametrize("value", ["01C51", "79001", "K.01001", "HC.79001", "01001"])
def test_valid_facility_codes_and_source_prefixes(good, check, value: str) -> None:
    assert check(bad.with_value(good, "XML2", "MA_CSKCB_THUOC", value)) == []


@pytest.mark.parametrize("value", ["0000000000", "123456789", "12345678901", "01234A6789"])
def test_social_insurance_numbers(good, check, rules, value: str) -> None:
    assert ("XML1", "MA_TTDV", "BHXH_FORMAT") in rules(check(bad.with_value(good, "XML1", "MA_TTDV", value)))


def test_visit_key_has_no_spaces(good, check, rules) -> None:
    ma_lk = "BV 01.2026"
    dossier = good
    for table, rows in good.items():
        for row_no in range(1, len(rows) + 1):
            dossier = bad.with_value(dossier, table, "MA_LK", ma_lk, row=row_no)
    assert rules(check(dossier)) == {("XML1", "MA_LK", "MA_LK_FORMAT")}
