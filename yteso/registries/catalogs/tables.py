"""Storage of catalog concepts: one row per code, so a lookup never reads a whole CodeSystem.

The CodeSystem resource in the FHIR store stays the published form of a catalog; these tables are
filled from it on import (same transaction) and serve ``$lookup``, ``$validate-code`` and
``$expand``. ``display_folded`` and ``search_folded`` hold the text lower-cased without diacritics
(:func:`yteso.core.text.fold`) and punctuation, as words between single spaces with a space at each end
(`` dai thao duong typ 2 ``), so a filter word matches the start of any word: ``dai thao duong``
finds ``Đái tháo đường``.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text

from yteso.core.db import JsonDoc, metadata

concept = Table(
    "registry_concept",
    metadata,
    Column("system", String(255), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("ord", Integer, nullable=False),
    Column("display", Text, nullable=False),
    Column("display_folded", Text, nullable=False),
    Column("search_folded", Text, nullable=False),
    Column("properties", JsonDoc, nullable=False),
    Index("ix_registry_concept_system_ord", "system", "ord"),
)
"""A concept: ``properties`` holds its FHIR ``designation`` and ``property`` lists as in the CodeSystem;
``search_folded`` is the folded code, display, designations and any extra search words; ``ord`` keeps
the catalog's order for expansions."""

catalog = Table(
    "registry_catalog",
    metadata,
    Column("system", String(255), primary_key=True),
    Column("version", String(64)),
    Column("name", String(128), nullable=False),
    Column("title", Text, nullable=False),
    Column("valueset_url", String(255), nullable=False, unique=True),
    Column("codesystem_id", String(64), nullable=False),
    Column("valueset_id", String(64), nullable=False),
    Column("content", String(16), nullable=False),
    Column("concept_count", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("loaded_at", DateTime, nullable=False),
)
"""One row per loaded catalog: its CodeSystem url and version, its "all codes" ValueSet url, and a
digest of its concepts (a re-import with the same digest leaves the concept rows alone)."""
