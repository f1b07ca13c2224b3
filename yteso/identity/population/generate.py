"""Synthetic citizens for the reference population database: realistic, reproducible, streamed.

Everything comes from one ``random.Random(seed)`` plus a per-group bijection for the CCCD serial, so
the same ``(count, seed, as_of)`` gives the same file byte for byte, memory stays flat (a few
thousand counters, no set of issued IDs) and every CCCD is unique: within a group (province
prefix, century/sex digit, 2-digit year) serial ``n`` maps to ``(a*n + b) mod 10**6`` with ``a``
coprime to 10**6, which never repeats for the first million people of the group.
"""

from __future__ import annotations

import hashlib
import math
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from yteso.core.id_rules import cccd_century_digit
from yteso.identity.population import names
from yteso.identity.population.models import CSV_HEADER
from yteso.identity.provinces import provinces

AS_OF = date(2025, 1, 1)
"""Reference date for ages (fixed, so output does not depend on the day it runs)."""

AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (0, 5, 7.9), (5, 10, 8.4), (10, 15, 7.4), (15, 20, 6.9), (20, 25, 7.0), (25, 30, 8.1),
    (30, 35, 8.2), (35, 40, 7.6), (40, 45, 7.1), (45, 50, 6.6), (50, 55, 6.1), (55, 60, 5.4),
    (60, 65, 4.4), (65, 70, 3.2), (70, 75, 2.0), (75, 80, 1.3), (80, 85, 1.0), (85, 90, 0.6),
    (90, 100, 0.5),
)  # fmt: skip
"""Age pyramid in % by band (roughly the 2019 census)."""

MOBILE_PREFIXES: tuple[tuple[tuple[str, ...], float], ...] = (
    (("086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"), 50.0),
    (("088", "091", "094", "081", "082", "083", "084", "085"), 25.0),
    (("089", "090", "093", "070", "076", "077", "078", "079"), 20.0),
    (("092", "056", "058"), 3.0),
    (("099", "059"), 1.5),
    (("087",), 0.5),
)
"""Mobile prefixes by network (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile, iTel) and share."""

SOUTH_FROM_CODE = "48"
"""Provinces from Đà Nẵng (48) southwards favour Huỳnh/Võ over Hoàng/Vũ."""


class _Picker:
    """Weighted choice by bisecting cumulative weights (faster than ``random.choices`` per row)."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> None:
        self.values = [v for v, _ in pairs]
        acc = 0.0
        self.cum: list[float] = []
        for _, w in pairs:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def pick(self, rnd: float) -> str:
        return self.values[bisect(self.cum, rnd * self.total)]


class _Serials:
    """Per-group bijection n → (a*n + b) mod 10**6 giving unique 6-digit CCCD serials."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._state: dict[str, list[int]] = {}

    def next(self, group: str) -> str:
        state = self._state.get(group)
        if state is None:
            digest = hashlib.blake2b(f"{self._seed}:{group}".encode(), digest_size=8).digest()
            h = int.from_bytes(digest, "big")
            a = (h % 500_000) * 2 + 1
            while math.gcd(a, 1_000_000) != 1:
                a += 2
            state = self._state[group] = [a, (h >> 32) % 1_000_000, 0]
        a, b, n = state
        if n >= 1_000_000:
            raise ValueError(f"more than a million people in CCCD group {group}")
        state[2] = n + 1
        return f"{(a * n + b) % 1_000_000:06d}"


@dataclass(frozen=True, slots=True)
class _Tables:
    provinces: _Picker
    ages: list[tuple[int, int]]
    age_cum: list[float]
    family_north: _Picker
    family_south: _Picker
    middle: dict[tuple[str, bool], _Picker]
    given: dict[str, _Picker]
    compound: _Picker
    phones: _Picker


def _tables() -> _Tables:
    age_cum, acc = [], 0.0
    for _, _, w in AGE_BANDS:
        acc += w
        age_cum.append(acc)
    phone_pairs = [(p, share / len(group)) for group, share in MOBILE_PREFIXES for p in group]
    return _Tables(
        provinces=_Picker([(p.code, float(p.population_k)) for p in provinces()]),
        ages=[(lo, hi) for lo, hi, _ in AGE_BANDS],
        age_cum=[c / acc for c in age_cum],
        family_north=_Picker(names.FAMILY_COMMON + names.FAMILY_NORTH),
        family_south=_Picker(names.FAMILY_COMMON + names.FAMILY_SOUTH),
        middle={
            ("male", True): _Picker(names.MIDDLE_MALE_YOUNG),
            ("male", False): _Picker(names.MIDDLE_MALE_OLD),
            ("female", True): _Picker(names.MIDDLE_FEMALE_YOUNG),
            ("female", False): _Picker(names.MIDDLE_FEMALE_OLD),
        },
        given={"male": _Picker(names.GIVEN_MALE), "female": _Picker(names.GIVEN_FEMALE)},
        compound=_Picker(names.GIVEN_COMPOUND_FIRST),
        phones=_Picker(phone_pairs),
    )


def generate_citizens(count: int, seed: int, *, as_of: date = AS_OF) -> Iterator[tuple[str, ...]]:
    """Yield ``count`` rows in :data:`CSV_HEADER` order (all strings; empty phone = none)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    rng = random.Random(seed)
    rnd = rng.random
    t = _tables()
    serials = _Serials(seed)
    as_of_ord = as_of.toordinal()
    iso_cache: dict[int, tuple[str, int]] = {}
    for _ in range(count):
        province = t.provinces.pick(rnd())
        sex = "female" if rnd() < 0.505 else "male"
        lo, hi = t.ages[bisect(t.age_cum, rnd())]
        age_days = 1 + int((lo + rnd() * (hi - lo)) * 365.2425)
        born = iso_cache.get(as_of_ord - age_days)
        if born is None:
            d = date.fromordinal(as_of_ord - age_days)
            born = iso_cache[as_of_ord - age_days] = (d.isoformat(), d.year)
        iso, year = born
        young = year >= 1985
        family = (t.family_south if province >= SOUTH_FROM_CODE else t.family_north).pick(rnd())
        middle = t.middle[sex, young].pick(rnd())
        given = t.given[sex].pick(rnd())
        if young and rnd() < 0.12:
            given = f"{t.compound.pick(rnd())} {given}"
        prefix = f"0{province}{cccd_century_digit(year, sex)}{year % 100:02d}"
        cccd = prefix + serials.next(prefix)
        no_phone = rnd() < (0.9 if year > as_of.year - 15 else 0.06)
        phone = "" if no_phone else f"{t.phones.pick(rnd())}{rng.randrange(10_000_000):07d}"
        yield (cccd, f"{family} {middle} {given}", iso, sex, province, phone)


def write_csv(out: Path | str | TextIO, count: int, seed: int, *, as_of: date = AS_OF) -> int:
    """Stream ``count`` citizens as CSV (header first) to a path or an open text stream; returns count.

    No generated field contains a comma, quote or newline, so rows are written without quoting.
    """
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="\n") as stream:
            return write_csv(stream, count, seed, as_of=as_of)
    out.write(",".join(CSV_HEADER) + "\n")
    buffer: list[str] = []
    written = 0
    for row in generate_citizens(count, seed, as_of=as_of):
        buffer.append(",".join(row))
        if len(buffer) == 10_000:
            out.write("\n".join(buffer) + "\n")
            written += len(buffer)
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")
        written += len(buffer)
    return written
