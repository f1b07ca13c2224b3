"""Imports every package's tables so that the one MetaData (and Alembic) sees all of them."""

from __future__ import annotations

from yteso.core import audit as _audit
from yteso.core.db import metadata
from yteso.fhir import tables as _fhir_tables

__all__ = ["_audit", "_fhir_tables", "metadata"]
