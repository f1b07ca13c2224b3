"""Code lists used by the checks: ICD-10 (QĐ 4469/QĐ-BYT) and province codes.

The ICD-10 list is the package file ``icd10.csv`` (12,137 codes, dagger/asterisk marks removed),
with flags from the DRG-support annexes of QĐ 4469: ``N`` not allowed as main diagnosis (annex A2,
and every asterisk code), ``F`` female only (A4.1), ``M`` male only (A4.2). An annex entry also
covers the codes below it (an entry ``M14.6`` covers ``M14.60``..``M14.69``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

NOT_MAIN = "N"
FEMALE_ONLY = "F"
MALE_ONLY = "M"

_PRE_2025 = (
    "01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 "
    "56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96"
)
_POST_2025 = "01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44 46 48 51 52 56 66 68 75 79 80 82 86 91 92 96"
PROVINCES_PRE_2025: frozenset[str] = frozenset(_PRE_2025.split())
"""2-digit codes of the 63 provinces before 01/07/2025 (GSO list of 11/06/2024)."""
PROVINCES_POST_2025: frozenset[str] = frozenset(_POST_2025.split())
"""2-digit codes of the 34 provinces from 01/07/2025 (all reuse a pre-2025 code)."""
PROVINCES: frozenset[str] = PROVINCES_PRE_2025 | PROVINCES_POST_2025


@cache
def icd10() -> dict[str, str]:
    """ICD-10 code (with dot, e.g. ``J18.9``) -> flags, loaded once."""
    text = resources.files("yteso.gateway.xml4750").joinpath("icd10.csv").read_text(encoding="utf-8")
    codes: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line == "code,flags":
            continue
        code, _, flags = line.partition(",")
        codes[code] = flags
    return codes


def normalise_icd10(code: str) -> str:
    """Upper-case, without spaces and without a trailing dagger/asterisk mark (``D63.0*`` -> ``D63.0``)."""
    return code.strip().upper().rstrip("*†+").strip()


def split_codes(value: str) -> list[str]:
    """Split a ';'-separated list; empty parts (a trailing ';') are ignored."""
    return [part.strip() for part in value.split(";") if part.strip()]
