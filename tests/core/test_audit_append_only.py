"""The audit trail cannot be changed or deleted, on either backend."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from yteso.core import audit
from yteso.core.db import session_factory, transaction


def test_audit_rows_are_append_only(db):
    sessions = session_factory(db.engine)
    ctx = audit.AuditContext("tester", "admin", None, None, "127.0.0.1")
    with transaction(sessions) as s:
        audit.record(s, ctx, "read", resource_type="Patient", resource_id="x", patient_ids=["x"])
    with pytest.raises(DBAPIError), transaction(sessions) as s:
        s.execute(update(audit.audit_event).values(agent="someone-else"))
    with pytest.raises(DBAPIError), transaction(sessions) as s:
        s.execute(delete(audit.audit_event))
