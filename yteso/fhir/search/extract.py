"""Search-index extraction: the values of every supported search parameter of a resource.

Conversions follow FHIR R4 §3.1.1.4 (search parameter types). Dates are inclusive epoch-second
ranges in UTC; values without a timezone are taken as Vietnam time (UTC+7).
"""

from __future__ import annotations

import linecache
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from yteso.fhir.search._dates import FAR_FUTURE, FAR_PAST, LOCAL_OFFSET, date_range
from yteso.fhir.search._extract_codegen import Branch, General, Step, Walk, extractor_source
from yteso.fhir.search._fhirpath_ast import Node, parse
from yteso.fhir.search._fhirpath_eval import REFERENCE_RE
from yteso.fhir.search.definitions import (
    INDEXABLE,
    SUPPORTED_TYPES,
    SearchParam,
    compiled_params,
    element_types,
    stored_params,
)
from yteso.fhir.search.fhirpath import CompiledPath, compile_path, split_union

__all__ = [
    "FAR_FUTURE", "FAR_PAST", "LOCAL_OFFSET", "DateValue", "IndexValue", "NumberValue", "QuantityValue",
    "ReferenceValue", "StringValue", "TokenValue", "UriValue", "date_range", "extract", "extract_by_param",
    "param_values",
]  # fmt: skip

CURRENCY_SYSTEM = "urn:iso:std:iso:4217"


class TokenValue(NamedTuple):
    system: str | None
    code: str | None
    display: str | None


class StringValue(NamedTuple):
    value: str  # original text; the store folds it


class DateValue(NamedTuple):
    low: int  # epoch seconds, inclusive (UTC)
    high: int


class ReferenceValue(NamedTuple):
    target_type: str | None
    target_id: str | None
    url: str  # the raw reference


class NumberValue(NamedTuple):
    value: float


class QuantityValue(NamedTuple):
    value: float
    system: str | None
    code: str | None
    unit: str | None


class UriValue(NamedTuple):
    value: str


IndexValue = TokenValue | StringValue | DateValue | ReferenceValue | NumberValue | QuantityValue | UriValue

# -- converters: (value, out) appends index values -------------------------------------------------
Converter = Callable[[Any, list[Any]], None]


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _tok_primitive(v: Any, out: list[Any]) -> None:
    if type(v) is bool:
        out.append(TokenValue(None, "true" if v else "false", None))
    elif isinstance(v, str) and v:
        out.append(TokenValue(None, v, None))


def _tok_coding(v: Any, out: list[Any]) -> None:
    if type(v) is dict and (v.get("code") or v.get("system")):
        out.append(TokenValue(_str(v.get("system")), _str(v.get("code")), _str(v.get("display"))))


def _tok_concept(v: Any, out: list[Any]) -> None:
    if type(v) is dict:
        for coding in v.get("coding") or ():
            _tok_coding(coding, out)


def _tok_identifier(v: Any, out: list[Any]) -> None:
    if type(v) is dict and (v.get("value") or v.get("system")):
        out.append(TokenValue(_str(v.get("system")), _str(v.get("value")), None))


def _tok_contact(v: Any, out: list[Any]) -> None:
    if type(v) is dict and _str(v.get("value")):
        out.append(TokenValue(None, v["value"], None))


def _str_primitive(v: Any, out: list[Any]) -> None:
    if isinstance(v, str) and v.strip():
        out.append(StringValue(v))


def _str_parts(fields: tuple[str, ...]) -> Converter:
    def convert(v: Any, out: list[Any]) -> None:
        if type(v) is not dict:
            return
        for field in fields:
            x = v.get(field)
            if type(x) is list:
                for part in x:
                    _str_primitive(part, out)
            else:
                _str_primitive(x, out)

    return convert


def _date_primitive(v: Any, out: list[Any]) -> None:
    try:
        low, high = date_range(v)
    except (ValueError, TypeError):
        return
    out.append(DateValue(low, high))


