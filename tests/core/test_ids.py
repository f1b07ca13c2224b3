"""Identifier rules: each rule accepts the valid shape and rejects each kind of invalid one by name."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from yteso.core import ids
from yteso.core.errors import Invalid
from yteso.core.ids import (
    IdentifierError,
    cccd_century_digit,
    gtin_check_digit,
    normalize_sex,
    validate_bhxh_number,
    validate_bhyt_card,
    validate_cccd,
    validate_cchn,
    validate_cmnd,
    validate_facility_code,
    validate_gtin,
    validate_identifier,
    validate_ma_lk,
    validate_passport,
)
from yteso.identity.provinces import (
    province_2025_by_code,
    province_by_cccd_prefix,
    province_by_code,
    provinces,
    provinces_2025,
)


def rule_of(fn, *args, **kwargs) -> str:
    with pytest.raises(IdentifierError) as info:
        fn(*args, **kwargs)
    err = info.value
    assert err.message_vi and err.message_en and err.message_vi != err.message_en
    return err.rule


# --- error contract ------------------------------------------------------------------------------


def test_identifier_error_carries_field_value_rule_and_both_languages():
    with pytest.raises(IdentifierError) as info:
        validate_cccd("12345", field="SO_CCCD")
    err = info.value
    assert isinstance(err, ValueError) and isinstance(err, Invalid)
    assert (err.field, err.value, err.rule) == ("SO_CCCD", "12345", "cccd.length")
    assert "12 chữ số" in err.message_vi and "12 digits" in err.message_en
    assert err.issues[0].rule == "cccd.length" and err.issues[0].expression == "SO_CCCD"
    assert str(err) == err.message_en


def test_identifier_error_survives_pickling():
    with pytest.raises(IdentifierError) as info:
        validate_gtin("12345678")
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.rule, copy.value, copy.message_vi) == (info.value.rule, "12345678", info.value.message_vi)


def test_identifier_error_is_a_pydantic_validation_error_inside_a_validator():
    class Patient(BaseModel):
        cccd: str

        @field_validator("cccd")
        @classmethod
        def _check(cls, v: str) -> str:
            return validate_cccd(v).value

    with pytest.raises(ValidationError):
        Patient(cccd="abc")
    assert Patient(cccd=" 001084000999 ").cccd == "001084000999"


# --- provinces -----------------------------------------------------------------------------------


def test_province_tables_have_63_and_34_entries_and_prefix_is_zero_plus_code():
    assert len(provinces()) == 63 and len(provinces_2025()) == 34
    assert all(p.cccd_prefix == "0" + p.code for p in provinces())
    assert province_by_code("79").name == "Thành phố Hồ Chí Minh"
    assert province_by_cccd_prefix("087").name == "Tỉnh Đồng Tháp"
    assert province_by_cccd_prefix("099") is None


def test_every_pre_2025_province_maps_to_one_of_the_34():
    assert {p.post2025_code for p in provinces()} == {p.code for p in provinces_2025()}
    assert province_2025_by_code(province_by_code("27").post2025_code).name == "Bắc Ninh"


# --- CCCD ----------------------------------------------------------------------------------------


def test_cccd_example_from_spec_is_dong_thap_male_1984():
    info = validate_cccd("087084000999", birth_date=date(1984, 5, 12), sex="male")
    assert (info.province_code, info.province_prefix) == ("87", "087")
    assert (info.sex, info.birth_year) == ("male", 1984)
    assert info.province_name == "Tỉnh Đồng Tháp" and info.sequence == "000999"


@pytest.mark.parametrize(
    ("digit", "year", "sex"),
    [(0, 1984, "male"), (1, 1984, "female"), (2, 2005, "male"), (3, 2005, "female")],
)
def test_cccd_fourth_digit_encodes_century_and_sex(digit, year, sex):
    info = validate_cccd(f"001{digit}{year % 100:02d}123456", birth_date=date(year, 1, 1), sex=sex)
    assert (info.birth_year, info.sex) == (year, sex)
    assert cccd_century_digit(year, sex) == digit


def test_cccd_later_centuries_are_accepted_when_today_is_late_enough():
    far = date(2400, 1, 1)
    assert validate_cccd("001405123456", today=far).birth_year == 2105
    assert validate_cccd("001727123456", today=far).birth_year == 2227
    info = validate_cccd("001901123456", today=far)
    assert (info.birth_year, info.sex) == (2301, "female")


def test_cccd_strips_surrounding_whitespace():
    assert validate_cccd("  001084000999\n").value == "001084000999"


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "cccd.empty"),
        ("   ", "cccd.empty"),
        ("00108400099", "cccd.length"),
        ("0010840009999", "cccd.length"),
        ("00108400099A", "cccd.format"),
        ("001 084 000 999", "cccd.format"),
        ("００１０８４０００９９９", "cccd.format"),  # full-width digits
        ("003084000999", "cccd.province"),  # 003 is not a province
        ("099084000999", "cccd.province"),
        ("101084000999", "cccd.province"),
        ("001450000999", "cccd.birth_year_future"),  # 2150
        ("001399000999", "cccd.birth_year_future"),  # 2099 female
    ],
)
def test_cccd_rejects(value, rule):
    assert rule_of(validate_cccd, value, today=date(2025, 6, 1)) == rule


def test_cccd_rejects_non_text():
    assert rule_of(validate_cccd, 1084000999) == "cccd.format"


def test_cccd_birth_year_must_agree_with_stated_birth_date():
    assert rule_of(validate_cccd, "001084000999", birth_date=date(1985, 1, 1)) == "cccd.birth_year_mismatch"
    assert rule_of(validate_cccd, "001224000999", birth_date=date(1924, 1, 1)) == "cccd.birth_year_mismatch"


@pytest.mark.parametrize("sex", ["female", "F", "nữ", "Nu", "2"])
def test_cccd_sex_must_agree_with_stated_sex(sex):
    assert rule_of(validate_cccd, "001084000999", sex=sex) == "cccd.sex_mismatch"


@pytest.mark.parametrize("sex", ["male", "M", "Nam", "1", "other", "unknown", "3", ""])
def test_cccd_sex_agreeing_or_unknown_passes(sex):
    assert validate_cccd("001084000999", sex=sex).sex == "male"


def test_unrecognised_sex_value_is_an_error_on_the_sex_field():
    with pytest.raises(IdentifierError) as info:
        validate_cccd("001084000999", sex="x")
    assert (info.value.rule, info.value.field) == ("sex.invalid", "sex")
    assert normalize_sex(" Female ") == "female"
    assert normalize_sex("NU\u031b\u0303") == "female"  # "NỮ" typed decomposed (NFD)


def test_century_digit_refuses_years_without_a_code():
    with pytest.raises(ValueError):
        cccd_century_digit(1899, "male")


# --- CMND, BHXH ----------------------------------------------------------------------------------


def test_cmnd_is_nine_digits():
    assert validate_cmnd("012345678").value == "012345678"
    assert rule_of(validate_cmnd, "01234567") == "cmnd.length"
    assert rule_of(validate_cmnd, "01234567X") == "cmnd.format"


def test_bhxh_number_is_ten_digits_not_all_zero():
    assert validate_bhxh_number("0123456789").value == "0123456789"
    assert rule_of(validate_bhxh_number, "") == "bhxh.empty"
    assert rule_of(validate_bhxh_number, "012345678") == "bhxh.length"
    assert rule_of(validate_bhxh_number, "01234567890") == "bhxh.length"
    assert rule_of(validate_bhxh_number, "01234-6789") == "bhxh.format"
    assert rule_of(validate_bhxh_number, "0000000000") == "bhxh.all_zero"


# --- BHYT card -----------------------------------------------------------------------------------


def test_bhyt_card_parts():
    info = validate_bhyt_card("DN4010123456789")
    assert (info.object_code, info.benefit_level, info.benefit_percent) == ("DN", 4, 80)
    assert (info.province_code, info.bhxh_number, info.object_known) == ("01", "0123456789", True)


def test_bhyt_card_is_upper_cased_and_accepts_post_2025_and_unknown_groups():
    assert validate_bhyt_card(" hs3790000000001 ").value == "HS3790000000001"
    info = validate_bhyt_card("ZZ1960000000001")
    assert (info.object_known, info.benefit_percent) == (False, 100)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "bhyt.empty"),
        ("DN401012345678", "bhyt.length"),
        ("DN40101234567890", "bhyt.length"),
        ("D14010123456789", "bhyt.format"),
        ("DN4A10123456789", "bhyt.format"),
        ("DN40101234567X9", "bhyt.format"),
        ("ĐN4010123456789", "bhyt.format"),
        ("DN6010123456789", "bhyt.benefit_level"),
        ("DN0010123456789", "bhyt.benefit_level"),
        ("DN4990123456789", "bhyt.province"),
        ("DN4030123456789", "bhyt.province"),
        ("DN4010000000000", "bhyt.bhxh_number"),
    ],
)
def test_bhyt_card_rejects(value, rule):
    assert rule_of(validate_bhyt_card, value) == rule


def test_bhyt_card_strict_mode_rejects_unknown_groups():
    assert rule_of(validate_bhyt_card, "ZZ4010123456789", strict_object_code=True) == "bhyt.object_code"
    assert validate_bhyt_card("TE1790123456789", strict_object_code=True).object_code == "TE"


# --- facility code -------------------------------------------------------------------------------


def test_facility_code_parts():
    info = validate_facility_code("79001")
    assert (info.province_code, info.local_code) == ("79", "001")
    assert validate_facility_code("01c51").value == "01C51"


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "cskcb.empty"),
        ("7900", "cskcb.length"),
        ("790011", "cskcb.length"),
        ("A9001", "cskcb.format"),
        ("79-01", "cskcb.format"),
        ("99001", "cskcb.province"),
        ("00001", "cskcb.province"),
    ],
)
def test_facility_code_rejects(value, rule):
    assert rule_of(validate_facility_code, value) == rule


# --- GTIN ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("96385074", "GTIN-8"),
        ("036000291452", "GTIN-12"),
        ("4006381333931", "GTIN-13"),
        ("8934588063053", "GTIN-13"),
        ("10012345678902", "GTIN-14"),
    ],
)
def test_gtin_valid(value, kind):
    info = validate_gtin(value)
    assert info.kind == kind and len(info.gtin14) == 14 and info.gtin14.endswith(value)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "gtin.empty"),
        ("400638133393A", "gtin.format"),
        ("4006381-33931", "gtin.format"),
        ("4006381333", "gtin.length"),
        ("400638133393100", "gtin.length"),
        ("4006381333932", "gtin.check_digit"),
        ("96385075", "gtin.check_digit"),
    ],
)
def test_gtin_rejects(value, rule):
    assert rule_of(validate_gtin, value) == rule


def test_gtin_check_digit():
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("9638507") == 4


# --- CCHN ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "serial", "issuer"),
    [
        ("000123/HNO-CCHN", "CCHN", "000123", "HNO"),
        ("123/BYT-CCHN", "CCHN", "123", "BYT"),
        ("0012345/hcm-cchn", "CCHN", "0012345", "HCM"),
        ("004567/ĐNA-CCHN", "CCHN", "004567", "ĐNA"),
        ("000456/BYT-GPHN", "GPHN", "000456", "BYT"),
        ("12345/CCHN-BQP", "CCHN", "12345", "BQP"),
        ("000123 / HNO - CCHN", "CCHN", "000123", "HNO"),
        ("0123456789", "numeric", "0123456789", None),
    ],
)
def test_cchn_accepted_shapes(value, kind, serial, issuer):
    info = validate_cchn(value)
    assert (info.kind, info.serial, info.issuer) == (kind, serial, issuer)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("", "cchn.empty"),
        ("ABC", "cchn.format"),
        ("123/HNO", "cchn.format"),
        ("123/H-CCHN", "cchn.format"),
        ("12345678/HNO-CCHN", "cchn.format"),
        ("123/HNO-CCHND", "cchn.format"),
        ("1234567890123", "cchn.format"),
        ("000000/HNO-CCHN", "cchn.all_zero"),
        ("0000", "cchn.all_zero"),
        ("1" * 256, "cchn.length"),
    ],
)
def test_cchn_rejects(value, rule):
    assert rule_of(validate_cchn, value) == rule


# --- passport, MA_LK, dispatch -------------------------------------------------------------------


def test_passport():
    assert validate_passport("c1234567").value == "C1234567"
    assert rule_of(validate_passport, "C123456") == "passport.format"
    assert rule_of(validate_passport, "12345678") == "passport.format"


def test_ma_lk():
    assert validate_ma_lk("BV01-2024-000123").value == "BV01-2024-000123"
    assert rule_of(validate_ma_lk, "") == "ma_lk.empty"
    assert rule_of(validate_ma_lk, "A B") == "ma_lk.format"
    assert rule_of(validate_ma_lk, "x" * 101) == "ma_lk.length"


def test_validate_identifier_dispatches_by_system():
    assert validate_identifier(ids.CCCD_SYSTEM, "001084000999").birth_year == 1984
    assert validate_identifier(ids.MA_CSKCB_SYSTEM, "01000").province_code == "01"
    assert validate_identifier("urn:example:other", "anything") is None
    with pytest.raises(IdentifierError):
        validate_identifier(ids.BHYT_SYSTEM, "DN40")
