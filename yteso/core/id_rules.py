"""Identifier rules for people: citizen ID (CCCD), health-insurance card (BHYT), social-insurance number.

Formats follow ``shared/reference/xml4750/SPEC.md`` §6. Every validator strips surrounding whitespace,
returns a small frozen dataclass with the parsed parts and raises :class:`IdentifierError` on the
first rule broken. Facility, product and practitioner codes live in :mod:`yteso.core.id_rules_codes`;
import everything from :mod:`yteso.core.ids`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from yteso.core.errors import Invalid, Issue
from yteso.identity.provinces import is_province_code, province_by_cccd_prefix


class IdentifierError(Invalid, ValueError):
    """An identifier breaks a format rule.

    ``rule`` is a short machine code (``cccd.length``, ``bhyt.province`` …), ``field`` names the input
    (the caller may pass e.g. ``SO_CCCD``), ``value`` is the offending text. Being an
    :class:`~yteso.core.errors.Invalid` it becomes a 400 answer; being a ``ValueError`` it is a
    pydantic validation error when raised inside a validator.
    """

    def __init__(self, field: str, value: str, rule: str, message_vi: str, message_en: str) -> None:
        issue = Issue(message_en=message_en, message_vi=message_vi, expression=field, value=value, rule=rule)
        super().__init__(message_en, message_vi, issues=[issue])
        self.field = field
        self.value = value
        self.rule = rule

    def __reduce__(self) -> tuple[type[IdentifierError], tuple[str, str, str, str, str]]:
        return (type(self), (self.field, self.value, self.rule, self.message_vi, self.message_en))


def fail(field: str, value: str, rule: str, message_vi: str, message_en: str) -> NoReturn:
    """Raise :class:`IdentifierError` (a helper so validators read as a list of rules)."""
    raise IdentifierError(field, value, rule, message_vi, message_en)


def clean(value: object, field: str, label_vi: str, label_en: str, prefix: str) -> str:
    """``value`` stripped of surrounding whitespace; rejects non-strings and empty text."""
    if not isinstance(value, str):
        fail(
            field,
            repr(value),
            f"{prefix}.format",
            f"{label_vi} phải là chuỗi ký tự.",
            f"{label_en} is not text.",
        )
    text = value.strip()
    if not text:
        fail(field, value, f"{prefix}.empty", f"{label_vi} không được để trống.", f"{label_en} is empty.")
    return text


def check_digits(text: str, length: int, field: str, prefix: str, label_vi: str, label_en: str) -> None:
    """Exactly ``length`` ASCII digits, else ``<prefix>.format`` or ``<prefix>.length``."""
    if not (text.isascii() and text.isdigit()):
        fail(
            field,
            text,
            f"{prefix}.format",
            f"{label_vi} chỉ gồm chữ số.",
            f"{label_en} must be digits only.",
        )
    if len(text) != length:
        fail(
            field,
            text,
            f"{prefix}.length",
            f"{label_vi} phải gồm đúng {length} chữ số; nhận được {len(text)}.",
            f"{label_en} must be exactly {length} digits; got {len(text)}.",
        )


# --- sex ---------------------------------------------------------------------------------------

_SEX_ALIASES = {
    "male": "male", "m": "male", "nam": "male", "1": "male",
    "female": "female", "f": "female", "nữ": "female", "nu": "female", "2": "female",
    "other": None, "unknown": None, "3": None, "": None,
}  # fmt: skip
_SEX_VI = {"male": "nam", "female": "nữ"}


def normalize_sex(sex: str, *, field: str = "sex") -> str | None:
    """``male``/``female`` from FHIR codes, Vietnamese words or XML ``GIOI_TINH`` (1 nam, 2 nữ).

    ``other``/``unknown``/``3``/empty give ``None`` (nothing to compare); anything else is an error.
    """
    key = unicodedata.normalize("NFC", sex.strip().lower())
    if key not in _SEX_ALIASES:
        fail(
            field,
            sex,
            "sex.invalid",
            f"Giới tính '{sex}' không hợp lệ (dùng male/female, nam/nữ hoặc 1/2).",
            f"Sex '{sex}' is not recognised (use male/female, nam/nữ or 1/2).",
        )
    return _SEX_ALIASES[key]


# --- CCCD --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CccdInfo:
    """Parts of a citizen ID (số định danh cá nhân), TT 07/2016/TT-BCA Art. 7."""

    value: str
    province_prefix: str
    """Digits 1-3: province of birth registration (``0`` + GSO code)."""
    province_code: str
    province_name: str
    sex: str
    """``male`` or ``female`` (digit 4, even = male)."""
    birth_year: int
    """Century from digit 4 plus digits 5-6."""
    sequence: str
    """Digits 7-12, random."""


CCCD_CENTURIES = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 2300}
"""Digit 4 // 2 → first year of the century (0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s)."""


