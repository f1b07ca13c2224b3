"""Storage of FHIR resources: one row per resource, every version's body, typed search indexes.

How a search uses these tables is described in docs/fhir-storage.md.
"""

from __future__ import annotations

import zlib
from functools import cache

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.sql.elements import ColumnElement

from yteso.core.db import BigId, JsonText, metadata

resource = Table(
    "fhir_resource",
    metadata,
    Column("pk", BigId, primary_key=True, autoincrement=True),
    Column("res_type", String(64), nullable=False),
    Column("res_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("last_updated", DateTime, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("patient_id", String(64)),
    Column("facility", String(16)),
    UniqueConstraint("res_type", "res_id", name="uq_fhir_resource_type_id"),
    Index("ix_fhir_resource_type_updated", "res_type", "last_updated"),
    Index("ix_fhir_resource_patient_facility", "patient_id", "facility"),
)
"""Current state of each resource: version, compartment (patient), producing facility (MA_CSKCB)."""

resource_version = Table(
    "fhir_resource_version",
    metadata,
    Column("res_pk", BigInteger, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("res_type", String(64), nullable=False),
    Column("last_updated", DateTime, nullable=False),
    Column("method", String(8), nullable=False),
    Column("content", JsonText()),
    Index("ix_fhir_resource_version_type_updated", "res_type", "last_updated"),
)
"""Every version's body (the current one included); a delete is a version with no content."""


@cache  # called for every parameter of every resource written; the parameters are a fixed set
def param_id(res_type: str, code: str) -> int:
    """The key under which the index rows of search parameter ``res_type.code`` are stored:
    the CRC-32 of ``"Type.code"`` in 31 bits. One small integer column instead of two strings makes
    every index row and its lookup key smaller; no two parameters of ours share a key (a test checks
    every definition)."""
    return zlib.crc32(f"{res_type}.{code}".encode()) & 0x7FFFFFFF


def param_rows(t: Table, res_type: str, *codes: str) -> ColumnElement[bool]:
    """Rows of index table ``t`` holding the values of ``res_type``'s parameter(s) ``codes``."""
    ids = [param_id(res_type, code) for code in codes]
    return t.c.param_id == ids[0] if len(ids) == 1 else t.c.param_id.in_(ids)


def _index_table(name: str, *value_columns: Column[object], value_index: tuple[str, ...]) -> Table:
    return Table(
        name,
        metadata,
        Column("res_pk", BigInteger, nullable=False),
        Column("param_id", Integer, nullable=False),
        *value_columns,
        Index(f"ix_{name}_lookup", "param_id", *value_index),
        Index(f"ix_{name}_res", "res_pk"),
    )


idx_token = _index_table(
    "fhir_idx_token",
    Column("system", String(255)),
    Column("code", String(255)),
    value_index=("code", "system"),
)
# Byte-order collation so that a prefix search is a plain index range scan on PostgreSQL too.
_Folded = String(255).with_variant(String(255, collation="C"), "postgresql")
idx_string = _index_table(
    "fhir_idx_string",
    Column("value", _Folded, nullable=False),
    Column("exact", String(255), nullable=False),
    value_index=("value",),
)
idx_date = _index_table(
    "fhir_idx_date",
    Column("low", BigInteger, nullable=False),
    Column("high", BigInteger, nullable=False),
    # bit length of (high - low): a bounded date search probes each span class with a bounded
    # range on ``low`` instead of scanning every earlier value (docs/fhir-storage.md)
    Column("span", SmallInteger, nullable=False),
    value_index=("span", "low", "high"),
)
idx_reference = _index_table(
    "fhir_idx_reference",
    Column("target_type", String(64)),
    Column("target_id", String(64)),
    Column("url", String(512), nullable=False),
    value_index=("target_id", "target_type"),
)
idx_number = _index_table("fhir_idx_number", Column("value", Float, nullable=False), value_index=("value",))
idx_quantity = _index_table(
    "fhir_idx_quantity",
    Column("value", Float, nullable=False),
    Column("system", String(255)),
    Column("code", String(64)),
    value_index=("value",),
)
idx_uri = _index_table("fhir_idx_uri", Column("value", String(512), nullable=False), value_index=("value",))

INDEX_TABLES: dict[str, Table] = {
    "token": idx_token,
    "string": idx_string,
    "date": idx_date,
    "reference": idx_reference,
    "number": idx_number,
    "quantity": idx_quantity,
    "uri": idx_uri,
}

INDEX_COLUMNS: dict[str, tuple[str, ...]] = {kind: tuple(t.columns.keys()) for kind, t in INDEX_TABLES.items()}
"""Column order of each index table's rows (``res_pk``, ``param_id``, values...)."""

consent_grant = Table(
    "fhir_consent_grant",
    metadata,
    Column("consent_pk", BigInteger, nullable=False),
    Column("patient_id", String(64), nullable=False),
    Column("facility", String(16), nullable=False),
    Column("start", DateTime),
    Column("end", DateTime),
    Index("ix_fhir_consent_grant_facility_patient", "facility", "patient_id"),
    Index("ix_fhir_consent_grant_consent", "consent_pk"),
)
"""Active permit Consents, flattened: this facility may read this patient's data within the period."""

reindex_state = Table(
    "fhir_reindex_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("last_pk", BigInteger, nullable=False),
    Column("started", Boolean, nullable=False, default=True),
)
"""Where ``yteso fhir reindex`` is, so an interrupted run resumes instead of restarting."""
