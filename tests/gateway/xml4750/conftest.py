"""Fixtures of the XML 4750 tests: generated dossiers and one-call checks.

Test modules run with ``--import-mode=importlib``, so helpers are handed out as fixtures.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from yteso.gateway.xml4750 import DossierError, EnvelopeValidator, parse_envelope
from yteso.gateway.xml4750.generate import GeneratedDossier, build_envelope, generate_dossiers

FACILITY = "01001"
ALL_OPTIONAL = ("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML11", "XML13", "XML14")

_cache: dict[tuple[tuple[str, ...], int, int], list[GeneratedDossier]] = {}


def dossiers(
    tables: Iterable[str] = ("XML1", "XML2", "XML3", "XML4"), n: int = 1, seed: int = 1
) -> list[GeneratedDossier]:
    """Generated dossiers (deep copies, safe to change)."""
    key = (tuple(tables), n, seed)
    if key not in _cache:
        _cache[key] = generate_dossiers(FACILITY, n, seed=seed, tables=key[0])
    return copy.deepcopy(_cache[key])


def check_all(items: Iterable[Mapping[str, object]], facility: str = FACILITY) -> list[list[DossierError]]:
    """Wrap dossiers in an envelope, read it back and validate: the errors of each dossier."""
    parsed = parse_envelope(build_envelope(facility, items))  # type: ignore[arg-type]
    checker = EnvelopeValidator(parsed.header)
    return [checker.check(d) for d in parsed.dossiers]


def check(dossier: Mapping[str, object]) -> list[DossierError]:
    """Errors of one dossier sent alone."""
    return check_all([dossier])[0]


def rules(errors: Iterable[DossierError]) -> set[tuple[str, str | None, str]]:
    """(table, field, rule) of each error, for compact assertions."""
    return {(e.table, e.field, e.rule) for e in errors}


Dossiers = Callable[..., list[GeneratedDossier]]
Check = Callable[[Mapping[str, Any]], list[DossierError]]


@pytest.fixture(name="dossiers")
def dossiers_fixture() -> Dossiers:
    """``dossiers(tables=..., n=1, seed=1)``: generated dossiers, deep copies."""
    return dossiers


@pytest.fixture(name="check")
def check_fixture() -> Check:
    """``check(dossier)``: the errors of one dossier sent alone in an envelope."""
    return check


@pytest.fixture(name="check_all")
def check_all_fixture() -> Callable[..., list[list[DossierError]]]:
    """``check_all([dossier, ...])``: the errors of each dossier of one envelope."""
    return check_all


@pytest.fixture(name="rules")
def rules_fixture() -> Callable[[Iterable[DossierError]], set[tuple[str, str | None, str]]]:
    """``rules(errors)``: the (table, field, rule) of each error."""
    return rules


@pytest.fixture
def good() -> GeneratedDossier:
    """One valid dossier with XML1-XML4."""
    return dossiers()[0]


@pytest.fixture
def full() -> GeneratedDossier:
    """One valid inpatient dossier with every optional table but XML9."""
    return dossiers(ALL_OPTIONAL, seed=2)[0]