def _date_period(v: Any, out: list[Any]) -> None:
    if type(v) is not dict or not (v.get("start") or v.get("end")):
        return
    try:
        low = date_range(v["start"])[0] if v.get("start") else FAR_PAST
        high = date_range(v["end"])[1] if v.get("end") else FAR_FUTURE
    except (ValueError, TypeError):
        return
    out.append(DateValue(low, high))


def _date_timing(v: Any, out: list[Any]) -> None:
    if type(v) is dict:
        for event in v.get("event") or ():
            _date_primitive(event, out)


def _ref(v: Any, out: list[Any]) -> None:
    ref = v.get("reference") if type(v) is dict else None
    if not isinstance(ref, str) or not ref or ref[0] == "#":
        return  # identifier/display-only or contained references are not indexed
    value = _parse_reference(ref)
    if value.target_type is None and v.get("type"):
        # an unparseable reference keeps its declared ``type``, as FHIRPath ``resolve() is T`` does
        value = ReferenceValue(_str(v["type"]), None, ref)
    out.append(value)


@lru_cache(maxsize=16384)  # a dossier's resources point at the same patient and encounter
def _parse_reference(ref: str) -> ReferenceValue:
    m = None if ref.startswith("urn:") else REFERENCE_RE.search(ref)
    return ReferenceValue(m.group(1), m.group(2), ref) if m else ReferenceValue(None, None, ref)


def _ref_canonical(v: Any, out: list[Any]) -> None:
    if isinstance(v, str) and v:
        out.append(ReferenceValue(None, None, v))


def _number(v: Any) -> float | None:
    return None if type(v) is bool or not isinstance(v, int | float) else float(v)


def _num(v: Any, out: list[Any]) -> None:
    n = _number(v)
    if n is not None:
        out.append(NumberValue(n))


def _quantity(v: Any, out: list[Any]) -> None:
    n = _number(v.get("value")) if type(v) is dict else None
    if n is not None:
        out.append(QuantityValue(n, _str(v.get("system")), _str(v.get("code")), _str(v.get("unit"))))


def _money(v: Any, out: list[Any]) -> None:
    n = _number(v.get("value")) if type(v) is dict else None
    if n is not None:
        currency = _str(v.get("currency"))
        out.append(QuantityValue(n, CURRENCY_SYSTEM if currency else None, currency, None))


def _uri(v: Any, out: list[Any]) -> None:
    if isinstance(v, str) and v:
        out.append(UriValue(v))


_PRIMITIVE_TOKENS = ("code", "boolean", "id", "string", "uri", "url", "canonical", "oid", "uuid")
CONVERTERS: dict[str, dict[str, Converter]] = {
    "token": {**dict.fromkeys(_PRIMITIVE_TOKENS, _tok_primitive), "Coding": _tok_coding,
              "CodeableConcept": _tok_concept, "Identifier": _tok_identifier, "ContactPoint": _tok_contact},
    "string": {"string": _str_primitive, "markdown": _str_primitive,
               "HumanName": _str_parts(("family", "given", "prefix", "suffix", "text")),
               "Address": _str_parts(("line", "city", "district", "state", "postalCode", "country", "text"))},
    "date": {"date": _date_primitive, "dateTime": _date_primitive, "instant": _date_primitive,
             "Period": _date_period, "Timing": _date_timing},
    "reference": {"Reference": _ref, **dict.fromkeys(("canonical", "uri", "url"), _ref_canonical)},
    "number": dict.fromkeys(("decimal", "integer", "positiveInt", "unsignedInt"), _num),
    "quantity": {**dict.fromkeys(("Quantity", "Age", "Count", "Distance", "Duration", "SimpleQuantity",
                                  "MoneyQuantity"), _quantity), "Money": _money},
    "uri": dict.fromkeys(("uri", "url", "canonical", "oid", "uuid"), _uri),
}  # fmt: skip
"""Per search parameter type: FHIR element type -> converter (mirrors definitions.INDEXABLE)."""

