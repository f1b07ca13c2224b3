"""``yteso demo load``: reproducible synthetic data — catalogs, facilities, practitioners, drugs and devices,
citizens with their BHYT cards, visits and consents.

Everything comes from ``random.Random(seed)`` and the synthetic population of
:mod:`yteso.identity.population.generate`; resources get ids derived from natural keys and are
stored through the same idempotent upsert as the registry imports, so loading twice creates nothing
the second time. Visits are written as the facility that produced them (the store's ``facility``
column), so what a facility token may read is visible in the demo: its own visits, and another
facility's only with the patient's Consent.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from yteso.demo import clinical
from yteso.demo.data import generate
from yteso.demo.facilities import DemoFacility
from yteso.fhir.service import system_context
from yteso.registries import systems
from yteso.registries.catalogs.tables import concept
from yteso.registries.csvfile import CsvRow
from yteso.registries.facilities.kind import FacilitiesKind
from yteso.registries.importer import RecordKind
from yteso.registries.practitioners.fhir import practitioner_key
from yteso.registries.practitioners.kind import PractitionersKind
from yteso.registries.products.kind import DevicesKind, MedicationsKind
from yteso.registries.service import bundled_file, import_file
from yteso.registries.upsert import Key, Planned, UpsertResult, find_existing, upsert
from yteso.settings import Settings

AGENT = "demo-loader"
CHUNK = 50
"""Citizens per transaction."""
CATALOGS = (
    ("icd10", "icd10"),
    ("provinces", "provinces"),
    ("provinces", "provinces-2025"),
    ("admin-units", "admin-units"),
)
"""(import kind, shipped file) of the catalogs the demo loads."""


def load_demo(
    sessions: sessionmaker[Session],
    *,
    seed: int,
    citizens: int,
    facilities: int,
    progress: Callable[[int], None] | None = None,
    settings: Settings | None = None,
    catalogs: bool = True,
) -> dict[str, int]:
    """Load the demo; returns how many of each thing the demo holds, and ``written`` (resources
    created or updated by this run: 0 when the same demo is loaded again)."""
    settings = settings or Settings()
    tick = progress or (lambda _n: None)
    counts: Counter[str] = Counter()
    written = 0
    if catalogs:
        for kind, bundled in CATALOGS:
            report = import_file(kind, bundled_file(bundled), sessions, settings)
            written += sum(report.created.values()) + sum(report.updated.values())
        counts["catalogs"] = len(CATALOGS)
    data = generate(seed, citizens, facilities)
    rng, people = data.rng, data.people
    with sessions() as session, session.begin():
        written += _registry(session, settings, FacilitiesKind(), [f.row for f in data.facilities])
        written += _registry(session, settings, PractitionersKind(), data.practitioners)
        written += _registry(session, settings, MedicationsKind(), data.medications)
        written += _registry(session, settings, DevicesKind(), data.devices)
        staff = _staff(session, settings, data.practitioners)
        displays = _displays(session)
    counts["facilities"] = len(data.facilities)
    counts["practitioners"] = len(data.practitioners)
    counts["medications"], counts["devices"] = len(data.medications), len(data.devices)
    for start in range(0, len(people), CHUNK):
        chunk = people[start : start + CHUNK]
        with sessions() as session, session.begin():
            written += _citizens(session, settings, rng, chunk, data.facilities, staff, displays, counts)
        tick(len(chunk))
    counts["written"] = written
    return dict(counts)


def _registry(session: Session, settings: Settings, kind: RecordKind, rows: list[dict[str, str]]) -> int:
    """Validate generated rows exactly as an imported file's, then upsert them."""
    ctx = system_context(session, settings, agent=f"{AGENT}:{kind.name}")
    records = [(i, kind.record(CsvRow(i, values))) for i, values in enumerate(rows, start=2)]
    plans = [p for i, record in records for p in kind.plans(record, i)]
    refs = [k for _i, record in records for k in kind.references(record)]
    result = upsert(ctx, plans, references=refs)
    _raise_failures(result)
    return sum(result.created.values()) + sum(result.updated.values())


