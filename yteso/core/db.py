"""Database engine, metadata and sessions for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from psycopg.types.json import set_json_dumps, set_json_loads
from sqlalchemy import JSON, BigInteger, Dialect, Engine, Integer, MetaData, Text, create_engine, event, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)
"""The one MetaData every package's tables register on (Alembic reads it)."""

JsonDoc = JSON().with_variant(JSONB(), "postgresql")
"""A JSON document column: JSONB on PostgreSQL, JSON1 text on SQLite."""


class JsonText(TypeDecorator[Any]):
    """A JSON document written and read whole, never queried inside (FHIR bodies, queued payloads),
    kept as plain text: PostgreSQL neither parses it (as ``jsonb`` and ``json`` do) nor the driver
    on the way in. Our own serialiser makes it, so it is always valid JSON; ``content::json``
    still reads it in SQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else orjson.dumps(value).decode()

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else orjson.loads(value)


BigId = BigInteger().with_variant(Integer(), "sqlite")
"""A 64-bit surrogate key (SQLite needs INTEGER for a rowid alias)."""


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


# psycopg (de)serialises JSON parameters and results itself; orjson is several times faster
set_json_dumps(orjson.dumps)
set_json_loads(orjson.loads)


def make_engine(url: str, *, pool_size: int = 10, schema: str | None = None) -> Engine:
    """Build the engine for ``url``; ``schema`` pins a PostgreSQL search_path (tests use one per test)."""
    kwargs: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["options"] = f"-csearch_path={schema}"
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args=connect_args,
        **kwargs,
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off so that BEGIN IMMEDIATE (below)
    # takes the write lock up front: concurrent writers then wait instead of deadlocking.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def by_key(session: Session) -> Iterator[None]:
    """Run the enclosed statements, which look rows up by key, with sequential scans off (PostgreSQL).

    Until the first ANALYZE (a new database, autovacuum behind or off) the planner guesses a list
    of keys to match a good part of a table and reads the whole table for each batch: cost that
    grows with the store. Key lookups on the write path must not depend on statistics.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = off"))
    yield
    if postgres:
        session.execute(text("SET LOCAL enable_seqscan = DEFAULT"))


def bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert many rows fast: PostgreSQL ``COPY`` (in the session's transaction), else executemany.

    JSON columns are given as Python objects and serialised here.
    """
    if not rows:
        return
    columns = tuple(rows[0].keys())
    insert_tuples(session, table, columns, [tuple(row[c] for c in columns) for row in rows])


def insert_with_keys(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows and return their new surrogate keys (``pk``), in order.

    On PostgreSQL the keys are drawn from the table's sequence and the rows go in with ``COPY``:
    a large ``INSERT ... RETURNING`` costs more to build than to run.
    """
    if not rows:
        return []
    keys = reserve_keys(session, table, len(rows))
    bulk_insert(session, table, [{**row, "pk": key} for row, key in zip(rows, keys, strict=True)])
    return keys


def reserve_keys(session: Session, table: Any, n: int) -> list[int]:
    """``n`` new surrogate keys (``pk``) of ``table``, for rows the caller inserts in this transaction.

    PostgreSQL draws them from the table's sequence. SQLite takes the ones after the largest key:
    a write transaction there holds the database's one write lock (``BEGIN IMMEDIATE``), and a
    rowid key without AUTOINCREMENT is given the same way.
    """
    if n <= 0:
        return []
    if session.connection().dialect.name != "postgresql":
        top = session.execute(text(f'SELECT COALESCE(MAX(pk), 0) FROM "{table.name}"')).scalar_one()
        return list(range(top + 1, top + 1 + n))
    # the sequence is looked up once, not for each key (pg_get_serial_sequence reads the catalog)
    return list(
        session.execute(
            text(
                "WITH s AS MATERIALIZED (SELECT CAST(pg_get_serial_sequence(:t, 'pk') AS regclass) AS seq)"
                " SELECT nextval(s.seq) FROM s, generate_series(1, :n)"
            ),
            {"t": table.name, "n": n},
        ).scalars()
    )


def insert_tuples(session: Session, table: Any, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """:func:`bulk_insert` for rows given as tuples in ``columns`` order (no dict per row)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    json_at = _json_positions(table, tuple(columns))
    raw: Any = connection.connection.driver_connection
    names = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        if json_at:
            # rows carrying documents are written as COPY text directly: the JSON bytes go out
            # as orjson made them instead of being decoded, re-encoded and scanned again
            copy.write(b"".join(_copy_line(row, json_at) for row in rows))
            return
        write = copy.write_row
        for row in rows:
            write(row)


@lru_cache(maxsize=256)
def _json_positions(table: Any, columns: tuple[str, ...]) -> list[int]:
    """Positions of ``columns`` holding JSON documents, which :func:`_copy_line` serialises."""
    return [i for i, c in enumerate(columns) if isinstance(table.c[c].type, JSON | JsonText)]


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_line(row: Sequence[Any], json_at: list[int]) -> bytes:
    """One row in PostgreSQL's COPY text format (tab-separated, ``\\N`` for NULL, backslash escapes)."""
    fields: list[bytes] = []
    for i, value in enumerate(row):
        if value is None:
            fields.append(b"\\N")
        elif i in json_at:
            # orjson escapes control characters inside strings, so only backslashes need doubling
            doc = orjson.dumps(value)
            fields.append(doc.replace(b"\\", b"\\\\") if b"\\" in doc else doc)
        elif isinstance(value, bool):
            fields.append(b"t" if value else b"f")
        elif isinstance(value, int | float):
            fields.append(str(value).encode())
        elif isinstance(value, datetime):
            fields.append(value.isoformat(sep=" ").encode())
        else:
            fields.append(str(value).translate(_COPY_ESCAPES).encode())
    return b"\t".join(fields) + b"\n"
