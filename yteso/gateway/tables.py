"""Storage of the gateway: receipts (one per received envelope) and their dossiers."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table

from yteso.core.db import BigId, JsonDoc, JsonText, metadata

receipt = Table(
    "gateway_receipt",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("facility", String(16), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("source", String(16), nullable=False),
    Column("dossier_count", Integer, nullable=False),
    Column("sender", String(128)),
    Column("notes", JsonDoc),
    Index("ix_gateway_receipt_facility_received", "facility", "received_at"),
)
"""One received GIAMDINHHS envelope (biên nhận)."""

dossier = Table(
    "gateway_dossier",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("receipt_id", String(36), nullable=False),
    Column("position", Integer, nullable=False),
    Column("facility", String(16), nullable=False),
    Column("ma_lk", String(100)),
    Column("state", String(16), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("processed_at", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("payload", JsonText()),
    Column("errors", JsonDoc),
    Column("patient_id", String(64)),
    Column("link_status", String(16)),
    Column("resources", JsonDoc),
    Index("ix_gateway_dossier_receipt", "receipt_id", "position", unique=True),
    Index("ix_gateway_dossier_state", "state", "pk"),
    Index("ix_gateway_dossier_facility_received", "facility", "received_at"),
    Index("ix_gateway_dossier_visit", "facility", "ma_lk"),
)
"""One dossier (hồ sơ, one MA_LK): ``queued`` → ``accepted`` | ``rejected``.

``payload`` keeps the parsed tables only until the dossier is stored; ``resources`` lists the
FHIR resources it produced (so a re-send can retire what is no longer there).
"""

QUEUED, ACCEPTED, REJECTED = "queued", "accepted", "rejected"
