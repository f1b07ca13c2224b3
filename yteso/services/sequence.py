"""Gap-tolerant counters in the database: dossier codes per unit and day, result numbers per year."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from yteso.services.tables import counter
from yteso.services.workdays import vn_day


def next_value(session: Session, key: str, own: Engine | None = None) -> int:
    """Increment and return the counter ``key`` (1 the first time), atomically on both databases.

    With ``own`` (PostgreSQL) the increment commits at once on its own connection, so concurrent
    transactions do not queue behind the counter's row lock until they commit; a rolled-back
    transaction then leaves a gap, which numbering tolerates. SQLite serialises writers anyway.
    """
    dialect = session.get_bind().dialect.name
    ins = postgresql.insert(counter) if dialect == "postgresql" else sqlite.insert(counter)
    stmt = (
        ins.values(key=key, value=1)
        .on_conflict_do_update(index_elements=[counter.c.key], set_={"value": counter.c.value + 1})
        .returning(counter.c.value)
    )
    if own is not None and dialect == "postgresql":
        with own.begin() as conn:
            return int(conn.execute(stmt).scalar_one())
    return int(session.execute(stmt).scalar_one())


def dossier_code(session: Session, unit_code: str, now: datetime, own: Engine | None = None) -> str:
    """``<unit>-<yymmdd>-<nnnn>`` (the day in Vietnam time), like the one-stop systems' codes."""
    day = vn_day(now).strftime("%y%m%d")
    return f"{unit_code}-{day}-{next_value(session, f'dossier:{unit_code}:{day}', own):04d}"
