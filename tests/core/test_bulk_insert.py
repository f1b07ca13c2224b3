"""Bulk inserts (COPY on PostgreSQL, executemany on SQLite) store exactly what they are given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.db import bulk_insert
from yteso.fhir.tables import resource_version

TRICKY = 'Nguyễn\tVăn\nA \\ "Bé" \r ✓ \x01'


def test_documents_and_text_with_escapes_round_trip(db):
    body = {
        "resourceType": "Observation",
        "note": [{"text": TRICKY}],
        "valueQuantity": {"value": 1e-07},
        "flags": [True, False, None],
        "path": "C:\\temp\\n",
    }
    rows = [
        {
            "res_pk": 1,
            "version": 1,
            "res_type": TRICKY[:20],
            "last_updated": datetime(2026, 11, 24, 23, 59, 58, 123456),
            "method": "PUT",
            "content": body,
        },
        {
            "res_pk": 1,
            "version": 2,
            "res_type": "Observation",
            "last_updated": datetime(2026, 11, 25),
            "method": "DELETE",
            "content": None,
        },
    ]
    with db.engine.begin() as conn, Session(bind=conn) as session:
        bulk_insert(session, resource_version, rows)
    with db.engine.connect() as conn:
        got = conn.execute(select(resource_version).order_by(resource_version.c.version)).mappings().all()
    assert [dict(r) for r in got] == rows
