"""Run a compiled search: access filter, sorting, stable paging, includes and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session

from yteso.fhir.access import AccessPolicy
from yteso.fhir.search.definitions import params_for
from yteso.fhir.search.query import SearchRequest, param_is
from yteso.fhir.tables import INDEX_TABLES, idx_reference, resource

_SORT_COLUMN = {
    "token": "code",
    "string": "value",
    "uri": "value",
    "number": "value",
    "quantity": "value",
    "reference": "target_id",
}


@dataclass
class SearchPage:
    """Matched surrogate keys of one page (in order), included keys, the total and the snapshot."""

    matches: list[tuple[int, str, str | None]] = field(default_factory=list)
    included: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    total: int | None = None
    snapshot: int = 0


def run(session: Session, policy: AccessPolicy, req: SearchRequest) -> SearchPage:
    """Execute ``req`` as the caller; results beyond the snapshot (newer data) are not seen."""
    r = resource
    snapshot = req.snapshot
    if snapshot is None:
        snapshot = session.execute(select(func.max(r.c.pk))).scalar() or 0
    base = [r.c.res_type == req.res_type, r.c.deleted == false(), r.c.pk <= snapshot, policy.condition(r), *req.where]
    page = SearchPage(snapshot=snapshot)
    if req.summary == "count" or req.count == 0:
        page.total = session.execute(select(func.count()).select_from(r).where(*base)).scalar_one()
        return page
    q = select(r.c.pk, r.c.res_id, r.c.patient_id).where(*base)
    q = q.order_by(*_order(req), r.c.pk).offset(req.offset).limit(req.count + 1)
    rows = session.execute(q).all()
    page.matches = [(row.pk, row.res_id, row.patient_id) for row in rows[: req.count]]
    if req.total != "none":
        if req.offset == 0 and len(rows) <= req.count:
            page.total = len(rows)
        else:
            page.total = session.execute(select(func.count()).select_from(r).where(*base)).scalar_one()
    elif len(rows) <= req.count:
        page.total = req.offset + len(rows)
    page.included = _included(session, policy, req, page.matches)
    return page


def has_next(req: SearchRequest, page: SearchPage) -> bool:
    if page.total is not None:
        return req.offset + req.count < page.total
    return len(page.matches) == req.count


def _order(req: SearchRequest) -> list[Any]:
    out = []
    for key, desc in req.sort:
        if key == "_id":
            col: Any = resource.c.res_id
        elif key == "_lastUpdated":
            col = resource.c.last_updated
        else:
            param = params_for(req.res_type)[key]
            t = INDEX_TABLES[param.type]
            if param.type == "date":
                value = func.max(t.c.high) if desc else func.min(t.c.low)
            else:
                column = t.c[_SORT_COLUMN[param.type]]
                value = func.max(column) if desc else func.min(column)
            col = select(value).where(t.c.res_pk == resource.c.pk, param_is(t, param)).scalar_subquery()
        out.append(col.desc() if desc else col.asc())
    return out


def _included(
    session: Session, policy: AccessPolicy, req: SearchRequest, matches: list[tuple[int, str, str | None]]
) -> list[tuple[int, str, str, str | None]]:
    if not matches or not (req.includes or req.revincludes):
        return []
    pks = [m[0] for m in matches]
    ids = [m[1] for m in matches]
    r = resource.alias("inc")
    ors = []
    for source_type, code, target in req.includes:
        if source_type != req.res_type:
            continue
        refs = select(idx_reference.c.target_type, idx_reference.c.target_id).where(
            idx_reference.c.res_pk.in_(pks), param_is(idx_reference, params_for(source_type)[code])
        )
        if target:
            refs = refs.where(idx_reference.c.target_type == target)
        pairs = session.execute(refs).all()
        for target_type, target_id in pairs:
            if target_type and target_id:
                ors.append(and_(r.c.res_type == target_type, r.c.res_id == target_id))
    for source_type, code, target in req.revincludes:
        if target and target != req.res_type:
            continue
        referring = select(idx_reference.c.res_pk).where(
            param_is(idx_reference, params_for(source_type)[code]),
            idx_reference.c.target_type == req.res_type,
            idx_reference.c.target_id.in_(ids),
        )
        ors.append(r.c.pk.in_(referring))
    if not ors:
        return []
    rows = session.execute(
        select(r.c.pk, r.c.res_type, r.c.res_id, r.c.patient_id)
        .where(or_(*ors), r.c.deleted == false(), r.c.pk.not_in(pks), policy.condition(r))
        .order_by(r.c.pk)
        .limit(1000)
    ).all()
    return [(row.pk, row.res_type, row.res_id, row.patient_id) for row in rows]