def cccd_century_digit(birth_year: int, sex: str) -> int:
    """The 4th CCCD digit for a birth year and ``male``/``female`` (the inverse of :func:`validate_cccd`)."""
    index = (birth_year - 1900) // 100
    if index not in CCCD_CENTURIES:
        raise ValueError(f"birth year {birth_year} has no CCCD century code")
    return 2 * index + (1 if sex == "female" else 0)


def validate_cccd(
    value: str,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    today: date | None = None,
    field: str = "cccd",
) -> CccdInfo:
    """Check a 12-digit citizen ID and, when given, its agreement with a stated birth date and sex.

    Rules, in order: ``cccd.empty``, ``cccd.format`` (digits only), ``cccd.length`` (12),
    ``cccd.province`` (first 3 digits one of the 63 provinces' prefixes — country codes for births
    registered abroad are not published in our sources and are rejected), ``cccd.birth_year_future``
    (encoded year after ``today``), ``cccd.birth_year_mismatch``, ``cccd.sex_mismatch``.
    """
    text = clean(value, field, "Số định danh cá nhân (CCCD)", "Citizen ID (CCCD)", "cccd")
    check_digits(text, 12, field, "cccd", "Số định danh cá nhân (CCCD)", "Citizen ID (CCCD)")
    province = province_by_cccd_prefix(text[:3])
    if province is None:
        fail(
            field,
            text,
            "cccd.province",
            f"Mã nơi đăng ký khai sinh '{text[:3]}' (3 chữ số đầu CCCD) không thuộc danh mục 63 tỉnh, thành phố.",
            f"Birth-registration code '{text[:3]}' (first 3 digits of the citizen ID) is not a province code.",
        )
    digit = int(text[3])
    cccd_sex = "female" if digit % 2 else "male"
    year = CCCD_CENTURIES[digit // 2] + int(text[4:6])
    current_year = (today or date.today()).year
    if year > current_year:
        fail(
            field,
            text,
            "cccd.birth_year_future",
            f"Năm sinh mã hoá trong CCCD ({year}) ở tương lai.",
            f"The birth year encoded in the citizen ID ({year}) is in the future.",
        )
    if birth_date is not None and birth_date.year != year:
        fail(
            field,
            text,
            "cccd.birth_year_mismatch",
            f"Năm sinh trong CCCD ({year}) không khớp với ngày sinh khai báo ({birth_date.isoformat()}).",
            f"Birth year in the citizen ID ({year}) does not match the stated birth date ({birth_date.isoformat()}).",
        )
    stated = normalize_sex(sex) if sex is not None else None
    if stated is not None and stated != cccd_sex:
        fail(
            field,
            text,
            "cccd.sex_mismatch",
            f"Giới tính trong CCCD ({_SEX_VI[cccd_sex]}) không khớp với giới tính khai báo ({_SEX_VI[stated]}).",
            f"Sex in the citizen ID ({cccd_sex}) does not match the stated sex ({stated}).",
        )
    return CccdInfo(text, province.cccd_prefix, province.code, province.name, cccd_sex, year, text[6:])


# --- CMND (old 9-digit ID) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CmndInfo:
    """An old 9-digit identity-card number (chứng minh nhân dân), still accepted by the BHXH gateway."""

    value: str


def validate_cmnd(value: str, *, field: str = "cmnd") -> CmndInfo:
    """9 digits (``cmnd.format``, ``cmnd.length``); no further structure is published."""
    text = clean(value, field, "Số CMND", "Old ID-card number (CMND)", "cmnd")
    check_digits(text, 9, field, "cmnd", "Số CMND", "Old ID-card number (CMND)")
    return CmndInfo(text)


# --- social-insurance number -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BhxhInfo:
    """A social-insurance number (mã số BHXH), unique for life; also the health-ID of staff."""

    value: str


def validate_bhxh_number(value: str, *, field: str = "bhxh") -> BhxhInfo:
    """10 digits, not all zeros: ``bhxh.format``, ``bhxh.length``, ``bhxh.all_zero`` (SPEC §6.4)."""
    text = clean(value, field, "Mã số BHXH", "Social-insurance number", "bhxh")
    check_digits(text, 10, field, "bhxh", "Mã số BHXH", "Social-insurance number")
    if text == "0" * 10:
        fail(
            field,
            text,
            "bhxh.all_zero",
            "Mã số BHXH không được toàn số 0.",
            "Social-insurance number is all zeros.",
        )
    return BhxhInfo(text)


# --- BHYT card ---------------------------------------------------------------------------------

BHYT_OBJECT_CODES: dict[str, str] = {
    "DN": "enterprise employee", "HC": "civil servant", "HT": "retiree", "TE": "child under 6",
    "HS": "pupil", "SV": "student", "HN": "poor household", "CN": "near-poor household",
    "GD": "household member", "CB": "person with revolutionary merit / veteran", "QN": "military",
    "CA": "police", "CY": "cipher staff", "XK": "commune official", "LS": "foreign student (scholarship)",
}  # fmt: skip
"""Beneficiary groups named in SPEC §6.3 (English gloss)."""

BHYT_OTHER_OBJECT_CODES = frozenset(
    {
        "HX", "CH", "NN", "TK", "XB", "XN", "TN", "CS", "MS", "CC", "CK", "KC", "HD", "BT", "DT",
        "DK", "XD", "TS", "TC", "TQ", "TA", "TY", "HG", "PV", "GB", "TL", "XV", "NO", "CT", "TB",
    }
)  # fmt: skip
"""Further 2-letter group codes seen on cards (QĐ 1351/QĐ-BHXH era list; not verified in our sources)."""

BHYT_BENEFIT_PERCENT = {1: 100, 2: 100, 3: 95, 4: 80, 5: 100}
"""Benefit level (digit 3) → share paid by the fund for in-network care (SPEC §6.3)."""

_BHYT_RE = re.compile(r"[A-Z]{2}\d{13}")


@dataclass(frozen=True, slots=True)
class BhytCardInfo:
    """Parts of a 15-character health-insurance card code (mã thẻ BHYT)."""

    value: str
    object_code: str
    """Characters 1-2: beneficiary group."""
    object_known: bool
    benefit_level: int
    benefit_percent: int
    province_code: str
    """Characters 4-5: province of the issuing social-insurance office."""
    bhxh_number: str
    """Characters 6-15: the holder's social-insurance number."""


def validate_bhyt_card(value: str, *, strict_object_code: bool = False, field: str = "bhyt") -> BhytCardInfo:
    """Check a card code ``^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$`` (letters are upper-cased first).

    Rules: ``bhyt.empty``, ``bhyt.length`` (15), ``bhyt.format``, ``bhyt.benefit_level`` (1-5),
    ``bhyt.province`` (a pre- or post-2025 province code), ``bhyt.bhxh_number`` (not all zeros) and,
    only with ``strict_object_code``, ``bhyt.object_code`` (a group code we know). The published
    group list is incomplete, so unknown groups pass by default with ``object_known=False``.
    """
    text = clean(value, field, "Mã thẻ BHYT", "Health-insurance card code", "bhyt").upper()
    if len(text) != 15:
        fail(
            field,
            text,
            "bhyt.length",
            f"Mã thẻ BHYT phải gồm đúng 15 ký tự; nhận được {len(text)}.",
            f"Health-insurance card code must be exactly 15 characters; got {len(text)}.",
        )
    if not (text.isascii() and _BHYT_RE.fullmatch(text)):
        fail(
            field,
            text,
            "bhyt.format",
            "Mã thẻ BHYT phải gồm 2 chữ cái in hoa (mã đối tượng) và 13 chữ số.",
            "Health-insurance card code must be 2 capital letters (beneficiary group) and 13 digits.",
        )
    level = int(text[2])
    if level not in BHYT_BENEFIT_PERCENT:
        fail(
            field,
            text,
            "bhyt.benefit_level",
            f"Mức hưởng '{level}' (ký tự thứ 3) phải từ 1 đến 5.",
            f"Benefit level '{level}' (3rd character) must be 1 to 5.",
        )
    if not is_province_code(text[3:5]):
        fail(
            field,
            text,
            "bhyt.province",
            f"Mã tỉnh '{text[3:5]}' (ký tự 4-5) không có trong danh mục tỉnh, thành phố.",
            f"Province code '{text[3:5]}' (characters 4-5) is not a known province.",
        )
    if text[5:] == "0" * 10:
        fail(
            field,
            text,
            "bhyt.bhxh_number",
            "Mã số BHXH trong thẻ (10 số cuối) không được toàn số 0.",
            "The social-insurance number in the card (last 10 digits) is all zeros.",
        )
    known = text[:2] in BHYT_OBJECT_CODES or text[:2] in BHYT_OTHER_OBJECT_CODES
    if strict_object_code and not known:
        fail(
            field,
            text,
            "bhyt.object_code",
            f"Mã đối tượng '{text[:2]}' không có trong danh mục đã biết.",
            f"Beneficiary-group code '{text[:2]}' is not a known group.",
        )
    return BhytCardInfo(text, text[:2], known, level, BHYT_BENEFIT_PERCENT[level], text[3:5], text[5:])
