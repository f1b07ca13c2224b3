"""Fellegi-Sunter scoring of a pair of persons with weights trained by Splink (``weights.json``).

Each comparison puts the pair in one *level* (exact, typo, different…); the level adds
``log2(m/u)`` bits of evidence, where ``m`` is how often true matches fall in that level and ``u``
how often non-matches do. A missing value on either side adds nothing. The sum, plus the prior,
is the match weight; the match probability is ``1 / (1 + 2**-weight)``.

The levels here are the Python twins of the SQL levels in :mod:`yteso.identity.mpi.training`
(which Splink uses to estimate ``m`` and ``u``); a test keeps the two in step. Scoring is pure
Python with rapidfuzz, a few microseconds a pair, because Splink is made for whole tables, not
for one record at a time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from yteso.identity.mpi.features import Person

_dl = DamerauLevenshtein.distance

LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("exact", "reordered", "one_edit", "subset", "two_edits", "different"),
    "birth_date": ("exact", "day_month_swapped", "one_part_differs", "same_year", "different"),
    "sex": ("same", "different"),
    "province": ("same", "different"),
    "phone": ("exact", "one_digit", "different"),
    "cccd": ("exact", "one_digit", "different"),
    "bhyt": ("exact", "same_bhxh_number", "different"),
}
"""Comparison → its levels, from strongest agreement to disagreement."""

COMPARISONS = tuple(LEVELS)


def name_level(a: Person, b: Person) -> int | None:
    x, y = a.name, b.name
    if not x or not y:
        return None
    if x == y:
        return 0
    xs, ys = a.name_sorted or x, b.name_sorted or y
    if xs == ys:
        return 1
    d = min(_dl(x, y, score_cutoff=2), _dl(xs, ys, score_cutoff=2))
    if d <= 1:
        return 2
    ta, tb = set(a.tokens), set(b.tokens)
    if ta <= tb or tb <= ta:
        return 3
    return 4 if d <= 2 else 5


def birth_level(a: Person, b: Person) -> int | None:
    p, q = a.birth, b.birth
    if p is None or q is None:
        return None
    y1, m1, d1 = p
    y2, m2, d2 = q
    full = d1 > 0 and d2 > 0
    if full:
        if p == q:
            return 0
        if y1 == y2 and m1 == d2 and d1 == m2:
            return 1
        if (y1 == y2) + (m1 == m2) + (d1 == d2) == 2:
            return 2
    if y1 == y2 and (full or m1 == 0 or m2 == 0 or m1 == m2):
        return 3
    return 4


def _same(x: str | None, y: str | None) -> int | None:
    if not x or not y:
        return None
    return 0 if x == y else 1


def sex_level(a: Person, b: Person) -> int | None:
    return _same(a.sex, b.sex)


def province_level(a: Person, b: Person) -> int | None:
    return _same(a.province, b.province)


def _digits_level(x: str | None, y: str | None) -> int | None:
    """Exact; one digit wrong or two neighbours swapped (same length); different."""
    if not x or not y:
        return None
    if x == y:
        return 0
    return 1 if len(x) == len(y) and _dl(x, y, score_cutoff=1) <= 1 else 2


def phone_level(a: Person, b: Person) -> int | None:
    return _digits_level(a.phone, b.phone)


def cccd_level(a: Person, b: Person) -> int | None:
    return _digits_level(a.cccd, b.cccd)


def bhyt_level(a: Person, b: Person) -> int | None:
    x, y = a.bhyt, b.bhyt
    if not x or not y:
        return None
    if x == y:
        return 0
    return 1 if x[-10:] == y[-10:] else 2


LEVEL_FUNCTIONS: tuple[Callable[[Person, Person], int | None], ...] = (
    name_level,
    birth_level,
    sex_level,
    province_level,
    phone_level,
    cccd_level,
    bhyt_level,
)

Levels = tuple[int | None, ...]


def compare(a: Person, b: Person) -> Levels:
    """The comparison vector of a pair, in :data:`COMPARISONS` order (``None`` = missing).

    The same as calling each of :data:`LEVEL_FUNCTIONS`, with the cheap cases inlined: this runs
    for every candidate of every record.
    """
    sex = None if not a.sex or not b.sex else (0 if a.sex == b.sex else 1)
    province = None if not a.province or not b.province else (0 if a.province == b.province else 1)
    cccd = None if not a.cccd or not b.cccd else (0 if a.cccd == b.cccd else _digits_level(a.cccd, b.cccd))
    phone = None if not a.phone or not b.phone else (0 if a.phone == b.phone else _digits_level(a.phone, b.phone))
    bhyt = None if not a.bhyt or not b.bhyt else bhyt_level(a, b)
    return (name_level(a, b), birth_level(a, b), sex, province, phone, cccd, bhyt)


@dataclass(frozen=True)
class Weights:
    """Bits of evidence per comparison level, the prior and the decision thresholds."""

    bits: tuple[tuple[float, ...], ...]
    """Per comparison (in :data:`COMPARISONS` order), per level."""
    prior_bits: float
    link_bits: float
    """Weight from which a pair is linked (when no rival is close)."""
    review_bits: float
    """Weight from which a pair goes to an operator instead of being dropped."""
    margin_bits: float
    """How far the best candidate must lead the runner-up to be linked without review."""
    source: dict[str, Any]

    def weight(self, levels: Levels) -> float:
        total = self.prior_bits
        for bits, level in zip(self.bits, levels, strict=True):
            if level is not None:
                total += bits[level]
        return total

    def explain(self, levels: Levels) -> dict[str, dict[str, Any]]:
        """Per comparison: the level's name and its bits (for reviews and ``$match`` answers)."""
        out: dict[str, dict[str, Any]] = {}
        for name, bits, level in zip(COMPARISONS, self.bits, levels, strict=True):
            if level is not None:
                out[name] = {"level": LEVELS[name][level], "bits": round(bits[level], 2)}
        return out


