"""Storage of the administrative-procedure system (hệ thống giải quyết TTHC).

The procedure *types* are definition files (``procedures/*.yaml``); these tables hold the
*instances*: dossiers (hồ sơ), their event history (the process-control slip), documents of
the electronic data store (Kho dữ liệu điện tử), payments, the portal outbox, the holiday
table and the staff of each unit.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from yteso.core.db import BigId, JsonDoc, metadata

dossier = Table(
    "svc_dossier",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("procedure_code", String(32), nullable=False),
    Column("procedure_version", Integer, nullable=False),
    Column("unit_code", String(16), nullable=False),
    Column("applicant_kind", String(10), nullable=False),
    Column("applicant_id", String(20), nullable=False),
    Column("applicant_cccd", String(12)),
    Column("applicant_name", String(255)),
    Column("submitted_by", String(128), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("status", String(24), nullable=False),
    Column("step", String(40)),
    Column("step_due_at", DateTime),
    Column("assignee", String(128)),
    Column("decision", String(10)),
    Column("decision_reason", Text),
    Column("form", JsonDoc, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("received_at", DateTime),
    Column("due_at", DateTime),
    Column("decided_at", DateTime),
    Column("returned_at", DateTime),
    Column("closed_at", DateTime),
    Column("suspended_at", DateTime),
    Column("suspended_days", Integer, nullable=False, default=0),
    Column("supplement_rounds", Integer, nullable=False, default=0),
    Column("supplement_due_at", DateTime),
    Column("fee_vnd", BigInteger, nullable=False, default=0),
    Column("paid_at", DateTime),
    Column("paid_online", Boolean),
    Column("result_document_pk", BigInteger),
    Column("warned_at", DateTime),
    Column("escalated_at", DateTime),
    Column("promised_at", DateTime),
    Column("fields_total", Integer, nullable=False, default=0),
    Column("fields_prefilled", Integer, nullable=False, default=0),
    Column("docs_total", Integer, nullable=False, default=0),
    Column("docs_reused", Integer, nullable=False, default=0),
    Column("rating", Integer),
    Column("rating_comment", String(1000)),
    Column("rated_at", DateTime),
    Column("links", JsonDoc, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Index("ix_svc_dossier_unit_status_due", "unit_code", "status", "due_at"),
    Index("ix_svc_dossier_applicant", "applicant_id", "submitted_at"),
    Index("ix_svc_dossier_procedure_received", "procedure_code", "received_at"),
    Index("ix_svc_dossier_status_due", "status", "due_at"),
)
"""One dossier (hồ sơ TTHC): who applied for what, where it stands, its clock and its measures."""

dossier_event = Table(
    "svc_dossier_event",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("dossier_pk", BigInteger, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(128), nullable=False),
    Column("actor_role", String(24), nullable=False),
    Column("action", String(32), nullable=False),
    Column("from_status", String(24)),
    Column("to_status", String(24), nullable=False),
    Column("step", String(40)),
    Column("note", Text),
    Column("data", JsonDoc),
    Index("ix_svc_dossier_event_dossier", "dossier_pk", "pk"),
)
"""Every action on a dossier, in order: the process-control slip (phiếu kiểm soát quá trình)."""

document = Table(
    "svc_document",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("owner_kind", String(10), nullable=False),
    Column("owner_id", String(20), nullable=False),
    Column("doc_type", String(40), nullable=False),
    Column("title", String(255), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary),
    Column("path", String(500)),
    Column("source", String(12), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("uploaded_by", String(128), nullable=False),
    Column("number", String(64)),
    Column("issuer", String(255)),
    Column("issued_at", DateTime),
    Column("valid_until", DateTime),
    Column("origin_dossier_pk", BigInteger),
    Column("first_dossier_pk", BigInteger),
    Index("ix_svc_document_owner_type", "owner_kind", "owner_id", "doc_type"),
)
"""A document of the electronic data store (Kho dữ liệu điện tử) of a person or organisation:
uploads, results and documents obtained from other systems, kept for reuse."""

dossier_document = Table(
    "svc_dossier_document",
    metadata,
    Column("dossier_pk", BigInteger, nullable=False),
    Column("document_pk", BigInteger, nullable=False),
    Column("requirement", String(40), nullable=False),
    Column("reused", Boolean, nullable=False),
    Column("round", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("dossier_pk", "document_pk", "requirement", name="pk_svc_dossier_document"),
)
"""Which stored document answers which required component (thành phần hồ sơ) of a dossier."""

payment = Table(
    "svc_payment",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("fee_code", String(64), nullable=False, unique=True),
    Column("dossier_pk", BigInteger, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False),
    Column("status", String(12), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("gateway_ref", String(128)),
    Column("pay_url", String(1000)),
    Column("created_at", DateTime, nullable=False),
    Column("paid_at", DateTime),
    Column("transaction_id", String(128)),
    Index("ix_svc_payment_dossier", "dossier_pk"),
)
"""One fee payment, identified by its fee identifier (mã định danh khoản thu)."""

payment_callback = Table(
    "svc_payment_callback",
    metadata,
    Column("transaction_id", String(128), primary_key=True),
    Column("fee_code", String(64), nullable=False),
    Column("nonce", String(128), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("outcome", String(24), nullable=False),
)
"""Each gateway transaction once (``transaction_id``): a repeated callback is answered without effect."""

outbox = Table(
    "svc_outbox",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("target", String(16), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("dossier_code", String(40), nullable=False),
    Column("payload", JsonDoc, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("state", String(10), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("claimed_until", DateTime),
    Column("claim_token", String(32)),
    Column("delivered_at", DateTime),
    Column("last_error", String(1000)),
    Index("ix_svc_outbox_state_pk", "state", "pk"),
    Index("ix_svc_outbox_dossier", "dossier_code", "pk"),
)
"""Messages to external systems (the national portal, the justice service), written in the same
transaction as the change they report and delivered by a worker, in order per dossier."""

holiday = Table(
    "svc_holiday",
    metadata,
    Column("day", Date, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("is_working", Boolean, nullable=False, default=False),
    Column("source", String(10), nullable=False),
)
"""Days that differ from the Monday-Friday week: public holidays (nghỉ lễ, tết) and compensatory
days off, or weekend days declared working days (làm bù). Editable by an operator."""

staff = Table(
    "svc_staff",
    metadata,
    Column("subject", String(128), primary_key=True),
    Column("unit_code", String(16), nullable=False),
    Column("positions", String(200), nullable=False),
    Column("name", String(200)),
)
"""Officers of each unit and their positions (clerk, specialist, head, leader)."""

counter = Table(
    "svc_counter",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
"""Sequence numbers: dossier codes per unit and day, result numbers per procedure and year."""

profile = Table(
    "svc_profile",
    metadata,
    Column("owner_kind", String(10), nullable=False),
    Column("owner_id", String(20), nullable=False),
    Column("data", JsonDoc, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    PrimaryKeyConstraint("owner_kind", "owner_id", name="pk_svc_profile"),
)
"""The data part of a person's or organisation's data store: values known from national
databases and from earlier dossiers, offered to prefill the next form."""

TABLES = (
    dossier,
    dossier_event,
    document,
    dossier_document,
    payment,
    payment_callback,
    outbox,
    holiday,
    staff,
    counter,
    profile,
)
