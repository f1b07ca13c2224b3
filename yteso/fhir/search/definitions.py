"""FHIR R4 search parameter definitions for the supported resource types.

Loaded from the package's ``search-parameters.json`` (the R4 4.0.1 SearchParameter bundle stripped to
the supported types, plus an element type table) and compiled with :mod:`yteso.fhir.search.fhirpath`.
``_id`` and ``_lastUpdated`` are handled by the store itself and appear in neither
:func:`params_for` nor :func:`unsupported_params`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from yteso.fhir.search.fhirpath import (
    CompiledPath,
    ElementTypes,
    UnsupportedExpression,
    compile_path,
    split_union,
)

SUPPORTED_TYPES: tuple[str, ...] = (
    "Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Encounter", "Condition",
    "Observation", "DiagnosticReport", "MedicationRequest", "MedicationDispense", "MedicationStatement",
    "Medication", "Procedure", "Immunization", "AllergyIntolerance", "ServiceRequest", "Appointment", "Claim",
    "Coverage", "DocumentReference", "Composition", "Consent", "AuditEvent", "Device", "CodeSystem",
    "ValueSet", "Bundle",
)  # fmt: skip
STORE_HANDLED: tuple[str, ...] = ("_id", "_lastUpdated")
"""Resource-level parameters the store indexes itself (columns on the resource table)."""

INDEXABLE: dict[str, frozenset[str]] = {
    "token": frozenset(
        {
            "code",
            "boolean",
            "id",
            "string",
            "uri",
            "url",
            "canonical",
            "oid",
            "uuid",
            "Coding",
            "CodeableConcept",
            "Identifier",
            "ContactPoint",
        }
    ),
    "string": frozenset({"string", "markdown", "HumanName", "Address"}),
    "date": frozenset({"date", "dateTime", "instant", "Period", "Timing"}),
    "reference": frozenset({"Reference", "canonical", "uri", "url"}),
    "number": frozenset({"decimal", "integer", "positiveInt", "unsignedInt"}),
    "quantity": frozenset(
        {"Quantity", "Age", "Count", "Distance", "Duration", "SimpleQuantity", "MoneyQuantity", "Money"}
    ),
    "uri": frozenset({"uri", "url", "canonical", "oid", "uuid"}),
}
"""FHIR element types each search parameter type can index (others are skipped, e.g. Range)."""


@dataclass(frozen=True, slots=True)
class SearchParam:
    """One search parameter of one resource type."""

    resource_type: str
    code: str  # e.g. "birthdate"
    type: str  # token|string|date|reference|number|quantity|uri
    expression: str  # the FHIRPath expression restricted to this resource type
    targets: tuple[str, ...]  # for reference params
    url: str  # canonical URL of the SearchParameter
    description: str


@dataclass(frozen=True, slots=True)
class Storage:
    """Where a parameter's index rows are: under its own code, or, for a parameter that only
    repeats others (``Observation.patient`` is ``subject`` pointing at a Patient, ``combo-code``
    is ``code`` plus ``component-code``), under theirs, restricted to one target type."""

    codes: tuple[str, ...]
    target_type: str | None = None
    is_alias: bool = False


@dataclass(frozen=True, slots=True)
class _TypeDefs:
    params: dict[str, SearchParam]
    compiled: tuple[tuple[SearchParam, CompiledPath], ...]
    unsupported: dict[str, str]
    storage: dict[str, Storage]


def params_for(resource_type: str) -> dict[str, SearchParam]:
    """Supported search parameters of ``resource_type`` by code (cached; do not mutate).

    Unknown or unsupported resource types give an empty dict.
    """
    return _defs(resource_type).params


def unsupported_params(resource_type: str) -> dict[str, str]:
    """Parameters of ``resource_type`` that are not indexed, by code, with the reason."""
    return _defs(resource_type).unsupported


def compiled_params(resource_type: str) -> tuple[tuple[SearchParam, CompiledPath], ...]:
    """``(param, compiled expression)`` pairs for ``resource_type``, in definition order."""
    return _defs(resource_type).compiled


def storage(param: SearchParam) -> Storage:
    """Which stored parameter codes (and target type) hold ``param``'s values."""
    return _defs(param.resource_type).storage[param.code]


def stored_params(resource_type: str) -> tuple[tuple[SearchParam, CompiledPath], ...]:
    """The ``(param, compiled expression)`` pairs that get index rows of their own."""
    defs = _defs(resource_type)
    return tuple(pair for pair in defs.compiled if not defs.storage[pair[0].code].is_alias)


def element_types() -> ElementTypes:
    """The FHIR element type table (``{type: {element: type | [choice types]}}``)."""
    return _data()[1]