def _raise_failures(result: UpsertResult) -> None:
    if result.failed:
        row, exc = next(iter(result.failed.items()))
        raise RuntimeError(f"demo data refused by the store (row {row}): {exc.message_en}") from exc


def _staff(session: Session, settings: Settings, rows: list[dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Facility code → its practitioners (id, name), ids as stored."""
    ctx = system_context(session, settings, agent=AGENT)
    found = find_existing(ctx, [practitioner_key(r["SO_CCHN"]) for r in rows])
    staff: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        hits = found.get(practitioner_key(r["SO_CCHN"]))
        if hits:
            staff[r["MA_CSKCB"]].append((hits[0][0], r["HO_TEN"]))
    return staff


def _displays(session: Session) -> dict[str, str]:
    codes = [d[0] for d in clinical.DIAGNOSES]
    rows = session.execute(
        select(concept.c.code, concept.c.display).where(concept.c.system == systems.ICD10_VN, concept.c.code.in_(codes))
    )
    return {code: display for code, display in rows}


def _citizens(
    session: Session,
    settings: Settings,
    rng: random.Random,
    people: list[clinical.Citizen],
    facilities: list[DemoFacility],
    staff: dict[str, list[tuple[str, str]]],
    displays: dict[str, str],
    counts: Counter[str],
) -> int:
    """Patients, Coverages and Consents (written by the platform) and visits (written by each facility)."""
    clinics = [f for f in facilities if f.type != "NT"]
    personal: list[Planned] = []
    by_facility: dict[str, list[Planned]] = defaultdict(list)
    for n, c in enumerate(people):
        card = clinical.bhyt_card(rng, c)
        home = [f for f in clinics if f.province == c.province]
        primary = next((f for f in home if f.type in ("TYT", "TTYT")), home[0] if home else None)
        personal.append(_plan(clinical.patient(c, card) | {"id": c.patient_id}, n))
        personal.append(_plan(clinical.coverage(c, card, (primary.code, primary.name) if primary else None), n))
        counts["patients"] += 1
        counts["coverages"] += 1
        visited: set[str] = set()
        for index in range(rng.choices((0, 1, 2, 3), (10, 40, 35, 15))[0] if clinics else 0):
            f = rng.choices(clinics, [5 if f.province == c.province else 1 for f in clinics])[0]
            team = staff.get(f.code) or []
            doctor = team[index % len(team)] if team else None
            ma_lk = f"{f.code}{c.cccd[-6:]}{index:02d}"
            v = clinical.visit(rng, c, index, (f.code, f.name), doctor, displays, ma_lk)
            by_facility[f.code] += [_plan(r, n) for r in v.resources]
            visited.add(f.code)
            counts["encounters"] += 1
            counts["conditions"] += 1
            counts["observations"] += len(v.resources) - 2
        others = [f for f in clinics if f.code not in visited]
        if visited and others and rng.random() < 0.1:
            target = others[rng.randrange(len(others))]
            personal.append(_plan(clinical.consent(c, (target.code, target.name), clinical.AS_OF), n))
            counts["consents"] += 1
    written = _store(session, settings, None, personal)
    for code, plans in by_facility.items():
        written += _store(session, settings, code, plans)
    return written


def _plan(body: dict[str, Any], owner: int) -> Planned:
    return Planned(Key(body["resourceType"], "_id", body["id"]), body["id"], lambda _r: dict(body), owner)


def _store(session: Session, settings: Settings, facility: str | None, plans: list[Planned]) -> int:
    ctx = system_context(session, settings, agent=AGENT, facility=facility)
    result = upsert(ctx, plans)
    _raise_failures(result)
    return sum(result.created.values()) + sum(result.updated.values())
