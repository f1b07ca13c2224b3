"""Merge and unmerge of duplicate Patient records (gộp / tách hồ sơ trùng), reversible and audited.

A merge of ``source`` (the duplicate) into ``target`` (the survivor):

1. finds every live resource that points at ``Patient/source`` (its patient compartment, and any
   indexed reference) and rewrites each such reference to ``Patient/target``; every path and the
   original text are kept in ``mpi_merge_moved``;
2. marks the duplicate ``active: false`` with ``link`` ``replaced-by`` the survivor, and adds
   ``link`` ``replaces`` to the survivor;
3. writes all of it through the FHIR repository as one transaction, so versions, history, search
   indexes and the audit trail are the store's own, and records the merge in ``mpi_merge``.

An unmerge writes back exactly what was there: the original reference texts at the recorded
paths, the duplicate's ``active`` and both ``link`` lists as they were. It refuses (409) when a
moved reference has been changed since, rather than overwrite someone's later work; undo later
merges first. Resources created after the merge that point at the survivor stay there: nothing
says which of the two people they belong to.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import false, insert, or_, select, update

from yteso.core import audit
from yteso.core.audit import AuditContext
from yteso.core.errors import Conflict, Invalid, NotFound
from yteso.fhir.search.definitions import SUPPORTED_TYPES, stored_params
from yteso.fhir.service import FhirContext
from yteso.fhir.tables import idx_reference, param_id, resource
from yteso.identity.mpi.tables import mpi_merge, mpi_merge_moved

_REF = re.compile(r"^(?P<base>.*?)(?P<type>Patient)/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/[^/]+)?$")
_ABSENT = "__absent__"

Path = list[str | int]


@dataclass(frozen=True)
class MergeResult:
    merge_id: int
    source: str
    target: str
    moved: int
    """Resources whose references were moved (the two Patients not counted)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def merge(ctx: FhirContext, source: str, target: str, *, actor: AuditContext, reason: str | None = None) -> MergeResult:
    """Merge Patient ``source`` into Patient ``target`` (see module docstring)."""
    if source == target:
        raise Invalid("A Patient cannot be merged into itself", "Không thể gộp một Patient vào chính nó")
    repo, session = ctx.repo, ctx.repo.session
    src = repo.read("Patient", source)
    tgt = repo.read("Patient", target)
    if _active_merge(ctx, source_id=source):
        raise Conflict(f"Patient/{source} is already merged", f"Patient/{source} đã được gộp trước đó")
    if _active_merge(ctx, source_id=target):
        raise Conflict(
            f"Patient/{target} was itself merged into another Patient; merge into the survivor",
            f"Patient/{target} đã được gộp vào Patient khác; hãy gộp vào bản ghi còn lại",
        )
    moved, plans = [], []
    for res_type, res_id, body in _referring(ctx, source, exclude={source, target}):
        changes = _rewrite(body, source, target)
        if changes:
            plans.append(repo.prepare_update(res_type, res_id, body))
            moved.append((res_type, res_id, changes))
    src_body, tgt_body = copy.deepcopy(src.body or {}), copy.deepcopy(tgt.body or {})
    source_before = {"active": src_body.get("active", _ABSENT), "link": src_body.get("link", _ABSENT)}
    target_before = {"link": tgt_body.get("link", _ABSENT)}
    src_body["active"] = False
    src_body["link"] = [*src_body.get("link", []), {"other": {"reference": f"Patient/{target}"}, "type": "replaced-by"}]
    tgt_body["link"] = [*tgt_body.get("link", []), {"other": {"reference": f"Patient/{source}"}, "type": "replaces"}]
    plans.append(repo.prepare_update("Patient", source, src_body, if_match=src.version))
    plans.append(repo.prepare_update("Patient", target, tgt_body, if_match=tgt.version))
    stored = repo.write_many(plans)
    merge_id = session.execute(
        insert(mpi_merge).returning(mpi_merge.c.id),
        {
            "source_id": source,
            "target_id": target,
            "status": "merged",
            "reason": (reason or "")[:512] or None,
            "merged_at": _now(),
            "merged_by": actor.agent,
            "source_before": source_before,
            "target_before": target_before,
        },
    ).scalar_one()
    if moved:
        session.execute(
            insert(mpi_merge_moved),
            [
                {"merge_id": merge_id, "res_type": t, "res_id": i, "version": s.version, "paths": changes}
                for (t, i, changes), s in zip(moved, stored, strict=False)
            ],
        )
    audit.record(
        session, actor, "operation", resource_type="Patient", resource_id=source,
        patient_ids=[source, target], query=f"mpi.merge {source} -> {target} (merge {merge_id})",
    )  # fmt: skip
    return MergeResult(int(merge_id), source, target, len(moved))


