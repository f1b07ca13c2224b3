"""Storage of the master patient index: the review queue and the merges (with what each moved).

Matching itself reads the FHIR store's own search-index tables (see docs/mpi.md), so no copy of
Patient data is kept here that could fall out of step with the store.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Float, Index, Integer, String, Table, UniqueConstraint

from yteso.core.db import BigId, JsonDoc, metadata

mpi_review = Table(
    "mpi_review",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("created", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("patient_id", String(64), nullable=False),
    Column("candidate_id", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("detail", JsonDoc),
    Column("facility", String(16)),
    Column("requested_by", String(128)),
    Column("decided_at", DateTime),
    Column("decided_by", String(128)),
    Column("note", String(1024)),
    Column("merge_id", BigInteger),
    UniqueConstraint("patient_id", "candidate_id", name="uq_mpi_review_pair"),
    Index("ix_mpi_review_status_created", "status", "created"),
)
"""A possible duplicate for an operator: ``patient_id`` (new record) may be ``candidate_id``.
``status``: ``pending``, ``linked`` (merged, ``merge_id``) or ``not_linked``."""

mpi_merge = Table(
    "mpi_merge",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", String(512)),
    Column("merged_at", DateTime, nullable=False),
    Column("merged_by", String(128), nullable=False),
    Column("unmerged_at", DateTime),
    Column("unmerged_by", String(128)),
    Column("source_before", JsonDoc, nullable=False),
    Column("target_before", JsonDoc, nullable=False),
    Index("ix_mpi_merge_source", "source_id", "status"),
    Index("ix_mpi_merge_target", "target_id", "status"),
)
"""Patient ``source_id`` (the duplicate) merged into ``target_id`` (the survivor).
``status``: ``merged`` or ``unmerged``; ``*_before`` keep the Patients' ``active`` and ``link``."""

mpi_merge_moved = Table(
    "mpi_merge_moved",
    metadata,
    Column("merge_id", BigInteger, nullable=False),
    Column("res_type", String(64), nullable=False),
    Column("res_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("paths", JsonDoc, nullable=False),
    Index("ix_mpi_merge_moved_merge", "merge_id"),
)
"""One resource whose references a merge moved: ``paths`` is ``[[path, original, written], ...]``
(``path`` a list of keys and indexes), ``version`` the version the merge wrote."""
