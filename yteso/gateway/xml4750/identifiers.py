"""Identifier format checks (CCCD, BHYT card, facility code, BHXH number) behind one function.

``yteso.core.ids`` is meant to own these rules (``validate_cccd``, ``validate_facility_code``,
card validation raising ``IdentifierError``). Until it does, thin local checks live here behind
:func:`_check_identifier`, the single place to switch over.
"""

from __future__ import annotations

import re

from yteso.gateway.xml4750.codes import PROVINCES

_CCCD = re.compile(r"\d{12}|\d{9}|[A-Z]\d{7}")
"""Gateway rule: 12-digit CCCD, 9-digit CMND, or passport (one capital letter + 7 digits)."""
_BHYT = re.compile(r"[A-Z]{2}[1-5]\d{12}")
"""Card: 2-letter group, benefit level 1-5, 2-digit province, 10-digit BHXH number."""
_FACILITY = re.compile(r"(\d{2})[0-9A-Z]{3}")
_FACILITY_SOURCE = re.compile(r"(?:(?:C|K|M|HC)\.)?((\d{2})[0-9A-Z]{3})")
_BHXH = re.compile(r"\d{10}")

IDENTIFIER_RULES = {
    "cccd": "CCCD_FORMAT",
    "bhyt": "BHYT_FORMAT",
    "facility": "FACILITY_FORMAT",
    "facility_source": "FACILITY_FORMAT",
    "bhxh": "BHXH_FORMAT",
}


def _check_identifier(kind: str, value: str) -> str | None:
    """Return the rule code ``value`` breaks as an identifier of ``kind``, or None when it is valid.

    Kinds: ``cccd`` (SO_CCCD), ``bhyt`` (MA_THE_BHYT), ``facility`` (MA_CSKCB, MA_DKBD...),
    ``facility_source`` (MA_CSKCB_THUOC, with optional C./K./M./HC. prefix), ``bhxh`` (10-digit
    social-insurance number, not all zeros).
    """
    if kind == "cccd":
        ok = _CCCD.fullmatch(value) is not None
    elif kind == "bhyt":
        ok = _BHYT.fullmatch(value) is not None
    elif kind == "facility":
        match = _FACILITY.fullmatch(value)
        ok = match is not None and match.group(1) in PROVINCES
    elif kind == "facility_source":
        match = _FACILITY_SOURCE.fullmatch(value)
        ok = match is not None and match.group(2) in PROVINCES
    elif kind == "bhxh":
        ok = _BHXH.fullmatch(value) is not None and value != "0000000000"
    else:
        raise ValueError(f"unknown identifier kind {kind!r}")
    return None if ok else IDENTIFIER_RULES[kind]


def cccd_birth_mismatch(cccd: str, birth: str, sex: str) -> str | None:
    """Compare a 12-digit CCCD's century/sex digit and birth year with NGAY_SINH and GIOI_TINH.

    Digit 4 encodes century and sex (1900s: 0 male / 1 female, 2000s: 2 / 3 ...), digits 5-6 the
    year. Returns a short description of the mismatch, or None (also when nothing can be compared).
    """
    if len(cccd) != 12 or not cccd.isdigit() or len(birth) < 4 or not birth[:4].isdigit():
        return None
    code = int(cccd[3])
    year = (19 + code // 2) * 100 + int(cccd[4:6])
    problems = []
    if year != int(birth[:4]):
        problems.append(f"CCCD year {year}, NGAY_SINH {birth[:4]}")
    if sex in ("1", "2") and (code % 2 == 0) != (sex == "1"):
        problems.append(f"CCCD sex {'male' if code % 2 == 0 else 'female'}, GIOI_TINH {sex}")
    return "; ".join(problems) or None