def unmerge(ctx: FhirContext, merge_id: int, *, actor: AuditContext) -> MergeResult:
    """Undo merge ``merge_id`` exactly (see module docstring); 409 if moved data changed since."""
    repo, session = ctx.repo, ctx.repo.session
    row = session.execute(select(mpi_merge).where(mpi_merge.c.id == merge_id)).first()
    if row is None:
        raise NotFound(f"Merge {merge_id} not found", f"Không tìm thấy lần gộp {merge_id}")
    if row.status != "merged":
        raise Conflict(f"Merge {merge_id} was already undone", f"Lần gộp {merge_id} đã được hoàn tác")
    later = _active_merge(ctx, source_id=row.target_id)
    if later:
        raise Conflict(
            f"Patient/{row.target_id} was merged again later (merge {later}); undo that merge first",
            f"Patient/{row.target_id} đã được gộp tiếp (lần gộp {later}); hãy hoàn tác lần đó trước",
        )
    plans, conflicts = [], []
    for moved in session.execute(select(mpi_merge_moved).where(mpi_merge_moved.c.merge_id == merge_id)).all():
        current = _current(ctx, moved.res_type, moved.res_id)
        if current is None:  # deleted since: nothing to give back
            continue
        body = copy.deepcopy(current)
        for path, original, written in moved.paths:
            if _get(body, path) != written:
                conflicts.append(f"{moved.res_type}/{moved.res_id}")
                break
            _set(body, path, original)
        else:
            plans.append(repo.prepare_update(moved.res_type, moved.res_id, body))
    if conflicts:
        raise Conflict(
            f"Cannot undo merge {merge_id}: {', '.join(conflicts[:10])} changed since the merge",
            f"Không thể hoàn tác lần gộp {merge_id}: {', '.join(conflicts[:10])} đã thay đổi sau khi gộp",
        )
    src = copy.deepcopy(repo.read("Patient", row.source_id).body or {})
    tgt = copy.deepcopy(repo.read("Patient", row.target_id).body or {})
    _restore(src, "active", row.source_before["active"])
    _restore(src, "link", _without(src.get("link"), row.target_id, "replaced-by", row.source_before["link"]))
    _restore(tgt, "link", _without(tgt.get("link"), row.source_id, "replaces", row.target_before["link"]))
    plans.append(repo.prepare_update("Patient", row.source_id, src))
    plans.append(repo.prepare_update("Patient", row.target_id, tgt))
    repo.write_many(plans)
    session.execute(
        update(mpi_merge)
        .where(mpi_merge.c.id == merge_id)
        .values(status="unmerged", unmerged_at=_now(), unmerged_by=actor.agent)
    )
    audit.record(
        session, actor, "operation", resource_type="Patient", resource_id=row.source_id,
        patient_ids=[row.source_id, row.target_id], query=f"mpi.unmerge {merge_id}",
    )  # fmt: skip
    return MergeResult(merge_id, row.source_id, row.target_id, len(plans) - 2)


def merge_for_source(ctx: FhirContext, source: str) -> int | None:
    """The active merge that replaced Patient ``source``, if any."""
    return _active_merge(ctx, source_id=source)


def _active_merge(ctx: FhirContext, *, source_id: str) -> int | None:
    found = ctx.repo.session.execute(
        select(mpi_merge.c.id).where(mpi_merge.c.source_id == source_id, mpi_merge.c.status == "merged")
    ).scalar()
    return int(found) if found is not None else None


def _referring(ctx: FhirContext, patient_id: str, *, exclude: set[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """Live resources in the patient's compartment or holding an indexed reference to it."""
    r = resource
    referenced = select(idx_reference.c.res_pk).where(
        idx_reference.c.param_id.in_(_reference_params()),
        idx_reference.c.target_id == patient_id,
        idx_reference.c.target_type == "Patient",
    )
    rows = ctx.repo.session.execute(
        select(r.c.pk, r.c.res_type, r.c.res_id)
        .where(or_(r.c.patient_id == patient_id, r.c.pk.in_(referenced)), r.c.deleted == false())
        .order_by(r.c.pk)
    ).all()
    rows = [row for row in rows if not (row.res_type == "Patient" and row.res_id in exclude)]
    bodies = ctx.repo.bodies([row.pk for row in rows])
    return [(row.res_type, row.res_id, copy.deepcopy(bodies[row.pk])) for row in rows if row.pk in bodies]


@cache
def _reference_params() -> list[int]:
    """Keys of every reference parameter with index rows of its own (the lookup index leads with
    them; there is no index on the target alone)."""
    return sorted(
        param_id(t, param.code)
        for t in SUPPORTED_TYPES
        for param, _path in stored_params(t)
        if param.type == "reference"
    )


def _rewrite(body: Any, source: str, target: str) -> list[list[Any]]:
    """Point every literal reference to ``Patient/source`` in ``body`` at the target, in place;
    returns ``[path, original, written]`` for each (``contained`` resources included)."""
    changes: list[list[Any]] = []

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, dict):
            ref = node.get("reference")
            if isinstance(ref, str):
                m = _REF.match(ref)
                if m and m["id"] == source:
                    written = f"{m['base']}Patient/{target}"
                    node["reference"] = written
                    changes.append([[*path, "reference"], ref, written])
            for key, value in node.items():
                if key not in ("reference", "id", "meta"):
                    walk(value, [*path, key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, [*path, i])

    walk(body, [])
    return changes


def _get(body: Any, path: Path) -> Any:
    node = body
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _set(body: Any, path: Path, value: Any) -> None:
    node = body
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _restore(body: dict[str, Any], key: str, value: Any) -> None:
    if value == _ABSENT:
        body.pop(key, None)
    else:
        body[key] = value


def _without(links: Any, other_id: str, link_type: str, before: Any) -> Any:
    """The ``link`` list without the entry the merge added (``_ABSENT`` if it had none and has none left)."""
    kept = [
        link
        for link in links or []
        if not (link.get("type") == link_type and (link.get("other") or {}).get("reference") == f"Patient/{other_id}")
    ]
    return kept if kept or before != _ABSENT else _ABSENT


def _current(ctx: FhirContext, res_type: str, res_id: str) -> dict[str, Any] | None:
    r = resource
    row = ctx.repo.session.execute(
        select(r.c.pk, r.c.deleted).where(r.c.res_type == res_type, r.c.res_id == res_id)
    ).first()
    if row is None or row.deleted:
        return None
    return ctx.repo.bodies([row.pk]).get(row.pk)
