"""Identifier checks (CCCD, BHYT card, facility code, BHXH number, MA_LK) behind one function.

The rules themselves belong to :mod:`yteso.core.ids` (``validate_cccd``, ``validate_bhyt_card``,
``validate_facility_code`` ... raising ``IdentifierError``); :func:`_check_identifier` maps the
XML fields onto them and turns a failure into one of this package's rule codes, keeping the core's
precise message (and its rule, e.g. ``cccd.province``) in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from yteso.core.ids import (
    IdentifierError,
    validate_bhxh_number,
    validate_bhyt_card,
    validate_cccd,
    validate_cmnd,
    validate_facility_code,
    validate_ma_lk,
    validate_passport,
)

IDENTIFIER_RULES = {
    "cccd": "CCCD_FORMAT",
    "bhyt": "BHYT_FORMAT",
    "facility": "FACILITY_FORMAT",
    "facility_source": "FACILITY_FORMAT",
    "bhxh": "BHXH_FORMAT",
    "ma_lk": "MA_LK_FORMAT",
}
_SOURCE_PREFIX = re.compile(r"(?:C|K|M|HC)\.")
_PASSPORT = re.compile(r"[A-Z]\d{7}")


@dataclass(frozen=True, slots=True)
class IdentifierProblem:
    """Why a value is not a valid identifier: our rule code, the core's rule and its messages."""

    rule: str
    detail_rule: str
    message_vi: str
    message_en: str


def _validate(kind: str, value: str) -> None:
    if kind == "cccd":
        # Gateway rule: 12-digit CCCD, 9-digit CMND, or passport (1 capital letter + 7 digits).
        if len(value) == 12:
            validate_cccd(value, field="SO_CCCD")
        elif len(value) == 9:
            validate_cmnd(value, field="SO_CCCD")
        elif _PASSPORT.fullmatch(value):
            validate_passport(value, field="SO_CCCD")
        else:
            raise IdentifierError(
                "SO_CCCD",
                value,
                "cccd.gateway_format",
                "Phải là CCCD 12 số, CMND 9 số hoặc hộ chiếu (1 chữ in hoa + 7 số).",
                "Must be a 12-digit CCCD, a 9-digit CMND or a passport (1 capital letter + 7 digits).",
            )
    elif kind == "bhyt":
        validate_bhyt_card(value)
    elif kind == "facility":
        validate_facility_code(value)
    elif kind == "facility_source":  # MA_CSKCB_THUOC: optional C./K./M./HC. prefix
        match = _SOURCE_PREFIX.match(value)
        validate_facility_code(value[match.end() :] if match else value)
    elif kind == "bhxh":
        validate_bhxh_number(value)
    elif kind == "ma_lk":
        validate_ma_lk(value)
    else:
        raise ValueError(f"unknown identifier kind {kind!r}")


def _check_identifier(kind: str, value: str) -> IdentifierProblem | None:
    """Why ``value`` is not a valid identifier of ``kind``, or None when it is.

    Kinds: ``cccd`` (SO_CCCD), ``bhyt`` (MA_THE_BHYT), ``facility`` (MA_CSKCB, MA_DKBD...),
    ``facility_source`` (MA_CSKCB_THUOC), ``bhxh`` (10-digit social-insurance number), ``ma_lk``.
    Facility codes, which repeat on every line, are answered from a cache; personal identifiers
    (CCCD, card numbers) are never kept.
    """
    if kind in _CACHED_KINDS:
        return _check_cached(kind, value)
    return _check(kind, value)


_CACHED_KINDS = frozenset({"facility", "facility_source"})


def _check(kind: str, value: str) -> IdentifierProblem | None:
    try:
        _validate(kind, value)
    except IdentifierError as exc:
        return IdentifierProblem(IDENTIFIER_RULES[kind], exc.rule, exc.message_vi, exc.message_en)
    return None


_check_cached = lru_cache(maxsize=4096)(_check)


def cccd_birth_mismatch(cccd: str, birth: str, sex: str) -> IdentifierProblem | None:
    """A 12-digit CCCD against NGAY_SINH's year and GIOI_TINH (1 male, 2 female; 3 not compared).

    Only the mismatch rules are reported here; a CCCD invalid for another reason is left to the
    format check.
    """
    if len(cccd) != 12 or not birth[:4].isdecimal() or int(birth[:4]) < 1800:
        return None
    try:
        validate_cccd(
            cccd, birth_date=date(int(birth[:4]), 1, 1), sex=sex if sex in ("1", "2") else None, field="SO_CCCD"
        )
    except IdentifierError as exc:
        if exc.rule in ("cccd.birth_year_mismatch", "cccd.sex_mismatch"):
            return IdentifierProblem("CCCD_BIRTH_MISMATCH", exc.rule, exc.message_vi, exc.message_en)
    return None
