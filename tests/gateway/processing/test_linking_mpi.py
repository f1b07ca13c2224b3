"""Linking a dossier's patient through the master patient index: CCCD first, then the card, then
matching; unlinked dossiers are stored on a provisional Patient and the doubtful ones queued for review."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select

from yteso.core.audit import AuditContext
from yteso.core.auth import Caller
from yteso.core.db import session_factory, transaction
from yteso.core.ids import CCCD_SYSTEM
from yteso.fhir.service import system_context
from yteso.gateway.mapping import demographics
from yteso.gateway.processing.linking import link_patients, provisional_id
from yteso.gateway.processing.service import AGENT, process_many
from yteso.gateway.service import receive
from yteso.gateway.tables import dossier
from yteso.gateway.xml4750 import Dossier, badinput
from yteso.gateway.xml4750.generate import build_envelope, generate_dossiers
from yteso.identity.mpi import service as mpi
from yteso.identity.mpi.tables import mpi_review

FACILITY = "01001"


@pytest.fixture
def gw(db):
    return Gateway(db)


class Gateway:
    """Receive and store envelopes directly (no HTTP, no queue), and look at what was stored."""

    def __init__(self, db: Any) -> None:
        self.settings = db.settings()
        self.sessions = session_factory(db.engine)

    def send(self, dossiers: list[dict[str, Any]]) -> list[Any]:
        with transaction(self.sessions) as s:
            got = receive(
                s, build_envelope(FACILITY, dossiers), facility=None, source_kind="test", sender="t", max_bytes=10**7
            )
        assert len(got.queued) == len(dossiers), got.dossiers
        outcomes = process_many(self.sessions, self.settings, got.queued)
        assert [o.state for o in outcomes] == ["accepted"] * len(dossiers), outcomes
        with self.sessions() as s:
            return list(
                s.execute(
                    select(dossier.c.patient_id, dossier.c.link_status)
                    .where(dossier.c.pk.in_(got.queued))
                    .order_by(dossier.c.pk)
                ).all()
            )

    def citizen(self, xml1: dict[str, str], **changes: Any) -> str:
        """A stored Patient (with a CCCD) described like the dossier's XML1, with ``changes``."""
        name = xml1["HO_TEN"]
        born = xml1["NGAY_SINH"]
        body: dict[str, Any] = {
            "resourceType": "Patient",
            "identifier": [{"system": CCCD_SYSTEM, "value": xml1["SO_CCCD"]}],
            "name": [{"use": "official", "text": name, "family": name.split()[0], "given": name.split()[1:]}],
            "gender": "male" if xml1["GIOI_TINH"] == "1" else "female",
            "birthDate": f"{born[:4]}-{born[4:6]}-{born[6:8]}",
            "telecom": [{"system": "phone", "value": xml1["DIEN_THOAI"]}],
        }
        body.update(changes)
        with transaction(self.sessions) as s:
            return system_context(s, self.settings, agent="test").repo.create(body).res_id

    def reviews(self) -> list[Any]:
        with self.sessions() as s:
            return list(s.execute(select(mpi_review).order_by(mpi_review.c.id)).all())

    def patients(self) -> int:
        from yteso.fhir.tables import resource

        with self.sessions() as s:
            return int(s.execute(select(func.count()).where(resource.c.res_type == "Patient")).scalar_one())


def _xml1(d: dict[str, Any]) -> dict[str, str]:
    return d["XML1"][0]


def _no_cccd(d: dict[str, Any]) -> dict[str, Any]:
    return badinput.without_field(d, "XML1", "SO_CCCD")


def _other_day(xml1: dict[str, str]) -> str:
    """The birth date with the day changed (same year and month): one part of the date differs."""
    born = xml1["NGAY_SINH"]
    day = int(born[6:8]) % 27 + 1
    return f"{born[:4]}-{born[4:6]}-{day:02d}"


def test_a_clear_match_is_linked_to_the_citizen(gw):
    d = generate_dossiers(FACILITY, 1, seed=31)[0]
    citizen = gw.citizen(_xml1(d))
    [(patient, status)] = gw.send([_no_cccd(d)])
    assert (patient, status) == (citizen, "matched")
    assert gw.patients() == 1  # no provisional Patient was made
    assert gw.reviews() == []
    again = gw.send([_no_cccd(d)])  # a re-send links the same way
    assert again == [(citizen, "matched")]


