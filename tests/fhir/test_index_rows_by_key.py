"""Re-writing resources replaces their index rows by key, even before PostgreSQL has statistics
(a new database, autovacuum behind): a re-sent batch must not read whole index tables."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from yteso.core.audit import AuditContext
from yteso.core.auth import Caller, Scope
from yteso.core.db import session_factory, transaction
from yteso.fhir.access import AccessPolicy
from yteso.fhir.repository import FhirRepository
from yteso.testing.fhir_factories import patient

_SCANS = (
    "SELECT COALESCE(SUM(seq_scan), 0) FROM pg_stat_user_tables WHERE relname LIKE 'fhir_idx_%' AND schemaname = :s"
)


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)  # a question about PostgreSQL's planner
def test_updates_never_scan_the_index_tables(db):
    sessions = session_factory(db.engine)
    caller = Caller("t", "admin", scopes=(Scope("system", "*", "*"),))
    audit = AuditContext("t", "admin", None, None, None)
    with transaction(sessions) as s:
        repo = FhirRepository(s, AccessPolicy(caller), audit)
        stored = repo.write_many([repo.prepare_create(patient(cccd=f"001090{i:06d}")) for i in range(3000)])
        s.execute(text("SELECT pg_stat_force_next_flush()"))
    with db.engine.connect() as c:
        c.execute(text("SELECT pg_stat_clear_snapshot()"))
        assert c.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'fhir_idx_token'")).scalar() < 0
        scans_before = c.execute(text(_SCANS), {"s": db.schema}).scalar_one()
    with transaction(sessions) as s:
        repo = FhirRepository(s, AccessPolicy(caller), audit)
        changed = [(dict(r.body, gender="female"), None) for r in stored[:40]]
        repo.write_many(repo.prepare_upserts(changed))
        s.execute(text("SELECT pg_stat_force_next_flush()"))
    with db.engine.connect() as c:
        c.execute(text("SELECT pg_stat_clear_snapshot()"))
        assert c.execute(text(_SCANS), {"s": db.schema}).scalar_one() == scans_before
        female = c.execute(text("SELECT count(*) FROM fhir_idx_token WHERE code = 'female'")).scalar_one()
    assert female == 40


def test_current_rows_finds_existing_keys_whatever_the_ids_hold(db):
    sessions = session_factory(db.engine)
    caller = Caller("t", "admin", scopes=(Scope("system", "*", "*"),))
    with transaction(sessions) as s:
        repo = FhirRepository(s, AccessPolicy(caller), AuditContext("t", "admin", None, None, None))
        stored = repo.write_many([repo.prepare_create(patient(cccd=f"001091{i:06d}")) for i in range(3)])
        ids = [r.res_id for r in stored]
        keys = [("Patient", i) for i in ids] + [("Patient", "missing"), ("Observation", ids[0])]
        assert set(repo.current_rows(keys)) == {("Patient", i) for i in ids}
        # an id with the separator of the joined-string form (not a valid FHIR id) takes the plain form
        assert set(repo.current_rows([*keys, ("Patient", "a,b")])) == {("Patient", i) for i in ids}