@cache
def _data() -> tuple[list[dict[str, Any]], dict[str, dict[str, str | list[str]]]]:
    raw = resources.files("yteso.fhir.search").joinpath("search-parameters.json").read_text("utf-8")
    data = json.loads(raw)
    return data["params"], data["elementTypes"]


def _restrict(expression: str, resource_type: str, resource_level: bool) -> str:
    """Keep the union branches of ``expression`` that start with ``resource_type``."""
    heads = ("Resource", "DomainResource") if resource_level else (resource_type,)
    keep = []
    for branch in split_union(expression):
        head = branch.lstrip("( ").split(".", 1)[0].split(" ", 1)[0]
        if head in heads:
            keep.append(branch)
    return " | ".join(keep)


@cache
def _defs(resource_type: str) -> _TypeDefs:
    if resource_type not in SUPPORTED_TYPES:
        return _TypeDefs({}, (), {}, {})
    entries, types = _data()
    specific: list[tuple[SearchParam, CompiledPath]] = []
    shared: list[tuple[SearchParam, CompiledPath]] = []
    unsupported: dict[str, str] = {}
    for entry in entries:
        bases = entry["base"]
        resource_level = "Resource" in bases or "DomainResource" in bases
        if resource_level:
            if "DomainResource" in bases and resource_type == "Bundle":
                continue  # Bundle is a Resource, not a DomainResource
        elif resource_type not in bases:
            continue
        code = entry["code"]
        if code in STORE_HANDLED:
            continue
        kind = entry["type"]
        if kind in ("composite", "special"):
            unsupported[code] = f"{kind} parameter"
            continue
        expression = _restrict(entry.get("expression", ""), resource_type, resource_level)
        if not expression:
            unsupported[code] = "no FHIRPath expression (full-text or named query)"
            continue
        description = entry.get("description", "")
        if isinstance(description, dict):
            description = description.get(resource_type, "")
        param = SearchParam(
            resource_type, code, kind, expression, tuple(entry.get("target", ())), entry["url"], description
        )
        try:
            compiled = compile_path(expression, resource_type, types)
        except UnsupportedExpression as exc:
            unsupported[code] = f"expression not compiled: {exc}"
            continue
        if not compiled.leaf_types & INDEXABLE[kind]:
            found = ", ".join(sorted(compiled.leaf_types))
            unsupported[code] = f"element type {found} cannot be indexed as {kind}"
            continue
        (shared if resource_level else specific).append((param, compiled))
    pairs = tuple(specific + shared)
    return _TypeDefs({p.code: p for p, _ in pairs}, pairs, unsupported, _storage([p for p, _ in pairs]))


_RESOLVE_IS = re.compile(r"(.+)\.where\(resolve\(\) is ([A-Za-z]+)\)")


def _storage(params: list[SearchParam]) -> dict[str, Storage]:
    """Find the parameters whose values are exactly the union of other parameters' values
    (optionally of one target type), so that their rows are not stored twice.

    Parameters are visited narrowest first; one is an alias when the branches of earlier plain
    parameters of the same type cover its branches exactly. Equal parameters keep the first code
    in alphabetical order (``Coverage.beneficiary`` holds ``patient``).
    """
    shapes: dict[str, tuple[frozenset[str], str | None]] = {}
    for param in params:
        branches: set[str] = set()
        targets: set[str | None] = set()
        for branch in split_union(param.expression):
            m = _RESOLVE_IS.fullmatch(branch.strip())
            branches.add(m.group(1) if m else branch.strip())
            targets.add(m.group(2) if m else None)
        if len(targets) == 1:
            shapes[param.code] = (frozenset(branches), targets.pop())
    out: dict[str, Storage] = {}
    plain: list[SearchParam] = []

    def narrowest_first(param: SearchParam) -> tuple[int, bool, str]:
        bases, target = shapes.get(param.code, (frozenset(), "?"))
        return len(bases), target is not None, param.code

    for param in sorted(params, key=narrowest_first):
        shape = shapes.get(param.code)
        codes: list[str] = []
        if shape is not None and (shape[1] is None or param.type == "reference"):
            bases = shape[0]
            covered: set[str] = set()
            candidates = [q for q in plain if q.type == param.type and shapes[q.code][0] <= bases]
            for q in sorted(candidates, key=lambda q: -len(shapes[q.code][0])):
                if not shapes[q.code][0] <= covered:
                    codes.append(q.code)
                    covered |= shapes[q.code][0]
            if covered != bases:
                codes = []
        if codes:
            out[param.code] = Storage(tuple(codes), shape[1] if shape else None, is_alias=True)
        else:
            out[param.code] = Storage((param.code,))
            if shape is not None and shape[1] is None:
                plain.append(param)
    return out
