"""Column changes that more than one migration makes."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


def json_as_text(table: str, column: str) -> None:
    """Store a JSON column that is only written and read whole as ``json`` text, lz4-compressed
    when the server has lz4 (PostgreSQL only; SQLite keeps JSON as text anyway)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.alter_column(
        table,
        column,
        type_=sa.JSON(),
        existing_type=postgresql.JSONB(),
        postgresql_using=f"{column}::json",
    )
    has_lz4 = bind.execute(
        sa.text("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
    ).scalar()
    if has_lz4:
        op.execute(sa.text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4'))


def json_as_document(table: str, column: str) -> None:
    """Undo :func:`json_as_text`."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        table, column, type_=postgresql.JSONB(), existing_type=sa.JSON(), postgresql_using=f"{column}::jsonb"
    )
