"""Idempotent loading of registry resources through the FHIR service, as a platform system.

Each resource is keyed by a search criterion (an identifier ``system|value``, a canonical ``url`` or
an ``_id``) and written with the semantics of a FHIR conditional update (``PUT
Organization?identifier=…``): no match creates, one match updates, several matches refuse (412).
The matching is batched — one search per resource type and chunk (``identifier=a,b,c…``), in the
same transaction as the writes — and the writes go in one transaction Bundle of ``PUT Type/id``, so
a chunk costs a few queries instead of one search per row. A resource whose content (all but ``id``
and ``meta``) is unchanged is left alone, so re-importing a file makes new versions only of what
changed. A new resource gets a deterministic id (refused if that id is already taken by a resource
with another key), so references between the resources of one import are known before they are
written.

Resources are grouped by *owner* (the row they come from): when the transaction fails, each owner
is retried on its own savepoint and the failing ones are reported instead of loaded.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from yteso.core.errors import Conflict, DomainError, PreconditionFailed
from yteso.fhir import bundles, service

SEARCH_CHUNK = 200
"""Values per search (``identifier=a,b,c…``); well under the store's page limit."""

_NAMESPACE = uuid.UUID("6f1d8a52-3c1e-4c55-9d4e-7a0b9e2f4c11")


def stable_id(*parts: str) -> str:
    """A deterministic resource id (UUID v5) for a natural key; never exposes the key itself."""
    return str(uuid.uuid5(_NAMESPACE, "|".join(parts)))


@dataclass(frozen=True, slots=True)
class Key:
    """How a resource is found: ``param`` is ``identifier`` (value ``system|value``), ``url`` or ``_id``."""

    res_type: str
    param: str
    value: str

    @classmethod
    def identifier(cls, res_type: str, system: str, value: str) -> Key:
        return cls(res_type, "identifier", f"{system}|{value}")


class Resolver:
    """Ids of resources: already stored (found by key) or about to be created by this load."""

    def __init__(self, known: dict[Key, str]):
        self._known = known

    def id(self, key: Key) -> str | None:
        return self._known.get(key)

    def reference(self, key: Key) -> str | None:
        found = self._known.get(key)
        return f"{key.res_type}/{found}" if found else None


@dataclass
class Planned:
    """A resource to store: its key, the id to give it if new, and a builder run once ids are known."""

    key: Key
    default_id: str
    build: Callable[[Resolver], dict[str, Any]]
    owner: int
    """What a failure is blamed on (a row number)."""


@dataclass
class UpsertResult:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    failed: dict[int, DomainError] = field(default_factory=dict)
    """Owner → why its resources were not stored."""
    ids: dict[Key, str] = field(default_factory=dict)
    """Key → id of every resource planned or referenced (stored, or given to a new one)."""

    def merge(self, other: UpsertResult) -> None:
        self.created.update(other.created)
        self.updated.update(other.updated)
        self.unchanged.update(other.unchanged)
        self.failed.update(other.failed)
        self.ids.update(other.ids)


