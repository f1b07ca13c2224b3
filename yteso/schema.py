"""Imports every package's tables so that the one MetaData (and Alembic) sees all of them."""

from __future__ import annotations

from yteso.core import audit as _audit
from yteso.core.db import metadata
from yteso.fhir import tables as _fhir_tables
from yteso.gateway import tables as _gateway_tables
from yteso.identity.mpi import tables as _mpi_tables  # noqa: F401
from yteso.registries.catalogs import tables as _registries_tables  # noqa: F401
from yteso.services import tables as _services_tables  # noqa: F401

__all__ = ["_audit", "_fhir_tables", "_gateway_tables", "metadata"]
