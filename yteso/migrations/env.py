"""Alembic environment: the URL and connection come from ``yteso.core.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from yteso.core.db import make_engine
from yteso.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
