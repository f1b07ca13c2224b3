"""Loading catalogs: the CodeSystem and its "all codes" ValueSet into the FHIR store (idempotent
conditional updates on ``url``) and the concepts into the concept table, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from yteso.core.db import bulk_insert
from yteso.core.timez import now_utc
from yteso.fhir.service import system_context
from yteso.registries.catalogs.model import Catalog
from yteso.registries.catalogs.tables import catalog as catalog_table
from yteso.registries.catalogs.tables import concept as concept_table
from yteso.registries.upsert import Key, Planned, Resolver, UpsertResult, upsert
from yteso.settings import Settings

BATCH = 5000


@dataclass
class CatalogLoad:
    """What loading did: resource counts, and whether the concept rows were (re)written."""

    resources: UpsertResult
    concepts_written: dict[str, int]


def _builder(body: dict[str, Any]) -> Callable[[Resolver], dict[str, Any]]:
    return lambda _resolver: body


def load_catalogs(session: Session, settings: Settings, catalogs: list[Catalog], *, agent: str) -> CatalogLoad:
    """Store ``catalogs`` in the session's transaction; raises the first FHIR error (nothing is kept)."""
    ctx = system_context(session, settings, agent=agent)
    plans: list[Planned] = []
    for i, cat in enumerate(catalogs):
        plans.append(Planned(Key("CodeSystem", "url", cat.url), cat.id, _builder(cat.codesystem()), i))
        plans.append(Planned(Key("ValueSet", "url", cat.valueset_url), cat.id, _builder(cat.valueset()), i))
    result = upsert(ctx, plans)
    if result.failed:
        raise next(iter(result.failed.values()))
    written: dict[str, int] = {}
    ids = {k.value: v for k, v in result.ids.items()}
    for cat in catalogs:
        digest = cat.digest()
        current = session.execute(
            select(catalog_table.c.digest).where(catalog_table.c.system == cat.url)
        ).scalar_one_or_none()
        count = session.execute(
            select(func.count()).select_from(concept_table).where(concept_table.c.system == cat.url)
        ).scalar_one()
        if current != digest or count != len(cat.concepts):
            session.execute(delete(concept_table).where(concept_table.c.system == cat.url))
            rows = [c.row(cat.url, i) for i, c in enumerate(cat.concepts)]
            for start in range(0, len(rows), BATCH):
                bulk_insert(session, concept_table, rows[start : start + BATCH])
            written[cat.url] = len(rows)
        session.execute(delete(catalog_table).where(catalog_table.c.system == cat.url))
        session.execute(
            catalog_table.insert().values(
                system=cat.url,
                version=cat.version,
                name=cat.name,
                title=cat.title,
                valueset_url=cat.valueset_url,
                codesystem_id=ids.get(cat.url, cat.id),
                valueset_id=ids.get(cat.valueset_url, cat.id),
                content=cat.content,
                concept_count=len(cat.concepts),
                digest=digest,
                loaded_at=now_utc(),
            )
        )
    return CatalogLoad(result, written)
