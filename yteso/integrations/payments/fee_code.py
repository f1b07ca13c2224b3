"""The fee identifier (mã định danh khoản thu): one code per fee of one dossier, with check digits.

Format ``{UNIT}-{DOSSIER}-{SEQ}-{CC}``, for example ``G18-G18.34-250115-0001-01-79``:

| part | content |
| --- | --- |
| ``UNIT`` | code of the collecting unit (đơn vị thu), ``[A-Z0-9.]``, 1-20 characters, no hyphen |
| ``DOSSIER`` | the dossier code (mã hồ sơ), ``[A-Z0-9.-]``, 1-40 characters |
| ``SEQ`` | the fee's number within the dossier, ``01``-``99`` (a supplement fee gets the next one) |
| ``CC`` | two check digits, MOD 97 (as ISO 7064 MOD 97-10) over the base-36 value of what precedes |

Unique because dossier codes are unique per unit and the parts are separated unambiguously
(``UNIT`` has no hyphen; ``SEQ`` and ``CC`` are the last two segments). The check digits catch
every single-character error and every swap of two adjacent characters when a code is typed by
hand (bank transfer memo, phone support). Only URL-safe characters are used, so the code is a path segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT = re.compile(r"^[A-Z0-9.]{1,20}$")
_DOSSIER = re.compile(r"^[A-Z0-9](?:[A-Z0-9.-]{0,38}[A-Z0-9])?$")
_CODE = re.compile(r"^(?P<unit>[A-Z0-9.]{1,20})-(?P<dossier>[A-Z0-9.-]{1,40})-(?P<seq>\d{2})-(?P<check>\d{2})$")
MAX_SEQ = 99


class FeeCodeError(ValueError):
    """A fee code (or one of its parts) breaks the format; ``rule`` names what."""

    def __init__(self, rule: str, message_en: str) -> None:
        super().__init__(message_en)
        self.rule = rule


@dataclass(frozen=True, slots=True)
class FeeCode:
    """The parts of a fee identifier."""

    unit_code: str
    dossier_code: str
    seq: int

    def __str__(self) -> str:
        return make_fee_code(self.unit_code, self.dossier_code, self.seq)


def make_fee_code(unit_code: str, dossier_code: str, seq: int) -> str:
    """The fee identifier of fee number ``seq`` (1-99) of ``dossier_code`` collected by ``unit_code``.

    Letters are upper-cased; raises :class:`FeeCodeError` for characters outside the format.
    """
    unit, dossier = unit_code.strip().upper(), dossier_code.strip().upper()
    if not _UNIT.match(unit):
        raise FeeCodeError("fee_code.unit", f"unit code {unit_code!r} must be 1-20 of A-Z, 0-9, '.'")
    if not _DOSSIER.match(dossier):
        raise FeeCodeError("fee_code.dossier", f"dossier code {dossier_code!r} must be 1-40 of A-Z, 0-9, '.', '-'")
    if not 1 <= seq <= MAX_SEQ:
        raise FeeCodeError("fee_code.seq", f"fee number {seq} must be between 1 and {MAX_SEQ}")
    body = f"{unit}-{dossier}-{seq:02d}"
    return f"{body}-{check_digits(body)}"


def parse_fee_code(code: str) -> FeeCode:
    """Split a fee identifier into its parts; raises :class:`FeeCodeError` if malformed or the check fails."""
    match = _CODE.match(code.strip().upper())
    if match is None:
        raise FeeCodeError("fee_code.format", f"{code!r} is not UNIT-DOSSIER-NN-CC")
    unit, dossier, seq = match["unit"], match["dossier"], int(match["seq"])
    if seq < 1:
        raise FeeCodeError("fee_code.seq", f"fee number {seq} must be between 1 and {MAX_SEQ}")
    if check_digits(f"{unit}-{dossier}-{seq:02d}") != match["check"]:
        raise FeeCodeError("fee_code.check_digits", f"check digits of {code!r} do not match")
    return FeeCode(unit, dossier, seq)


def is_fee_code(code: str) -> bool:
    """Does ``code`` parse with correct check digits?"""
    try:
        parse_fee_code(code)
    except FeeCodeError:
        return False
    return True


def check_digits(text: str) -> str:
    """Two check digits ``CC`` with ``(N * 100 + CC) mod 97 == 1``, ``N`` = the base-36 number of the
    letters and digits of ``text`` (0-9 = 0-9, A-Z = 10-35; separators skipped).

    97 is prime and larger than 36, so any one changed character and any swap of two adjacent
    characters changes ``N mod 97`` and the check fails.
    """
    number = 0
    for c in text:
        if c.isalnum():
            number = (number * 36 + int(c, 36)) % 97
    return f"{98 - number * 100 % 97:02d}"