def find_existing(ctx: service.FhirContext, keys: Iterable[Key]) -> dict[Key, list[tuple[str, dict[str, Any]]]]:
    """Stored resources per key (a key held by several resources maps to all of them)."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in set(keys):
        groups[key.res_type, key.param].append(key.value)
    found: dict[Key, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for (res_type, param), values in groups.items():
        values.sort()
        for start in range(0, len(values), SEARCH_CHUNK):
            chunk = values[start : start + SEARCH_CHUNK]
            wanted = set(chunk)
            params = [(param, ",".join(chunk)), ("_count", str(min(4 * len(chunk), ctx.settings.fhir_max_count)))]
            bundle = service.search(ctx, res_type, params)
            for entry in bundle.get("entry", []):
                body = entry.get("resource") or {}
                if entry.get("search", {}).get("mode") != "match":
                    continue
                for value in _key_values(body, param) & wanted:
                    found[Key(res_type, param, value)].append((body["id"], body))
    return found


def _key_values(body: dict[str, Any], param: str) -> set[str]:
    if param == "identifier":
        return {f"{i.get('system')}|{i.get('value')}" for i in body.get("identifier") or []}
    if param == "url":
        return {str(body.get("url"))}
    if param == "_id":
        return {str(body.get("id"))}
    raise ValueError(f"unsupported key parameter {param!r}")


def content(body: dict[str, Any]) -> dict[str, Any]:
    """What is compared to decide "unchanged": everything but ``id`` and ``meta``."""
    return {k: v for k, v in body.items() if k not in ("id", "meta")}


def upsert(ctx: service.FhirContext, plans: list[Planned], *, references: Iterable[Key] = ()) -> UpsertResult:
    """Store ``plans`` in the context's transaction; ``references`` are other keys the builders resolve."""
    result = UpsertResult()
    existing = find_existing(ctx, [p.key for p in plans] + list(references))
    known: dict[Key, str] = {}
    for key, hits in existing.items():
        if len(hits) == 1:
            known[key] = hits[0][0]
    for p in plans:
        hits = existing.get(p.key, [])
        if len(hits) > 1:
            result.failed[p.owner] = PreconditionFailed(
                f"{len(hits)} {p.key.res_type} resources carry {p.key.value}; the registry expects one",
                f"Có {len(hits)} tài nguyên {p.key.res_type} cùng mang {p.key.value}; sổ đăng ký chỉ cho phép một",
            )
        known.setdefault(p.key, p.default_id)
    _refuse_taken_ids(ctx, plans, existing, result)
    resolver = Resolver(known)
    result.ids = known
    by_owner: dict[int, list[tuple[Planned, dict[str, Any], bool]]] = defaultdict(list)
    for p in plans:
        if p.owner in result.failed:
            continue
        body = p.build(resolver)
        body["id"] = known[p.key]
        hits = existing.get(p.key, [])
        if hits and content(hits[0][1]) == content(body):
            result.unchanged[p.key.res_type] += 1
            continue
        by_owner[p.owner].append((p, body, not hits))
    if by_owner:
        _write(ctx, by_owner, result)
    return result


def _refuse_taken_ids(
    ctx: service.FhirContext,
    plans: list[Planned],
    existing: dict[Key, list[tuple[str, dict[str, Any]]]],
    result: UpsertResult,
) -> None:
    """A new resource must not land on an id another resource (with another key) already has."""
    new = [p for p in plans if p.key.param != "_id" and not existing.get(p.key)]
    if not new:
        return
    taken = find_existing(ctx, [Key(p.key.res_type, "_id", p.default_id) for p in new])
    for p in new:
        if taken.get(Key(p.key.res_type, "_id", p.default_id)):
            result.failed[p.owner] = Conflict(
                f"{p.key.res_type}/{p.default_id} already exists without {p.key.value}",
                f"{p.key.res_type}/{p.default_id} đã tồn tại nhưng không mang {p.key.value}",
            )


def _write(
    ctx: service.FhirContext,
    by_owner: dict[int, list[tuple[Planned, dict[str, Any], bool]]],
    result: UpsertResult,
) -> None:
    session = ctx.repo.session
    try:
        with session.begin_nested():
            _transaction(ctx, [x for items in by_owner.values() for x in items], result)
        return
    except DomainError:
        pass
    for owner, items in by_owner.items():
        try:
            with session.begin_nested():
                _transaction(ctx, items, result)
        except DomainError as exc:
            result.failed[owner] = exc


def _url(key: Key, body: dict[str, Any]) -> str:
    """``Type/id``: the id was matched on the key in this transaction (or is the new deterministic one)."""
    return f"{key.res_type}/{body['id']}"


def _transaction(
    ctx: service.FhirContext, items: list[tuple[Planned, dict[str, Any], bool]], result: UpsertResult
) -> None:
    entries = [{"resource": body, "request": {"method": "PUT", "url": _url(p.key, body)}} for p, body, _new in items]
    response = bundles.process(ctx, {"resourceType": "Bundle", "type": "transaction", "entry": entries})
    created: Counter[str] = Counter()
    updated: Counter[str] = Counter()
    for (p, _body, _new), entry in zip(items, response["entry"], strict=True):
        status = str(entry.get("response", {}).get("status", ""))
        (created if status.startswith("201") else updated)[p.key.res_type] += 1
    result.created.update(created)
    result.updated.update(updated)
