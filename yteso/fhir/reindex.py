"""Rebuild the search-index tables from the stored resources, in batches, resumably.

Used after a search-parameter definition changes. Progress is kept in ``fhir_reindex_state``
so an interrupted run continues where it stopped (``--restart`` starts over).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, false, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from yteso.fhir.indexer import delete_index_rows, index_resource, insert_index_rows
from yteso.fhir.tables import reindex_state, resource, resource_version

_STATE = "reindex"


def pending(sessions: sessionmaker[Session], *, restart: bool = False) -> tuple[int, int]:
    """(resume-after pk, resources left) for the next run."""
    with sessions() as s, s.begin():
        if restart:
            s.execute(delete(reindex_state).where(reindex_state.c.name == _STATE))
        last = s.execute(select(reindex_state.c.last_pk).where(reindex_state.c.name == _STATE)).scalar() or 0
        left = s.execute(select(func.count()).select_from(resource).where(resource.c.pk > last)).scalar_one()
    return last, left


def reindex(
    sessions: sessionmaker[Session],
    *,
    batch: int = 1000,
    progress: Callable[[int], None] | None = None,
    restart: bool = False,
) -> int:
    """Re-extract every live resource's index rows; returns how many resources were indexed."""
    last, _left = pending(sessions, restart=restart)
    done = 0
    while True:
        with sessions() as s, s.begin():
            rows = s.execute(
                select(resource.c.pk, resource_version.c.content)
                .join(
                    resource_version,
                    (resource_version.c.res_pk == resource.c.pk) & (resource_version.c.version == resource.c.version),
                )
                .where(resource.c.pk > last, resource.c.deleted == false())
                .order_by(resource.c.pk)
                .limit(batch)
            ).all()
            if not rows:
                s.execute(delete(reindex_state).where(reindex_state.c.name == _STATE))
                return done
            pks = [r.pk for r in rows]
            delete_index_rows(s, pks)
            insert_index_rows(s, [index_resource(content, pk) for pk, content in rows])
            last = pks[-1]
            _save(s, last)
        done += len(rows)
        if progress:
            progress(len(rows))


def _save(s: Session, last: int) -> None:
    updated: Any = s.execute(reindex_state.update().where(reindex_state.c.name == _STATE).values(last_pk=last))
    if updated.rowcount == 0:
        s.execute(insert(reindex_state).values(name=_STATE, last_pk=last, started=True))
