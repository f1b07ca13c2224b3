"""Ranking candidates for one probe and choosing the band (link / review / no link)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from yteso.identity.mpi.features import Person
from yteso.identity.mpi.scoring import Levels, Weights, band, compare, probability


@dataclass(slots=True)
class Candidate:
    """A scored candidate: its key (CCCD or Patient id), features, comparison levels and weight."""

    key: str
    person: Person
    levels: Levels
    weight: float

    @property
    def probability(self) -> float:
        return probability(self.weight)


@dataclass(slots=True)
class Decision:
    """The band for a probe, with the best candidate and its closest rival."""

    band: str
    best: Candidate | None
    runner_up: Candidate | None


def rank(weights: Weights, probe: Person, candidates: Iterable[tuple[str, Person]]) -> list[Candidate]:
    """Score every candidate against ``probe``; best first."""
    out = []
    for key, person in candidates:
        levels = compare(probe, person)
        out.append(Candidate(key, person, levels, weights.weight(levels)))
    out.sort(key=lambda c: -c.weight)
    return out


def decide(weights: Weights, ranked: list[Candidate]) -> Decision:
    """Band of the best candidate given its closest rival (candidates with the same key count once)."""
    best = ranked[0] if ranked else None
    runner_up = next((c for c in ranked[1:] if best is None or c.key != best.key), None)
    return Decision(
        band(weights, best.weight if best else None, runner_up.weight if runner_up else None), best, runner_up
    )
