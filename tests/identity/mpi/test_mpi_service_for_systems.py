"""The MPI functions other systems use in bulk: queue a review once, match plain fields, follow merges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select

from yteso.core.db import session_factory, transaction
from yteso.fhir.service import system_context
from yteso.identity.mpi import service as mpi
from yteso.identity.mpi.tables import mpi_merge, mpi_review

from .conftest import as_patient


def _count(session) -> int:
    return int(session.execute(select(func.count()).select_from(mpi_review)).scalar_one())


def test_a_pair_is_queued_once(db):
    sessions = session_factory(db.engine)
    with transaction(sessions) as s:
        first = mpi.queue_review(s, "p1", "c1", 0.8, {"name": {"level": "exact"}}, facility="01001", requested_by="x")
        again = mpi.queue_review(s, "p1", "c1", 0.7, None, facility="79001", requested_by="y")
        other = mpi.queue_review(s, "p1", "c2", 0.6, None, facility=None, requested_by="x")
        assert first == again != other and _count(s) == 2
    with transaction(sessions) as s:  # in a later transaction too, and a decided pair stays decided
        s.execute(mpi_review.update().where(mpi_review.c.id == first).values(status="not_linked"))
        assert mpi.queue_review(s, "p1", "c1", 0.9, None, facility=None, requested_by="x") == first
        row = s.execute(select(mpi_review).where(mpi_review.c.id == first)).one()
        assert (row.status, row.score, row.facility, row.requested_by) == ("not_linked", 0.8, "01001", "x")
        assert _count(s) == 2


def test_match_person_bands_and_exclusion(db, citizens):
    settings = db.settings()
    sessions = session_factory(db.engine)
    c = citizens[0]
    with transaction(sessions) as s:
        repo = system_context(s, settings, agent="test").repo
        pid = repo.create(as_patient(c)).res_id
    fields = {"full_name": c["full_name"], "birth_date": c["birth_date"], "sex": c["sex"], "phone": c["phone"]}
    with transaction(sessions) as s:
        repo = system_context(s, settings, agent="test").repo
        found = mpi.match_person(repo, **fields)
        assert (found.band, found.candidate_id) == (mpi.LINK, pid) and found.score and found.score > 0.99
        assert found.detail and found.detail["name"]["level"] == "exact"
        assert mpi.match_person(repo, **fields, exclude=[pid]).band == mpi.NO_LINK
        assert mpi.match_person(repo, full_name=None, birth_date=None, sex=None) == mpi.Suggestion(mpi.NO_LINK)


def test_survivors_follow_later_merges(db):
    sessions = session_factory(db.engine)
    now = datetime(2026, 1, 1)
    with transaction(sessions) as s:
        for source, target, status in (("a", "b", "merged"), ("b", "c", "merged"), ("d", "e", "unmerged")):
            row = {"source_id": source, "target_id": target, "status": status, "merged_at": now, "merged_by": "t"}
            s.execute(insert(mpi_merge).values(**row, source_before={}, target_before={}))
        assert mpi.survivors(s, ["a", "b", "c", "d", "x"]) == {"a": "c", "b": "c"}
        assert mpi.survivors(s, []) == {}
