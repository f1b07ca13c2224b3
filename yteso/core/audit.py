"""Audit trail (nhật ký truy cập): every interaction with personal data, append-only.

Rows are written in the caller's transaction, so an audit failure fails the request. The
table refuses UPDATE and DELETE (database triggers, see the migration). It is exposed as FHIR
``AuditEvent`` by :mod:`yteso.fhir.audit_view`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, String, Table, insert
from sqlalchemy.orm import Session

from yteso.core.db import BigId, bulk_insert, metadata

audit_event = Table(
    "audit_event",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("recorded", DateTime, nullable=False),
    Column("agent", String(128), nullable=False),
    Column("role", String(32), nullable=False),
    Column("facility", String(16)),
    Column("patient_id", String(64)),
    Column("action", String(1), nullable=False),
    Column("interaction", String(32), nullable=False),
    Column("resource_type", String(64)),
    Column("resource_id", String(64)),
    Column("outcome", String(2), nullable=False),
    Column("purpose", String(32)),
    Column("client_address", String(64)),
    Column("query", String(1024)),
    Column("request_id", String(64)),
    Index("ix_audit_event_patient_recorded", "patient_id", "recorded"),
    Index("ix_audit_event_agent_recorded", "agent", "recorded"),
    Index("ix_audit_event_facility_recorded", "facility", "recorded"),
    Index("ix_audit_event_recorded", "recorded"),
)

ACTION_BY_INTERACTION = {
    "read": "R",
    "vread": "R",
    "search": "E",
    "history": "R",
    "everything": "E",
    "create": "C",
    "update": "U",
    "delete": "D",
    "transaction": "E",
    "batch": "E",
    "operation": "E",
}
OUTCOME_SUCCESS, OUTCOME_MINOR, OUTCOME_SERIOUS = "0", "4", "8"

# Triggers that make the audit table append-only (installed by the migration).
APPEND_ONLY_SQL = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_event is append-only'; END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    ],
    "sqlite": [
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
        """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    ],
}


@dataclass(frozen=True, slots=True)
class AuditContext:
    """Who is acting, from where and why — attached to every audit row of one request."""

    agent: str
    role: str
    facility: str | None
    purpose: str | None
    client_address: str | None
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class Access:
    """One audited access: what was done to which resource of which patient."""

    interaction: str
    resource_type: str | None = None
    resource_id: str | None = None
    patient_id: str | None = None
    outcome: str = OUTCOME_SUCCESS
    query: str | None = None


def record_many(session: Session, ctx: AuditContext, accesses: Iterable[Access]) -> None:
    """Append one audit row per access, in one statement, in the caller's transaction."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "recorded": now,
            "agent": ctx.agent,
            "role": ctx.role,
            "facility": ctx.facility,
            "patient_id": a.patient_id,
            "action": ACTION_BY_INTERACTION.get(a.interaction, "E"),
            "interaction": a.interaction,
            "resource_type": a.resource_type,
            "resource_id": a.resource_id,
            "outcome": a.outcome,
            "purpose": ctx.purpose,
            "client_address": ctx.client_address,
            "query": a.query[:1024] if a.query else None,
            "request_id": ctx.request_id,
        }
        for a in accesses
    ]
    if len(rows) > 20:
        bulk_insert(session, audit_event, rows)
    elif rows:
        session.execute(insert(audit_event), rows)


def record(
    session: Session,
    ctx: AuditContext,
    interaction: str,
    *,
    resource_type: str | None = None,
    resource_id: str | None = None,
    patient_ids: Iterable[str | None] = (None,),
    outcome: str = OUTCOME_SUCCESS,
    query: str | None = None,
) -> None:
    """Append one audit row per patient touched (one row without patient if none)."""
    patients = sorted(set(patient_ids), key=lambda p: p or "") or [None]
    record_many(session, ctx, [Access(interaction, resource_type, resource_id, p, outcome, query) for p in patients])
