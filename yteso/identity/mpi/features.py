"""The comparable features of a person, normalised the same way from every source.

A :class:`Person` is what the matcher compares: a folded name (``yteso.core.text.fold``: no case,
no diacritics, ``đ`` = ``d``), a birth date that may be partial, sex, province code, mobile phone,
citizen ID (CCCD) and health-insurance card (BHYT). It is built from a row of a records file
(:func:`from_record`), a FHIR Patient (:func:`from_patient`) or a population-register citizen
(:func:`from_citizen`). Normalisers never raise: what cannot be read counts as missing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from yteso.core.ids import (
    BHYT_SYSTEM,
    CCCD_SYSTEM,
    EXT_ADMINISTRATIVE_ADDRESS,
    IdentifierError,
    normalize_sex,
    validate_cccd,
)
from yteso.core.text import fold

Birth = tuple[int, int, int]
"""``(year, month, day)``; ``month``/``day`` are 0 when the date is only a year (or year-month)."""

_TOKEN_CACHE: dict[str, str] = {}
_NON_DIGITS = re.compile(r"\D+")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MY = re.compile(r"(\d{1,2})[/.\-](\d{4})")


@dataclass(slots=True)
class Person:
    """Normalised identifying data of one person (any field may be ``None``)."""

    cccd: str | None = None
    """12 digits as given (checked for shape only; it may still be someone else's)."""
    name: str | None = None
    """Folded full name, tokens separated by one space."""
    birth: Birth | None = None
    sex: str | None = None
    """``male`` or ``female``."""
    province: str | None = None
    """2-digit province code."""
    phone: str | None = None
    """Digits; national form ``0xxxxxxxxx`` when recognisable."""
    bhyt: str | None = None
    """15-character health-insurance card code, upper case."""
    tokens: tuple[str, ...] = field(default=())
    name_sorted: str | None = None
    """The name's tokens in alphabetical order (reordered names compare equal)."""

    def __post_init__(self) -> None:
        if self.name and not self.tokens:
            self.tokens = tuple(self.name.split())
        if self.tokens and self.name_sorted is None:
            self.name_sorted = " ".join(sorted(self.tokens))


# ---- field normalisers ---------------------------------------------------------------------------


def fold_name(text: str | None) -> str | None:
    """``fold`` of a name, token by token through a cache (names reuse a small vocabulary)."""
    if not text:
        return None
    out = []
    for token in text.split():
        folded = _TOKEN_CACHE.get(token)
        if folded is None:
            if len(_TOKEN_CACHE) > 200_000:
                _TOKEN_CACHE.clear()
            folded = _TOKEN_CACHE[token] = fold(token)
        if folded:
            out.append(folded)
    return " ".join(out) or None


def norm_cccd(text: str | None) -> str | None:
    """The digits of a citizen ID when they are 12 (spaces, dots and dashes dropped), else ``None``."""
    if not text:
        return None
    digits = _NON_DIGITS.sub("", text)
    return digits if len(digits) == 12 and len(text.strip()) <= 20 else None


def cccd_malformed(text: str | None) -> bool:
    """True when a citizen ID was given but breaks a format rule of ``yteso.core.ids.validate_cccd``."""
    if not text or not text.strip():
        return False
    digits = norm_cccd(text)
    if digits is None:
        return True
    try:
        validate_cccd(digits)
    except IdentifierError:
        return True
    return False


def norm_phone(text: str | None) -> str | None:
    """Vietnamese mobile number in national form: ``+84 912 345 678`` → ``0912345678``."""
    if not text:
        return None
    digits = _NON_DIGITS.sub("", text)
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits
    return digits if 9 <= len(digits) <= 11 else None


def norm_sex(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return normalize_sex(text)
    except IdentifierError:
        return None


def norm_province(text: str | None) -> str | None:
    if not text:
        return None
    code = text.strip()
    if code.isdigit() and 1 <= len(code) <= 2:
        return code.zfill(2)
    return None


def parse_birth(text: str | None) -> Birth | None:
    """A birth date in the forms records use: ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``YYYYMMDD``,
    ``MM/YYYY``, ``YYYY-MM`` or ``YYYY`` (also ``yyyy0000`` from claims).

    A month above 12 with a day that could be a month is read as day and month swapped, since
    that is the usual mistake; impossible dates give ``None``.
    """
    if not text:
        return None
    s = text.strip()
    y = mo = d = 0
    if m := _ISO.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    elif m := _DMY.fullmatch(s):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := _COMPACT.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _MY.fullmatch(s):
        mo, y = int(m[1]), int(m[2])
    else:
        return None
    if mo > 12 and 1 <= d <= 12:
        mo, d = d, mo
    if not 1850 <= y <= 2200 or mo > 12 or (mo == 0 and d):
        return None
    if d:
        try:
            date(y, mo, d)
        except ValueError:
            return None
    return (y, mo, d)


def birth_iso(birth: Birth | None) -> str:
    if birth is None:
        return ""
    y, m, d = birth
    return f"{y:04d}-{m:02d}-{d:02d}" if d else (f"{y:04d}-{m:02d}" if m else f"{y:04d}")


# ---- builders -------------------------------------------------------------------------------------


def from_record(
    cccd: str | None,
    full_name: str | None,
    birth_date: str | None,
    sex: str | None,
    province_code: str | None,
    phone: str | None,
    bhyt: str | None = None,
) -> Person:
    """A person from the text fields of a records file (any field empty or wrong)."""
    return Person(
        cccd=norm_cccd(cccd),
        name=fold_name(unicodedata.normalize("NFC", full_name) if full_name else None),
        birth=parse_birth(birth_date),
        sex=norm_sex(sex),
        province=norm_province(province_code),
        phone=norm_phone(phone),
        bhyt=bhyt.strip().upper() if bhyt and bhyt.strip() else None,
    )


def from_citizen(cccd: str, full_name: str, birth_date: str, sex: str, province_code: str, phone: str | None) -> Person:
    """A person from a population-register row (clean data: only folding needed)."""
    return Person(
        cccd=cccd,
        name=fold_name(full_name),
        birth=parse_birth(birth_date),
        sex=sex or None,
        province=province_code or None,
        phone=phone or None,
    )


def patient_name(patient: dict[str, Any]) -> str | None:
    """The patient's full name as written in Vietnamese order (family, middle, given).

    The ``official`` name is preferred, then the first; ``text`` wins over the parts.
    """
    names = [n for n in patient.get("name") or () if isinstance(n, dict)]
    if not names:
        return None
    chosen = next((n for n in names if n.get("use") == "official"), names[0])
    if isinstance(chosen.get("text"), str) and chosen["text"].strip():
        return str(chosen["text"])
    parts = [chosen.get("family"), *(chosen.get("given") or [])]
    text = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    return text or None


def from_patient(patient: dict[str, Any]) -> Person:
    """A person from a FHIR Patient (identifiers by VN Core system, mobile from ``telecom``)."""
    cccd = bhyt = None
    for ident in patient.get("identifier") or ():
        if not isinstance(ident, dict) or not isinstance(ident.get("value"), str):
            continue
        if ident.get("system") == CCCD_SYSTEM and cccd is None:
            cccd = norm_cccd(ident["value"])
        elif ident.get("system") == BHYT_SYSTEM and bhyt is None:
            bhyt = ident["value"].strip().upper() or None
    phone = None
    for tel in patient.get("telecom") or ():
        if isinstance(tel, dict) and tel.get("system") in ("phone", "sms", None) and isinstance(tel.get("value"), str):
            phone = norm_phone(tel["value"])
            if phone:
                break
    birth = patient.get("birthDate")
    gender = patient.get("gender")
    return Person(
        cccd=cccd,
        name=fold_name(patient_name(patient)),
        birth=parse_birth(birth) if isinstance(birth, str) else None,
        sex=gender if gender in ("male", "female") else None,
        province=patient_province(patient),
        phone=phone,
        bhyt=bhyt,
    )


def patient_province(patient: dict[str, Any]) -> str | None:
    """Province code of the patient's (first) address that gives one: the VN Core administrative
    address extension's ``province`` code (what the gateway writes), else a ``state`` naming a province.

    Two Patients are compared on where they live; the register's ``province_code`` (birth
    registration) is a different thing, so a Patient is never compared with it.
    """
    for address in patient.get("address") or ():
        if not isinstance(address, dict):
            continue
        coded = _coded_province(address)
        if coded:
            return coded
        state = address.get("state")
        if isinstance(state, str) and state.strip():
            code = _province_codes().get(_strip_division(fold(state)))
            if code:
                return code
    return None


def _coded_province(address: dict[str, Any]) -> str | None:
    for ext in address.get("extension") or ():
        if isinstance(ext, dict) and ext.get("url") == EXT_ADMINISTRATIVE_ADDRESS:
            for part in ext.get("extension") or ():
                if isinstance(part, dict) and part.get("url") == "province":
                    code = (part.get("valueCoding") or {}).get("code")
                    return norm_province(code) if isinstance(code, str) else None
    return None


_DIVISIONS = ("thanh pho ", "tinh ", "tp. ", "tp ")


def _strip_division(name: str) -> str:
    for prefix in _DIVISIONS:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@cache
def _province_codes() -> dict[str, str]:
    from yteso.identity.provinces import provinces

    return {_strip_division(fold(p.name)): p.code for p in provinces()}


def cccd_neighbours(cccd: str) -> list[str]:
    """Well-formed IDs one wrong digit or one swap of neighbouring digits away from ``cccd``."""
    out = set()
    for i in range(len(cccd)):
        for digit in "0123456789":
            if digit != cccd[i]:
                out.add(cccd[:i] + digit + cccd[i + 1 :])
        if i + 1 < len(cccd) and cccd[i] != cccd[i + 1]:
            out.add(cccd[:i] + cccd[i + 1] + cccd[i] + cccd[i + 2 :])
    return sorted(v for v in out if not cccd_malformed(v))
