"""Runtime helpers for compiled FHIRPath (see :mod:`yteso.fhir.search.fhirpath`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Item = tuple[Any, str]
"""One evaluation result: the FHIR JSON value and its FHIR type name (``dateTime``, ``Coding``...)."""
Eval = Callable[[list[Item]], list[Item]]

QUANTITY_TYPES = frozenset({"Quantity", "Age", "Count", "Distance", "Duration", "SimpleQuantity", "MoneyQuantity"})
_OPEN_TYPES = [
    "base64Binary", "boolean", "canonical", "code", "date", "dateTime", "decimal", "id", "instant", "integer",
    "markdown", "oid", "positiveInt", "string", "time", "unsignedInt", "uri", "url", "uuid", "Address", "Age",
    "Annotation", "Attachment", "CodeableConcept", "Coding", "ContactPoint", "Count", "Distance", "Duration",
    "HumanName", "Identifier", "Money", "Period", "Quantity", "Range", "Ratio", "Reference", "SampledData",
    "Signature", "Timing", "ContactDetail", "Contributor", "DataRequirement", "Expression",
    "ParameterDefinition", "RelatedArtifact", "TriggerDefinition", "UsageContext", "Dosage", "Meta",
]  # fmt: skip
EXTENSION_ELEMENTS: dict[str, str | list[str]] = {"url": "uri", "value": _OPEN_TYPES, "extension": "Extension"}
"""Elements of Extension (not in the generated table; every complex type may have ``extension``)."""
REFERENCE_RE = re.compile(r"(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})(?:/_history/[^/]+)?$")
"""``Type/id`` at the end of a relative or absolute reference (optionally ``/_history/v``)."""


def reference_type(ref: Any) -> str | None:
    """The resource type a Reference dict points at (from ``reference``, else its ``type``)."""
    if not isinstance(ref, dict):
        return None
    target = ref.get("reference")
    if isinstance(target, str):
        m = REFERENCE_RE.search(target)
        if m:
            return m.group(1)
    kind = ref.get("type")
    return kind if isinstance(kind, str) else None


def type_matches(fhir_type: str, wanted: str) -> bool:
    """FHIRPath type test: exact match, or a Quantity specialisation when asking for Quantity."""
    return fhir_type == wanted or (wanted == "Quantity" and fhir_type in QUANTITY_TYPES)


def identity(items: list[Item]) -> list[Item]:
    return items


def same(a: Any, b: Any) -> bool:
    if (type(a) is bool) is not (type(b) is bool):
        return False
    return bool(a == b)


def truthy(items: list[Item]) -> bool | None:
    """FHIRPath singleton evaluation of a collection as a boolean (None for empty)."""
    if not items:
        return None
    if len(items) > 1:
        return None  # an error in FHIRPath; treated as unknown so indexing never fails
    value = items[0][0]
    return value if type(value) is bool else True


def chain(first: Eval | None, then: Eval) -> Eval:
    if first is None:
        return then
    return lambda items: then(first(items))


def member_ev(focus: Eval | None, table: dict[str, list[tuple[str, str]]], single: bool) -> Eval:
    if single and len(table) == 1 and len(next(iter(table.values()))) == 1:
        ((key, ftype),) = next(iter(table.values()))

        def member1(items: list[Item]) -> list[Item]:
            out: list[Item] = []
            for value, _t in focus(items) if focus is not None else items:
                if type(value) is not dict:
                    continue
                x = value.get(key)
                if x is None:
                    continue
                if type(x) is list:
                    out.extend([(e, ftype) for e in x if e is not None])
                else:
                    out.append((x, ftype))
            return out

        return member1

    def member(items: list[Item]) -> list[Item]:
        out: list[Item] = []
        for value, vtype in focus(items) if focus is not None else items:
            cands = table.get(vtype)
            if cands is None or type(value) is not dict:
                continue
            for key, ftype in cands:
                x = value.get(key)
                if x is None:
                    continue
                if type(x) is list:
                    out.extend([(e, ftype) for e in x if e is not None])
                else:
                    out.append((x, ftype))
        return out

    return member
