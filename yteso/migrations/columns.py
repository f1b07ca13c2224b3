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
    _compress_lz4(table, column)


def _compress_lz4(table: str, column: str) -> None:
    has_lz4 = (
        op.get_bind()
        .execute(sa.text("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"))
        .scalar()
    )
    if has_lz4:
        op.execute(sa.text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4'))


def json_as_document(table: str, column: str) -> None:
    """Undo :func:`json_as_text`."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        table, column, type_=postgresql.JSONB(), existing_type=sa.JSON(), postgresql_using=f"{column}::jsonb"
    )


def json_as_plain_text(table: str, column: str) -> None:
    """Store a JSON column that is only written and read whole as plain ``text``: PostgreSQL then
    does not parse it on the way in (our serialiser makes it, so it is always valid JSON)."""
    if op.get_bind().dialect.name != "postgresql":
        with op.batch_alter_table(table) as batch:  # SQLite: the same text, declared as such
            batch.alter_column(column, type_=sa.Text(), existing_type=sa.JSON())
        return
    op.alter_column(table, column, type_=sa.Text(), existing_type=sa.JSON(), postgresql_using=f"{column}::text")
    _compress_lz4(table, column)


def plain_text_as_json(table: str, column: str) -> None:
    """Undo :func:`json_as_plain_text`."""
    if op.get_bind().dialect.name != "postgresql":
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=sa.JSON(), existing_type=sa.Text())
        return
    op.alter_column(table, column, type_=sa.JSON(), existing_type=sa.Text(), postgresql_using=f"{column}::json")
    _compress_lz4(table, column)
