"""The one import of FHIR models, and structural validation of written resources.

fhir.resources >= 7 ships R4B (4.3) and R5 models but not R4 (4.0.1). We validate with the R4B
models: for the resource types this store supports their structure is the R4 structure
(docs/fhir-models.md lists what differs between R4 and R4B and why none of it touches the
supported types). Changing the model release is a one-line change here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fhir.resources import R4B as fhir_models
from pydantic import ValidationError

from yteso.core.errors import Issue, Unprocessable

FHIR_VERSION = "4.0.1"


@cache
def model_class(resource_type: str) -> Any:
    """The pydantic model of ``resource_type`` (raises ValueError if unknown)."""
    return fhir_models.get_fhir_model_class(resource_type)


def validate_resource(resource: dict[str, Any], *, expression_prefix: str = "") -> None:
    """Check ``resource`` against the R4 structure; raise :class:`Unprocessable` listing every problem.

    ``expression`` of each issue is a FHIRPath-like path to the element, e.g.
    ``Observation.code.coding[0].code``.
    """
    resource_type = resource.get("resourceType")
    try:
        cls = model_class(str(resource_type))
    except ValueError:
        raise Unprocessable(
            f"Unknown resourceType {resource_type!r}",
            f"resourceType không hợp lệ: {resource_type!r}",
            issues=[
                Issue(
                    f"Unknown resourceType {resource_type!r}",
                    f"resourceType không hợp lệ: {resource_type!r}",
                    expression=f"{expression_prefix}resourceType",
                    value=str(resource_type),
                    rule="resource.type",
                )
            ],
        ) from None
    try:
        cls.model_validate(resource)
    except ValidationError as exc:
        issues = [_issue(resource_type, err, expression_prefix) for err in exc.errors()[:50]]
        raise Unprocessable(
            f"{resource_type} does not conform to FHIR R4: {issues[0].message_en}",
            f"{resource_type} không đúng cấu trúc FHIR R4: {issues[0].message_vi}",
            issues=issues,
        ) from None


def _issue(resource_type: object, err: Any, prefix: str) -> Issue:
    path = str(resource_type)
    for part in err.get("loc", ()):
        if isinstance(part, int):
            path += f"[{part}]"
        elif part not in ("__root__",):
            path += f".{part}"
    kind = err.get("type", "invalid")
    message = err.get("msg", "invalid")
    value = err.get("input")
    shown = None if isinstance(value, dict | list) else str(value)
    vi = {
        "extra_forbidden": "Phần tử không có trong định nghĩa FHIR R4",
        "missing": "Thiếu phần tử bắt buộc",
        "string_type": "Giá trị phải là chuỗi",
        "int_parsing": "Giá trị phải là số nguyên",
    }.get(kind, "Giá trị không hợp lệ")
    return Issue(
        message_en=f"{path}: {message}",
        message_vi=f"{path}: {vi}",
        expression=f"{prefix}{path}",
        value=shown,
        rule=f"fhir.{kind}",
        code="structure" if kind in ("extra_forbidden", "missing") else "value",
    )
