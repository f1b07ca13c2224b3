"""A compiler for the FHIRPath subset used by FHIR R4 search parameter expressions.

Expressions are parsed once and turned into plain Python closures over FHIR JSON (``dict``/``list``),
guided by a static element-type table (``{type: {element: type | [choice types]}}``) so that choice
elements (``Observation.effective`` means ``effectiveDateTime``, ``effectivePeriod``...) and the FHIR
type of every value are known without inspecting the data. Evaluation yields ``(value, fhir_type)``
pairs. Anything outside the subset raises :class:`UnsupportedExpression`.

Supported: member paths (arrays flatten), ``|``, ``as``/``is`` (``is`` only in
``where(resolve() is T)``), ``.as(T)``, ``.ofType(T)``, ``.where(...)``, ``.exists()``, ``.empty()``,
``.first()``, ``[n]``, ``.extension('url')``, ``=``, ``!=``, ``and``, ``or``, string/number/boolean
literals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from yteso.fhir.search._fhirpath_ast import Node, UnsupportedExpression, parse, split_union
from yteso.fhir.search._fhirpath_eval import (
    EXTENSION_ELEMENTS,
    Eval,
    Item,
    chain,
    identity,
    member_ev,
    reference_type,
    same,
    truthy,
    type_matches,
)

__all__ = [
    "CompiledPath", "ElementTypes", "Item", "UnsupportedExpression", "compile_path", "reference_type",
    "split_union", "type_matches",
]  # fmt: skip

ElementTypes = Mapping[str, Mapping[str, str | list[str]]]
"""``{type: {element: type | [choice types]}}``; backbone types are named like ``ObservationComponent``."""


@dataclass(frozen=True, slots=True)
class CompiledPath:
    """A compiled expression: call it with a resource dict to get ``[(value, fhir_type), ...]``."""

    expression: str
    resource_type: str
    leaf_types: frozenset[str]
    root_keys: tuple[str, ...] | None  # result is empty unless the resource has one of these keys
    evaluate: Callable[[list[Item]], list[Item]]
    path: tuple[str, ...] | None = None  # a plain member chain from the resource: its keys

    def __call__(self, resource: Mapping[str, Any]) -> list[Item]:
        """Evaluate on one resource (``evaluate`` takes the ``[(resource, type)]`` focus directly)."""
        return self.evaluate([(resource, self.resource_type)])


def compile_path(expression: str, resource_type: str, types: ElementTypes) -> CompiledPath:
    """Compile ``expression`` for resources of ``resource_type`` (cached per table object)."""
    return _compile_cached(expression, resource_type, _Hashable(types))


class _Hashable:
    """Identity-hashed wrapper so element tables can key the compile cache."""

    __slots__ = ("table",)

    def __init__(self, table: ElementTypes) -> None:
        self.table = table

    def __hash__(self) -> int:
        return id(self.table)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashable) and other.table is self.table


@lru_cache(maxsize=4096)
def _compile_cached(expression: str, resource_type: str, types: _Hashable) -> CompiledPath:
    compiler = _Compiler(resource_type, types.table)
    c = compiler.compile(parse(expression), frozenset({resource_type}), top=True)
    ev = c.ev if c.ev is not None else identity
    path = c.path if c.path and len(c.types) == 1 else None
    return CompiledPath(expression, resource_type, c.types, c.keys, ev, path)


@dataclass(slots=True)
class _C:
    ev: Eval | None  # None: the focus itself (the root type filter, which is an identity here)
    types: frozenset[str]
    keys: tuple[str, ...] | None
    root: bool = False
    path: tuple[str, ...] | None = None  # keys walked from the resource, when only members were


_EMPTY = _C(lambda items: [], frozenset(), ())


class _Compiler:
    def __init__(self, resource_type: str, types: ElementTypes) -> None:
        self.resource_type = resource_type
        self.types = types

    def compile(self, node: Node, ctx: frozenset[str], top: bool = False) -> _C:
        kind = node[0]
        if kind == "ident":
            return self._ident(node[1], ctx, top)
        if kind == "member":
            return self._member(self.compile(node[1], ctx, top), node[2], None)
        if kind == "union":
            return self._union([self.compile(n, ctx, top) for n in node[1]])
        if kind == "as":
            return self._as(node[1], node[2], ctx, top)
        if kind == "call":
            return self._call(node, ctx, top)
        if kind == "index":
            return self._index(self.compile(node[1], ctx, top), node[2])
        if kind == "literal":
            value, ltype = node[1], node[2]
            return _C(lambda items: [(value, ltype)], frozenset({ltype}), None)
        if kind in ("=", "!="):
            return self._equals(node, ctx, top)
        if kind in ("and", "or"):
            return self._logic(node, ctx, top)
        raise UnsupportedExpression(f"unsupported construct {kind!r}")

    # -- navigation -------------------------------------------------------------------------
    def _ident(self, name: str, ctx: frozenset[str], top: bool) -> _C:
        if name[:1].isupper():  # a type name: filters the focus to that type
            if top and name in (self.resource_type, "Resource", "DomainResource"):
                return _C(None, ctx, None, root=True, path=())
            if top:
                return _EMPTY  # a branch for another resource type
            if name in ctx:
                return _C(None, ctx, None)
            raise UnsupportedExpression(f"type filter {name} inside an expression")
        return self._member(_C(None, ctx, None, root=top, path=() if top else None), name, None)

    def _lookup(self, ftype: str, name: str) -> list[tuple[str, str]] | None:
        if name == "extension" and ftype[:1].isupper():
            return [("extension", "Extension")]
        table = EXTENSION_ELEMENTS if ftype == "Extension" else self.types.get(ftype)
        if table is None or name not in table:
            return None
        spec = table[name]
        if isinstance(spec, str):
            return [(name, spec)]
        return [(name + t[:1].upper() + t[1:], t) for t in spec]

    def _member(self, focus: _C, name: str, restrict: str | None) -> _C:
        if not focus.types:
            return _EMPTY
        table: dict[str, list[tuple[str, str]]] = {}
        for ftype in sorted(focus.types):
            cands = self._lookup(ftype, name)
            if cands is None:
                continue
            if restrict is not None:
                cands = [(k, t) for k, t in cands if type_matches(t, restrict)]
            if cands:
                table[ftype] = cands
        if not table:
            what = f" as {restrict}" if restrict else ""
            raise UnsupportedExpression(f"no element {'|'.join(sorted(focus.types))}.{name}{what}")
        out_types = frozenset(t for cands in table.values() for _, t in cands)
        keys = focus.keys
        if focus.root:
            keys = tuple(dict.fromkeys(k for cands in table.values() for k, _ in cands))
        only = next(iter(table.values()))
        single = len(focus.types) == 1 and len(table) == 1 and len(only) == 1
        path = (*focus.path, only[0][0]) if single and focus.path is not None else None
        return _C(member_ev(focus.ev, table, len(focus.types) == 1), out_types, keys, path=path)

    def _as(self, inner: Node, type_name: str, ctx: frozenset[str], top: bool) -> _C:
        if inner[0] == "member":  # push the type into the member lookup (choice key selection)
            return self._member(self.compile(inner[1], ctx, top), inner[2], type_name)
        c = self.compile(inner, ctx, top)
        types = frozenset(t for t in c.types if type_matches(t, type_name))
        if not types:
            raise UnsupportedExpression(f"no value of type {type_name}")
        return _C(chain(c.ev, lambda items: [it for it in items if type_matches(it[1], type_name)]), types, c.keys)

    def _index(self, focus: _C, n: int) -> _C:
        return _C(chain(focus.ev, lambda items: items[n : n + 1]), focus.types, focus.keys)

    def _union(self, parts: list[_C]) -> _C:
        parts = [p for p in parts if p is not _EMPTY]
        if not parts:
            return _EMPTY
        if len(parts) == 1:
            return parts[0]
        evs = [p.ev or identity for p in parts]
        keys: tuple[str, ...] | None = ()
        for p in parts:
            keys = None if keys is None or p.keys is None else tuple(dict.fromkeys(keys + p.keys))

        def union(items: list[Item]) -> list[Item]:
            out: list[Item] = []
            for ev in evs:
                out.extend(ev(items))
            return out

        return _C(union, frozenset().union(*(p.types for p in parts)), keys)

    # -- functions --------------------------------------------------------------------------
    def _call(self, node: Node, ctx: frozenset[str], top: bool) -> _C:
        _, focus_node, name, args = node
        if focus_node is None:
            raise UnsupportedExpression(f"function {name}() without a focus")
        if name in ("as", "ofType"):
            if len(args) != 1 or args[0][0] != "ident":
                raise UnsupportedExpression(f"{name}() needs a type name")
            return self._as(focus_node, args[0][1], ctx, top)
        focus = self.compile(focus_node, ctx, top)
        if name == "where" and len(args) == 1:
            return self._where(focus, args[0])
        if name in ("exists", "empty") and len(args) <= 1:
            if args:
                focus = self._where(focus, args[0])
            want = name == "exists"
            return _C(chain(focus.ev, lambda items: [(bool(items) is want, "boolean")]), frozenset({"boolean"}), None)
        if name == "first" and not args:
            return self._index(focus, 0)
        if name == "extension" and len(args) == 1 and args[0][0] == "literal":
            url = args[0][1]
            ext = self._member(focus, "extension", None)
            return _C(chain(ext.ev, lambda items: [it for it in items if _url(it[0]) == url]), ext.types, ext.keys)
        raise UnsupportedExpression(f"function {name}() is not supported")

    def _where(self, focus: _C, cond: Node) -> _C:
        test: Callable[[Item], bool]
        if cond[0] == "is" and cond[1] == ("call", None, "resolve", ()):
            if not focus.types <= {"Reference"}:
                raise UnsupportedExpression("resolve() on a non-Reference")
            target = cond[2]

            def test(it: Item) -> bool:
                return reference_type(it[0]) == target

        elif cond[0] == "=" and cond[1][0] == "ident" and cond[2][0] == "literal":
            field, value = cond[1][1], cond[2][1]
            for ftype in focus.types:
                if self._lookup(ftype, field) is None:
                    raise UnsupportedExpression(f"no element {ftype}.{field}")

            def test(it: Item) -> bool:
                return type(it[0]) is dict and it[0].get(field) == value

        else:
            crit_ev = self.compile(cond, focus.types).ev or identity

            def test(it: Item) -> bool:
                return truthy(crit_ev([it])) is True

        return _C(chain(focus.ev, lambda items: [it for it in items if test(it)]), focus.types, focus.keys)

    # -- operators --------------------------------------------------------------------------
    def _equals(self, node: Node, ctx: frozenset[str], top: bool) -> _C:
        left, right = self.compile(node[1], ctx, top), self.compile(node[2], ctx, top)
        lev, rev, negate = left.ev or identity, right.ev or identity, node[0] == "!="

        def equals(items: list[Item]) -> list[Item]:
            a, b = lev(items), rev(items)
            if not a or not b:
                return []
            equal = len(a) == len(b) and all(same(x[0], y[0]) for x, y in zip(a, b, strict=True))
            return [(equal is not negate, "boolean")]

        return _C(equals, frozenset({"boolean"}), None)

    def _logic(self, node: Node, ctx: frozenset[str], top: bool) -> _C:
        lev = self.compile(node[1], ctx, top).ev or identity
        rev = self.compile(node[2], ctx, top).ev or identity
        is_and = node[0] == "and"

        def logic(items: list[Item]) -> list[Item]:
            a, b = truthy(lev(items)), truthy(rev(items))
            if is_and:
                result = False if a is False or b is False else (True if a and b else None)
            else:
                result = True if a is True or b is True else (False if a is False and b is False else None)
            return [] if result is None else [(result, "boolean")]

        return _C(logic, frozenset({"boolean"}), None)


def _url(extension: Any) -> Any:
    return extension.get("url") if type(extension) is dict else None
