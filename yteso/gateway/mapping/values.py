"""Conversions of raw XML 4750 text to FHIR primitive values, and the small shapes every mapper uses.

Everything here returns ``None`` (or leaves the element out) for a value that is empty or not in
the expected format, so a dossier with a bad field still maps to valid FHIR: the checks of
:mod:`yteso.gateway.xml4750.validate` report the problem, the mapping never invents a value.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from typing import Any

from yteso.core.ids import BHXH_SYSTEM, CCHN_SYSTEM, MA_CSKCB_SYSTEM
from yteso.gateway.mapping.systems import BHXH_NAME, BHXH_URL, URI_IDENTIFIER
from yteso.gateway.xml4750 import dates
from yteso.gateway.xml4750.codes import normalise_icd10

JSON = dict[str, Any]

_NUMBER = re.compile(r"-?\d{1,18}(?:\.\d{1,6})?")
_TZ = "+07:00"


@lru_cache(maxsize=65536)
def date_time(value: str) -> str | None:
    """``yyyyMMddHHmm`` → FHIR dateTime in Vietnam time (``2026-03-01T07:30:00+07:00``);
    ``yyyyMMdd`` → FHIR date. None when invalid."""
    if len(value) == 12 and dates.is_valid(value, dates.DATETIME):
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:]}:00{_TZ}"
    if len(value) == 8 and dates.is_valid(value, dates.DATE):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


@lru_cache(maxsize=65536)
def instant(value: str) -> str | None:
    """Like :func:`date_time` but always with a time (an 8-character date starts at 00:00, Vietnam time)."""
    if len(value) == 8 and dates.is_valid(value, dates.DATE):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}T00:00:00{_TZ}"
    return date_time(value)


@lru_cache(maxsize=65536)
def day(value: str) -> str | None:
    """The calendar day (FHIR ``date``) of an 8- or 12-character value."""
    full = date_time(value)
    return full[:10] if full else None


@lru_cache(maxsize=65536)
def birth_date(value: str) -> str | None:
    """NGAY_SINH (12 characters, unknown month/day written 00, or 8 characters) → FHIR date of that precision."""
    if len(value) == 12 and dates.is_valid(value, dates.BIRTH):
        if value[4:6] == "00":
            return value[:4]
        if value[6:8] == "00":
            return f"{value[:4]}-{value[4:6]}"
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    if len(value) == 8:
        return day(value)
    return None


@lru_cache(maxsize=65536)
def number(value: str) -> int | float | None:
    """A decimal written with ``.`` (as the standard requires) → int or float; None otherwise."""
    if not value or len(value) > 24 or not value.isascii():
        return None
    if value.isdigit():
        return int(value)
    if _NUMBER.fullmatch(value):
        return float(value)
    return None


def money(value: str) -> JSON | None:
    """An amount in đồng → FHIR Money (VND)."""
    amount = number(value)
    return None if amount is None else {"value": amount, "currency": "VND"}


def code(value: str) -> str | None:
    """A value usable as a FHIR code (no leading/trailing or doubled whitespace), None when empty."""
    if not value:
        return None
    if " " in value or "\t" in value or "\n" in value or "\r" in value:
        value = " ".join(value.split())
    return value or None


def split(value: str) -> list[str]:
    """The parts of a ';'-separated list, empty parts dropped."""
    if not value:
        return []
    if ";" not in value:
        return [value.strip()] if value.strip() else []
    return [part.strip() for part in value.split(";") if part.strip()]


@lru_cache(maxsize=4096)
def icd10_list(value: str) -> tuple[str, ...]:
    """The codes of a ';'-separated ICD-10 list, normalised (upper case, no dagger/asterisk), empty ones dropped."""
    return tuple(c for part in split(value) if (c := normalise_icd10(part)))


def codings(system: str, value: str) -> list[JSON]:
    """One Coding per code of a ';'-separated list."""
    return [{"system": system, "code": c} for part in split(value) if (c := code(part))]


def facility(code_: str, display: str | None = None) -> JSON:
    """A logical reference to a facility (Organization identified by its MA_CSKCB)."""
    return {
        "type": "Organization",
        "identifier": {"system": MA_CSKCB_SYSTEM, "value": code_},
        "display": display or f"Cơ sở KBCB {code_}",
    }


def bhxh_payer() -> JSON:
    """A logical reference to Vietnam Social Security (BHXH Việt Nam), the payer of BHYT claims."""
    return {"type": "Organization", "identifier": {"system": URI_IDENTIFIER, "value": BHXH_URL}, "display": BHXH_NAME}


CCHN = "cchn"
"""Staff field holding practising-certificate numbers (QĐ 4750: MA_BAC_SI, NGUOI_THUC_HIEN of XML3)."""
HEALTH_ID = "bhxh"
"""Staff field holding health-IDs = social-insurance numbers (MA_TTDV, MA_BS, MA_BS_DOC_KQ ...)."""


def staff(value: str, kind: str, display: str | None = None) -> list[JSON]:
    """Logical Practitioner references for a ';'-separated list of staff codes.

    A field the standard defines as a health-ID (``kind=HEALTH_ID``) holding a 10-digit number is
    a social-insurance number (BHXH system); anything else is read as a practising-certificate
    number (CCHN system), which is what QĐ 4750 made most staff fields.
    """
    if not value:
        return []
    if display:
        return [
            {"type": "Practitioner", "identifier": {"system": system, "value": code_}, "display": display}
            for system, code_ in _staff_codes(value, kind)
        ]
    return [
        {"type": "Practitioner", "identifier": {"system": system, "value": code_}}
        for system, code_ in _staff_codes(value, kind)
    ]


@lru_cache(maxsize=16384)
def _staff_codes(value: str, kind: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in split(value):
        code_ = code(part)
        if code_ is None:
            continue
        is_bhxh = kind == HEALTH_ID and len(code_) == 10 and code_.isascii() and code_.isdigit()
        out.append((BHXH_SYSTEM if is_bhxh else CCHN_SYSTEM, code_))
    return tuple(out)


def first_staff(value: str, kind: str, display: str | None = None) -> JSON | None:
    refs = staff(value, kind, display)
    return refs[0] if refs else None


def period(start: str | None, end: str | None) -> JSON | None:
    """A Period; the end is dropped when it is before the start (a data error reported by the checks)."""
    if not start:
        return {"end": end} if end else None
    if end and _not_before(end, start):
        return {"start": start, "end": end}
    return {"start": start}


def _not_before(end: str, start: str) -> bool:
    # ISO strings in the same zone: compare whole values of the same shape, else the days
    if len(end) == len(start):
        return end >= start
    return end[:10] >= start[:10]


def quantity(value: str, unit: str) -> JSON | None:
    amount = number(value)
    if amount is None:
        return None
    out: JSON = {"value": amount}
    if unit:
        out["unit"] = unit
    return out


def narrative(text: str) -> JSON:
    """A generated XHTML narrative holding ``text`` (line breaks kept)."""
    body = escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br/>")
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{body}</p></div>'}


def readable(value: str, date_format: str) -> str:
    """A date value as shown to people (dd/MM/yyyy [HH:mm]); other values unchanged."""
    if date_format and value.isdigit():
        if len(value) >= 8 and value[4:8] != "0000":
            shown = f"{value[6:8]}/{value[4:6]}/{value[:4]}" if value[6:8] != "00" else f"{value[4:6]}/{value[:4]}"
            if len(value) == 12 and value[8:] != "0000":
                shown += f" {value[8:10]}:{value[10:]}"
            return shown
        if len(value) >= 4:
            return value[:4]
    return value
