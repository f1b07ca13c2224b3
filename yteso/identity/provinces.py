"""Province codes (mã tỉnh): the 63 pre-2025 provinces behind CCCD prefixes and the 34 since 07/2025.

Data ships in ``yteso/identity/data/`` (see its README for provenance); it is read once and cached.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Province:
    """A pre-2025 province: GSO code, CCCD prefix, name, merged-into code and rough population."""

    code: str
    cccd_prefix: str
    name: str
    post2025_code: str
    population_k: int


@dataclass(frozen=True, slots=True)
class Province2025:
    """A province of the 34 in force since 01/07/2025."""

    code: str
    name: str
    division_type: str


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("yteso.identity").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def provinces() -> tuple[Province, ...]:
    """The 63 provinces before 01/07/2025, in code order."""
    return tuple(
        Province(r["code"], r["cccd_prefix"], r["name"], r["post2025_code"], int(r["population_k"]))
        for r in _rows("provinces.csv")
    )


@cache
def provinces_2025() -> tuple[Province2025, ...]:
    """The 34 provinces since 01/07/2025, in code order."""
    return tuple(Province2025(r["code"], r["name"], r["division_type"]) for r in _rows("provinces_2025.csv"))


@cache
def _by_code() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


@cache
def _by_prefix() -> dict[str, Province]:
    return {p.cccd_prefix: p for p in provinces()}


@cache
def _by_code_2025() -> dict[str, Province2025]:
    return {p.code: p for p in provinces_2025()}


def province_by_code(code: str) -> Province | None:
    """The pre-2025 province with this 2-digit code, or ``None``."""
    return _by_code().get(code)


def province_by_cccd_prefix(prefix: str) -> Province | None:
    """The province whose 3-digit CCCD prefix (birth-registration place) is ``prefix``, or ``None``."""
    return _by_prefix().get(prefix)


def province_2025_by_code(code: str) -> Province2025 | None:
    """The post-07/2025 province with this 2-digit code, or ``None``."""
    return _by_code_2025().get(code)


def is_province_code(code: str) -> bool:
    """True for a 2-digit code valid before or after 07/2025 (the post-2025 codes are a subset)."""
    return code in _by_code() or code in _by_code_2025()
