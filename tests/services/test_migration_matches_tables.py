"""The services' Alembic branch creates exactly the tables of ``yteso.services.tables``."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from yteso.core.db import metadata
from yteso.services import tables


def test_migration_matches_tables(db: Any) -> None:
    ours = {t.name for t in tables.TABLES}
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    mine = [d for d in diffs if any(name in repr(d) for name in ours)]
    assert mine == []
