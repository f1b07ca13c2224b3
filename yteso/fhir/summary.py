"""``_summary`` and ``_elements``: return a subset of a resource, marked SUBSETTED."""

from __future__ import annotations

from functools import cache
from typing import Any

from yteso.fhir.models import model_class

_SUBSETTED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED"}
_ALWAYS = {"resourceType", "id", "meta"}


@cache
def summary_elements(res_type: str) -> frozenset[str]:
    """Top-level JSON names the R4 definition marks ``isSummary`` (mandatory ones included)."""
    cls = model_class(res_type)
    names: set[str] = set()
    for name, info in cls.model_fields.items():
        extra = info.json_schema_extra or {}
        if isinstance(extra, dict) and (extra.get("summary_element_property") or extra.get("element_required")):
            names.add(info.alias or name)
    return frozenset(names)


def shape(body: dict[str, Any], *, summary: str | None, elements: list[str] | None) -> dict[str, Any]:
    """Apply ``_summary`` (true, text, data) or ``_elements`` to one resource."""
    if not summary and not elements:
        return body
    if summary == "data":
        kept = {k: v for k, v in body.items() if k != "text"}
    elif summary == "text":
        kept = {k: v for k, v in body.items() if k in _ALWAYS or k == "text"}
    elif summary == "true":
        allowed = summary_elements(body["resourceType"]) | _ALWAYS
        kept = {k: v for k, v in body.items() if _choice_root(k) in allowed or k in allowed}
    else:
        wanted = set(elements or []) | _ALWAYS
        kept = {k: v for k, v in body.items() if k in wanted or _choice_root(k) in wanted}
    meta = dict(kept.get("meta") or {})
    meta["tag"] = [*meta.get("tag", []), _SUBSETTED]
    kept["meta"] = meta
    return kept


def _choice_root(name: str) -> str:
    for i, ch in enumerate(name):
        if ch.isupper() and i > 0:
            return name[:i]
    return name
