"""``yteso fhir reindex`` rebuilds the search indexes and resumes after an interruption."""

from __future__ import annotations

import contextlib

from sqlalchemy import delete, func, select

from yteso.core.audit import AuditContext
from yteso.core.auth import Caller, Scope
from yteso.core.db import session_factory, transaction
from yteso.fhir import reindex as rx
from yteso.fhir.access import AccessPolicy
from yteso.fhir.repository import FhirRepository
from yteso.fhir.tables import INDEX_TABLES, idx_token
from yteso.testing.fhir_factories import patient


def _index_rows(sessions):
    with sessions() as s:
        return sum(s.execute(select(func.count()).select_from(t)).scalar_one() for t in INDEX_TABLES.values())


def test_reindex_rebuilds_lost_rows_and_resumes(db):
    sessions = session_factory(db.engine)
    caller = Caller("t", "admin", scopes=(Scope("system", "*", "*"),))
    with transaction(sessions) as s:
        repo = FhirRepository(s, AccessPolicy(caller), AuditContext("t", "admin", None, None, None))
        repo.write_many([repo.prepare_create(patient(cccd=f"0010900000{i:02d}")) for i in range(25)])
    before = _index_rows(sessions)
    with transaction(sessions) as s:
        s.execute(delete(idx_token))
    assert _index_rows(sessions) < before

    calls = []

    def stop_after_first(n):
        calls.append(n)
        if len(calls) == 1:
            raise KeyboardInterrupt

    with contextlib.suppress(KeyboardInterrupt):
        rx.reindex(sessions, batch=10, progress=stop_after_first)
    last, left = rx.pending(sessions)
    assert last > 0 and left == 15
    assert rx.reindex(sessions, batch=10) == 15
    assert _index_rows(sessions) == before
    assert rx.pending(sessions) == (0, 25)