_Branch = tuple[str, Callable[[Mapping[str, Any], list[tuple[Any, str]]], list[Any]], tuple[str, ...] | None]
"""(memo key, values of the branch for (resource, root focus), top-level keys it needs)."""
_Step = tuple[SearchParam, dict[str, Converter], tuple[_Branch, ...]]
_Extractor = Callable[[Mapping[str, Any]], list[tuple[SearchParam, list[Any]]]]

_extractors: dict[str, _Extractor] = {}
_by_code: dict[str, dict[str, _Step]] = {}


def _branches(resource_type: str, param: SearchParam, compiled: CompiledPath) -> list[tuple[str, CompiledPath]]:
    """A param's indexable union branches, each compiled on its own so that branches shared
    between params are evaluated once per resource."""
    indexable = INDEXABLE[param.type]
    out = []
    for text in split_union(compiled.expression):
        branch = compile_path(text, resource_type, element_types())
        if branch.leaf_types & indexable:
            out.append((text, branch))
    return out


def _step(resource_type: str, param: SearchParam, compiled: CompiledPath) -> _Step:
    """A param's converters and the value functions of its union branches."""
    converters = CONVERTERS[param.type]
    branches = tuple(
        (f"{param.type}:{text}", _branch_values(branch, converters), branch.root_keys)
        for text, branch in _branches(resource_type, param, compiled)
    )
    return param, converters, branches


def _branch_values(
    branch: CompiledPath, converters: dict[str, Converter]
) -> Callable[[Mapping[str, Any], list[tuple[Any, str]]], list[Any]]:
    """The function giving a branch's index values: a plain member chain walks the keys with
    its one converter; anything else runs the compiled FHIRPath."""
    path = branch.path
    if path is None:
        evaluate = branch.evaluate

        def general(_resource: Mapping[str, Any], root: list[tuple[Any, str]]) -> list[Any]:
            items = evaluate(root)
            return _convert(items, converters) if items else []

        return general
    convert = converters.get(next(iter(branch.leaf_types)))
    if convert is None:
        return lambda _resource, _root: []
    first, rest = path[0], path[1:]

    def walk(resource: Mapping[str, Any], _root: list[tuple[Any, str]]) -> list[Any]:
        x = resource.get(first)
        if x is None:
            return []
        found = x if type(x) is list else [x]
        for key in rest:
            deeper: list[Any] = []
            for value in found:
                if type(value) is dict:
                    x = value.get(key)
                    if x is not None:
                        if type(x) is list:
                            deeper.extend(x)
                        else:
                            deeper.append(x)
            if not deeper:
                return deeper
            found = deeper
        values: list[Any] = []
        for value in found:
            if value is not None:
                convert(value, values)
        return list(dict.fromkeys(values)) if len(values) > 1 else values

    return walk


def _convert(items: list[tuple[Any, str]], converters: dict[str, Converter]) -> list[Any]:
    values: list[Any] = []
    for value, fhir_type in items:
        convert = converters.get(fhir_type)
        if convert is not None:
            convert(value, values)
    return list(dict.fromkeys(values)) if len(values) > 1 else values


def _values(
    resource: Mapping[str, Any], root: list[tuple[Any, str]], step: _Step, memo: dict[str, list[Any]]
) -> list[Any]:
    found: list[Any] = []
    parts = 0
    for key, branch_values, keys in step[2]:
        if keys is not None:
            for k in keys:
                if k in resource:
                    break
            else:
                continue
        got = memo.get(key)
        if got is None:
            got = memo[key] = branch_values(resource, root)
        if got:
            found = got if not parts else found + got
            parts += 1
    return list(dict.fromkeys(found)) if parts > 1 else found


def extract(resource: Mapping[str, Any]) -> list[tuple[SearchParam, IndexValue]]:
    """Index values of every stored search parameter of ``resource`` (deduplicated per param).

    Parameters that only repeat others (:func:`~yteso.fhir.search.definitions.storage`) get no
    values of their own.
    """
    return [(param, value) for param, found in extract_by_param(resource) for value in found]


