"""Identifier rules for organisations, products and staff: MA_CSKCB, GTIN, CCHN, passport, MA_LK.

Same contract as :mod:`yteso.core.id_rules`: whitespace-stripped input, frozen dataclass on success,
:class:`~yteso.core.id_rules.IdentifierError` with a rule code on failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yteso.core.id_rules import clean, fail
from yteso.identity.provinces import is_province_code

# --- facility code (MA_CSKCB) -------------------------------------------------------------------

_FACILITY_RE = re.compile(r"\d{2}[0-9A-Z]{3}")


@dataclass(frozen=True, slots=True)
class FacilityCodeInfo:
    """A 5-character facility code (mã cơ sở khám chữa bệnh): province + 3 local characters."""

    value: str
    province_code: str
    local_code: str


def validate_facility_code(value: str, *, field: str = "ma_cskcb") -> FacilityCodeInfo:
    """SPEC §6.1: 5 characters, the first two a province code, the last three digits or capitals.

    Rules ``cskcb.empty``, ``cskcb.length``, ``cskcb.format``, ``cskcb.province``. Letters are
    upper-cased first (commune stations have codes like ``01C51``).
    """
    text = clean(value, field, "Mã cơ sở KBCB", "Facility code (MA_CSKCB)", "cskcb").upper()
    if len(text) != 5:
        fail(
            field,
            text,
            "cskcb.length",
            f"Mã cơ sở KBCB phải gồm đúng 5 ký tự; nhận được {len(text)}.",
            f"Facility code must be exactly 5 characters; got {len(text)}.",
        )
    if not (text.isascii() and _FACILITY_RE.fullmatch(text)):
        fail(
            field,
            text,
            "cskcb.format",
            "Mã cơ sở KBCB gồm 2 chữ số mã tỉnh và 3 chữ số hoặc chữ cái in hoa.",
            "Facility code must be a 2-digit province code followed by 3 digits or capital letters.",
        )
    if not is_province_code(text[:2]):
        fail(
            field,
            text,
            "cskcb.province",
            f"Mã tỉnh '{text[:2]}' (2 ký tự đầu mã cơ sở KBCB) không có trong danh mục.",
            f"Province code '{text[:2]}' (first 2 characters of the facility code) is not known.",
        )
    return FacilityCodeInfo(text, text[:2], text[2:])


# --- GS1 GTIN -----------------------------------------------------------------------------------

GTIN_LENGTHS = {8: "GTIN-8", 12: "GTIN-12", 13: "GTIN-13", 14: "GTIN-14"}


def gtin_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (all digits but the last): weights 3,1,3… from the right."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


@dataclass(frozen=True, slots=True)
class GtinInfo:
    """A GS1 trade-item number; ``gtin14`` is the zero-padded 14-digit form used for comparison."""

    value: str
    kind: str
    gtin14: str
    check_digit: int


def validate_gtin(value: str, *, field: str = "gtin") -> GtinInfo:
    """GTIN-8/12/13/14 with a correct check digit: ``gtin.format``, ``gtin.length``, ``gtin.check_digit``."""
    text = clean(value, field, "Mã GTIN", "GTIN", "gtin")
    if not (text.isascii() and text.isdigit()):
        fail(field, text, "gtin.format", "Mã GTIN chỉ được chứa chữ số.", "A GTIN must be digits only.")
    if len(text) not in GTIN_LENGTHS:
        fail(
            field,
            text,
            "gtin.length",
            f"Mã GTIN phải có 8, 12, 13 hoặc 14 chữ số; nhận được {len(text)}.",
            f"A GTIN must have 8, 12, 13 or 14 digits; got {len(text)}.",
        )
    expected = gtin_check_digit(text[:-1])
    if int(text[-1]) != expected:
        fail(
            field,
            text,
            "gtin.check_digit",
            f"Số kiểm tra của mã GTIN sai: phải là {expected}, nhận được {text[-1]}.",
            f"GTIN check digit is wrong: expected {expected}, got {text[-1]}.",
        )
    return GtinInfo(text, GTIN_LENGTHS[len(text)], text.zfill(14), expected)


# --- practising certificate (CCHN) ------------------------------------------------------------

_CCHN_ISSUER_FIRST = re.compile(r"(\d{1,7})/([A-ZĐ]{2,6})-(CCHN|GPHN)")
_CCHN_KIND_FIRST = re.compile(r"(\d{1,7})/(CCHN|GPHN)-([A-ZĐ]{2,6})")
_NUMERIC = re.compile(r"\d{1,12}")
CCHN_MAX_LENGTH = 255
"""QĐ 3176 draft: MA_BAC_SI / MA_TTDV carry the licence number, max 255 characters."""


@dataclass(frozen=True, slots=True)
class CchnInfo:
    """A practising-certificate number (số chứng chỉ hành nghề / giấy phép hành nghề).

    ``kind`` is ``CCHN`` (certificate, Luật KBCB 2009), ``GPHN`` (licence, Luật KBCB 2023) or
    ``numeric`` (a bare number, e.g. the 10-digit health-ID used before QĐ 4750).
    """

    value: str
    kind: str
    serial: str
    issuer: str | None
    """Issuer: ``BYT`` (Ministry), ``BQP``/``BCA`` or a province abbreviation (``HNO``, ``HCM``…)."""


def validate_cchn(value: str, *, field: str = "cchn") -> CchnInfo:
    """Accept the shapes real certificates carry; spaces are removed and letters upper-cased.

    Accepted: ``<1-7 digits>/<issuer>-CCHN`` (``000123/HNO-CCHN``, ``123/BYT-CCHN``), the same with
    ``GPHN``, the reversed ``<digits>/CCHN-<issuer>`` (``12345/CCHN-BQP``), and 1-12 digits not all
    zero. Issuer: 2-6 capital letters (``Đ`` allowed). Rules ``cchn.empty``, ``cchn.length`` (max 255),
    ``cchn.format``, ``cchn.all_zero``. No public register exists to check a number really exists.
    """
    text = clean(value, field, "Số chứng chỉ hành nghề", "Practising-certificate number", "cchn")
    text = "".join(text.split()).upper()
    if len(text) > CCHN_MAX_LENGTH:
        fail(
            field,
            text[:40],
            "cchn.length",
            f"Số chứng chỉ hành nghề dài quá {CCHN_MAX_LENGTH} ký tự.",
            f"Practising-certificate number is longer than {CCHN_MAX_LENGTH} characters.",
        )
    if m := _CCHN_ISSUER_FIRST.fullmatch(text):
        serial, issuer, kind = m.groups()
    elif m := _CCHN_KIND_FIRST.fullmatch(text):
        serial, kind, issuer = m.groups()
    elif text.isascii() and _NUMERIC.fullmatch(text):
        serial, kind, issuer = text, "numeric", None
    else:
        fail(
            field,
            text,
            "cchn.format",
            "Số chứng chỉ hành nghề phải có dạng '000123/HNO-CCHN', '123/BYT-GPHN' hoặc là một dãy số.",
            "Practising-certificate number must look like '000123/HNO-CCHN', '123/BYT-GPHN' or be a number.",
        )
    if int(serial) == 0:
        fail(
            field,
            text,
            "cchn.all_zero",
            "Số thứ tự của chứng chỉ hành nghề không được toàn số 0.",
            "The serial of the practising certificate is all zeros.",
        )
    return CchnInfo(text, kind, serial, issuer)


# --- passport, MA_LK ----------------------------------------------------------------------------

_VN_PASSPORT_RE = re.compile(r"[A-Z]\d{7}")


@dataclass(frozen=True, slots=True)
class PassportInfo:
    """A Vietnamese passport number: one capital letter and 7 digits (BHXH gateway rule)."""

    value: str


def validate_passport(value: str, *, field: str = "passport") -> PassportInfo:
    """Vietnamese passport ``^[A-Z][0-9]{7}$`` (letters upper-cased first): ``passport.format``.

    Foreign passports have no common format; store them without this check.
    """
    text = clean(value, field, "Số hộ chiếu", "Passport number", "passport").upper()
    if not (text.isascii() and _VN_PASSPORT_RE.fullmatch(text)):
        fail(
            field,
            text,
            "passport.format",
            "Số hộ chiếu Việt Nam gồm 1 chữ cái in hoa và 7 chữ số (ví dụ C1234567).",
            "A Vietnamese passport number is one capital letter and 7 digits (e.g. C1234567).",
        )
    return PassportInfo(text)


MA_LK_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class MaLkInfo:
    """A visit key (mã liên kết), generated by the facility, unique per encounter."""

    value: str


def validate_ma_lk(value: str, *, field: str = "ma_lk") -> MaLkInfo:
    """Non-empty, at most 100 characters, no whitespace inside: ``ma_lk.empty/length/format``."""
    text = clean(value, field, "Mã liên kết (MA_LK)", "Visit key (MA_LK)", "ma_lk")
    if len(text) > MA_LK_MAX_LENGTH:
        fail(
            field,
            text[:40],
            "ma_lk.length",
            f"Mã liên kết dài quá {MA_LK_MAX_LENGTH} ký tự.",
            f"Visit key is longer than {MA_LK_MAX_LENGTH} characters.",
        )
    if any(ch.isspace() for ch in text):
        fail(
            field,
            text,
            "ma_lk.format",
            "Mã liên kết không được chứa khoảng trắng.",
            "Visit key must not contain whitespace.",
        )
    return MaLkInfo(text)