def test_a_borderline_match_is_stored_provisionally_and_queued_once(gw):
    d = generate_dossiers(FACILITY, 1, seed=32)[0]
    xml1 = _xml1(d)
    # same name and sex, birth date one part off, no phone: likely but not certain
    citizen = gw.citizen(xml1, birthDate=_other_day(xml1), telecom=[])
    sent = _no_cccd(d)
    [(patient, status)] = gw.send([sent])
    own = provisional_id(FACILITY, xml1["MA_BN"])
    assert (patient, status) == (own, "review")
    [review] = gw.reviews()
    assert (review.patient_id, review.candidate_id, review.status) == (own, citizen, "pending")
    assert (review.facility, review.requested_by) == (FACILITY, AGENT)
    assert 0.5 <= review.score < 0.99 and review.detail["birth_date"]["level"] == "one_part_differs"

    # re-sent (the provisional Patient now exists and carries the card): same Patient, still one review
    assert gw.send([sent]) == [(own, "review")]
    assert gw.send([sent, _same_person(sent, generate_dossiers(FACILITY, 1, seed=33)[0])]) == [(own, "review")] * 2
    assert len(gw.reviews()) == 1
    assert gw.patients() == 2

    # the operator says it is the citizen: the dossier's next re-send goes to the citizen
    with gw.sessions() as s, s.begin():
        officer = Caller("officer-1", "officer")
        actor = AuditContext("officer-1", "officer", None, None, None)
        mpi.decide_review(s, gw.settings, officer, actor, review.id, "link")
    assert gw.send([sent]) == [(citizen, "matched")]
    assert len(gw.reviews()) == 1


def _same_person(first: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Another visit (other MA_LK) of the patient of ``first``, same facility patient code."""
    changed = copy.deepcopy(_no_cccd(other))
    for field in ("MA_BN", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "DIEN_THOAI"):
        _xml1(changed)[field] = _xml1(first)[field]
    return changed


def test_nobody_like_them_gives_a_provisional_patient_to_review(gw):
    d, stranger = generate_dossiers(FACILITY, 2, seed=34)
    gw.citizen(_xml1(stranger))
    [(patient, status)] = gw.send([_no_cccd(d)])
    assert (patient, status) == (provisional_id(FACILITY, _xml1(d)["MA_BN"]), "review")
    assert gw.reviews() == []
    assert gw.send([_no_cccd(d)]) == [(patient, "review")]
    assert gw.patients() == 2


def test_a_dossier_with_a_cccd_never_triggers_matching(gw, monkeypatch):
    d = generate_dossiers(FACILITY, 2, seed=35)
    citizen = gw.citizen(_xml1(d[0]))

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("matching ran for a dossier with a CCCD")

    monkeypatch.setattr(mpi, "match_person", refuse)
    [first, second] = gw.send(d)
    assert first == (citizen, "cccd") and second.link_status == "new"
    assert gw.reviews() == []


@contextmanager
def _statements(engine: Any) -> Iterator[list[str]]:
    """The queries sent to the database inside the block (not the planner settings of ``by_key``)."""
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # SQLite's lazy BEGIN IMMEDIATE of the transaction; PostgreSQL's key-lookup guard
        if not statement.startswith(("BEGIN", "SET LOCAL")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_linking_costs_one_query_when_every_dossier_has_a_cccd(gw, db):
    generated = generate_dossiers(FACILITY, 40, seed=36)
    requests = [(demographics(_dossier(d)), FACILITY, _xml1(d)["MA_BN"]) for d in generated]
    without = [(demographics(_dossier(_no_cccd(d))), FACILITY, _xml1(d)["MA_BN"]) for d in generated[:3]]
    with gw.sessions() as s, s.begin():
        repo = system_context(s, gw.settings, agent=AGENT).repo
        with _statements(db.engine) as seen:
            links = link_patients(repo, requests)
        assert len(links) == 40 and {link.status for link in links} == {"new"}
        assert len(seen) == 1, seen
        with _statements(db.engine) as seen:
            links = link_patients(repo, requests + without)
        assert [link.status for link in links[40:]] == ["review"] * 3
        # the CCCDs; then for the three without: their provisional Patients, their cards (none found,
        # so no merge lookup) and one blocking query each
        assert len(seen) == 1 + 2 + 3, seen


def _dossier(d: dict[str, Any]) -> Dossier:
    return Dossier(index=1, facility_code=FACILITY, tables={k: v for k, v in d.items() if isinstance(v, list)})