def extract_by_param(resource: Mapping[str, Any]) -> list[tuple[SearchParam, list[Any]]]:
    """:func:`extract` grouped by parameter (each list holds values of the parameter's type).

    Only the parameters that the resource's top-level elements can feed are evaluated, by a
    function generated for the resource type (the store's hot path; see :func:`_extractor_source`).
    """
    rtype = resource.get("resourceType")
    if not isinstance(rtype, str):
        return []
    extractor = _extractors.get(rtype)
    if extractor is None:
        if rtype not in SUPPORTED_TYPES:
            return []  # not cached: the type comes from the request
        extractor = _extractors[rtype] = _compile_extractor(rtype)
    return extractor(resource)


# -- extractors: one generated function per resource type ------------------------------------------
_INLINE: dict[Converter, str] = {
    _tok_primitive: "token", _tok_coding: "coding", _tok_concept: "concept", _tok_identifier: "identifier",
    _tok_contact: "contact", _str_primitive: "string", _date_primitive: "date", _ref: "reference",
    _ref_canonical: "canonical", _uri: "uri", _date_period: "period", _quantity: "quantity",
}  # fmt: skip
"""Converters that :mod:`~yteso.fhir.search._extract_codegen` writes out (others are called)."""


@lru_cache(maxsize=16384)  # a dossier's resources repeat the same instants
def _date_value(text: str) -> DateValue | None:
    """What :func:`_date_primitive` appends for ``text``, if anything."""
    try:
        return DateValue(*date_range(text))
    except (ValueError, TypeError):
        return None


def _coding_value(system: Any, code: Any, display: Any) -> TokenValue:
    return TokenValue(_str(system), _str(code), _str(display))


def _code_value(code: str) -> TokenValue:
    return TokenValue(None, code, None)


def _merge(*parts: list[Any]) -> list[Any]:
    """The values of a param from those of its union branches (as :func:`_values` joins them)."""
    found: list[Any] = []
    n = 0
    for got in parts:
        if got:
            found = got if not n else found + got
            n += 1
    return list(dict.fromkeys(found)) if n > 1 else found


# Index values are immutable, so the usual ones are shared (cached): fewer objects to allocate,
# track and free. Equal arguments give equal values, so a cache hit changes no result.
_GLOBALS: dict[str, Any] = {
    "new": tuple.__new__,  # builds NamedTuples without their Python-level __new__
    "TokenValue": TokenValue, "DateValue": DateValue, "ReferenceValue": ReferenceValue, "UriValue": UriValue,
    "QuantityValue": QuantityValue, "OPEN": DateValue(FAR_PAST, FAR_FUTURE),
    "TRUE": TokenValue(None, "true", None), "FALSE": TokenValue(None, "false", None),
    "code_token": lru_cache(maxsize=4096)(_code_value),
    "coding_token": lru_cache(maxsize=8192)(_coding_value), "coding_value": _coding_value,
    "string_value": lru_cache(maxsize=4096)(StringValue), "date_value": _date_value,
    "parse_reference": _parse_reference, "merge": _merge,
}  # fmt: skip
"""The names the generated extractors use, besides their params (``P3``), called converters and
FHIRPath branches."""