def probability(weight: float) -> float:
    """Match probability of a match weight (in bits)."""
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    return 1.0 / (1.0 + 2.0 ** (-weight))


def bits_of(p: float) -> float:
    return math.log2(p / (1 - p))


def weights_from_json(data: dict[str, Any]) -> Weights:
    """Build :class:`Weights` from the ``weights.json`` document (m and u per level)."""
    m_floor, u_floor = float(data.get("m_floor", 1e-4)), float(data.get("u_floor", 1e-8))
    bits = []
    for name in COMPARISONS:
        comp = data["comparisons"][name]
        if tuple(comp["levels"]) != LEVELS[name]:
            raise ValueError(f"weights for {name} have levels {comp['levels']}, expected {LEVELS[name]}")
        bits.append(
            tuple(math.log2(max(m, m_floor) / max(u, u_floor)) for m, u in zip(comp["m"], comp["u"], strict=True))
        )
    t = data["thresholds"]
    return Weights(
        bits=tuple(bits),
        prior_bits=float(data["prior_bits"]),
        link_bits=bits_of(float(t["link"])),
        review_bits=bits_of(float(t["review"])),
        margin_bits=float(t["margin_bits"]),
        source={k: v for k, v in data.items() if k not in ("comparisons",)},
    )


WEIGHTS_FILE = "weights.json"


@cache
def default_weights() -> Weights:
    """The weights shipped with the package (trained by ``yteso mpi train``)."""
    text = resources.files("yteso.identity.mpi").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return weights_from_json(json.loads(text))


def load_weights(path: str | Path | None = None) -> Weights:
    if path is None:
        return default_weights()
    return weights_from_json(json.loads(Path(path).read_text(encoding="utf-8")))


# ---- decisions ----------------------------------------------------------------------------------

LINK, REVIEW, NO_LINK = "link", "review", "no_link"


def band(weights: Weights, best: float | None, runner_up: float | None) -> str:
    """Three bands: link, review (an operator decides) or no link.

    A best candidate above the link threshold is linked only if no rival is close to it: two
    people with the same name and birth date and no identifier to tell them apart go to review.
    """
    if best is None or best < weights.review_bits:
        return NO_LINK
    if best >= weights.link_bits and (
        runner_up is None or runner_up < weights.review_bits or best - runner_up >= weights.margin_bits
    ):
        return LINK
    return REVIEW