def _walk(resource_type: str, text: str, branch: CompiledPath, param_type: str, names: dict[str, Any]) -> Walk | None:
    """``branch`` as member chains, when it is one: a plain path, a choice element of the resource
    (``Observation.effective``) or a plain path ``.where(field = 'literal')``; else None."""
    types = element_types()

    def convert(fhir_type: str) -> str | None:
        converter = CONVERTERS[param_type].get(fhir_type)
        if converter is None:
            return None
        name = _INLINE.get(converter)
        if name is None:
            name = f"{param_type}_{fhir_type}"
            names[name] = converter
        return name

    if branch.path is not None:
        name = convert(next(iter(branch.leaf_types)))
        return None if name is None else Walk(((branch.path, name),))
    node = parse(text)
    if node[0] == "member" and node[1][0] == "ident" and node[1][1] in (resource_type, "Resource", "DomainResource"):
        spec = types.get(resource_type, {}).get(node[2])
        if not isinstance(spec, list):
            return None
        choices = [(node[2] + t[:1].upper() + t[1:], t) for t in spec]
        if tuple(k for k, _ in choices) != branch.root_keys or {t for _, t in choices} != branch.leaf_types:
            return None
        legs = tuple(((key,), name) for key, t in choices if (name := convert(t)) is not None)
        return Walk(legs, dicts_only=True)
    if node[0] == "call" and node[2] == "where" and len(node[3]) == 1:
        cond = node[3][0]
        focus = _member_chain(node[1])
        if cond[0] != "=" or cond[1][0] != "ident" or cond[2][0] != "literal" or cond[2][2] != "string" or not focus:
            return None
        plain = compile_path(focus, resource_type, types)
        if plain.path is None or plain.leaf_types != branch.leaf_types or plain.root_keys != branch.root_keys:
            return None
        name = convert(next(iter(plain.leaf_types)))
        return None if name is None else Walk(((plain.path, name),), where=(cond[1][1], cond[2][1]), dicts_only=True)
    return None


def _member_chain(node: Node) -> str | None:
    """``A.b.c`` for a chain of members from a name, else None."""
    if node[0] == "ident":
        return str(node[1])
    inner = _member_chain(node[1]) if node[0] == "member" else None
    return None if inner is None else f"{inner}.{node[2]}"


def _extractor_parts(resource_type: str) -> tuple[str, dict[str, Any]]:
    """The source of ``resource_type``'s extractor and the names it uses."""
    names: dict[str, Any] = dict(_GLOBALS)
    steps: list[Step] = []
    ids: dict[str, tuple[int, Branch]] = {}
    for i, (param, compiled) in enumerate(stored_params(resource_type)):
        branches: list[tuple[int, Branch]] = []
        texts = []
        for text, branch in _branches(resource_type, param, compiled):
            texts.append(text)
            key = f"{param.type}:{text}"  # the memo key of _values: equal branches are evaluated once
            if key not in ids:
                plan: Branch | None = _walk(resource_type, text, branch, param.type, names)
                if plan is None:
                    names[f"branch_{len(ids)}"] = _branch_values(branch, CONVERTERS[param.type])
                    plan = General(f"branch_{len(ids)}", branch.root_keys)
                ids[key] = (len(ids), plan)
            branches.append(ids[key])
        if branches:
            names[f"P{i}"] = param
            steps.append(Step(f"P{i}", f"{param.code} ({param.type}): {' | '.join(texts)}", tuple(branches)))
    return extractor_source(f"extract_{resource_type}", resource_type, steps), names


def _compile_extractor(resource_type: str) -> _Extractor:
    source, names = _extractor_parts(resource_type)
    filename = f"<search extractor {resource_type}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # for tracebacks
    exec(compile(source, filename, "exec"), names)
    extractor: _Extractor = names[f"extract_{resource_type}"]
    return extractor


def _extractor_source(resource_type: str) -> str:
    """The generated source of ``resource_type``'s extractor (for tests and debugging)."""
    return _extractor_parts(resource_type)[0]


def param_values(resource: Mapping[str, Any], param: SearchParam) -> list[IndexValue]:
    """Index values of one search parameter of ``resource`` (deduplicated)."""
    steps = _by_code.setdefault(param.resource_type, {})
    step = steps.get(param.code)
    if step is None:
        compiled = dict(compiled_params(param.resource_type)).get(param)
        if compiled is None:
            return []
        step = steps[param.code] = _step(param.resource_type, param, compiled)
    if step[0] != param:
        return []
    return _values(resource, [(resource, param.resource_type)], step, {})
