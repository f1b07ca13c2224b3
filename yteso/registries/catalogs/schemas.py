"""Input of the terminology operations: query parameters (GET) and/or a Parameters resource (POST)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from yteso.core.errors import Invalid, Issue

_VALUE_KEYS = (
    "valueString", "valueCode", "valueUri", "valueCanonical", "valueUrl", "valueBoolean", "valueInteger",
    "valueCoding", "valueCodeableConcept", "valueResource",
)  # fmt: skip


@dataclass
class OpParams:
    """Operation parameters by name; each value a string, bool, int or a Coding/CodeableConcept dict."""

    values: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def parse(cls, query: list[tuple[str, str]], body: Any | None) -> OpParams:
        values: dict[str, list[Any]] = defaultdict(list)
        for key, value in query:
            values[key].append(value)
        if body is not None:
            if not isinstance(body, dict) or body.get("resourceType") != "Parameters":
                raise Invalid(
                    "The body of an operation must be a Parameters resource",
                    "Nội dung gửi kèm thao tác phải là tài nguyên Parameters",
                    issues=[Issue("Expected Parameters", "Cần Parameters", expression="resourceType", rule="op.body")],
                )
            for i, p in enumerate(body.get("parameter") or []):
                name = p.get("name") if isinstance(p, dict) else None
                keys = [k for k in _VALUE_KEYS if isinstance(p, dict) and k in p]
                if not name or not keys:
                    raise Invalid(
                        f"Parameters.parameter[{i}] needs a name and a value",
                        f"Parameters.parameter[{i}] cần name và value",
                        issues=[
                            Issue(
                                "parameter needs name and value[x]",
                                "tham số cần name và value[x]",
                                expression=f"Parameters.parameter[{i}]",
                                rule="op.parameter",
                            )
                        ],
                    )
                values[name].append(p[keys[0]])
        return cls(dict(values))

    def text(self, name: str) -> str | None:
        """The first value of ``name`` as text (``None`` when absent or empty)."""
        for value in self.values.get(name, []):
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    def texts(self, name: str) -> list[str]:
        return [v.strip() for v in self.values.get(name, []) if isinstance(v, str) and v.strip()]

    def coding(self) -> dict[str, Any] | None:
        for value in self.values.get("coding", []):
            if isinstance(value, dict):
                return value
            if isinstance(value, str) and "|" in value:  # GET convenience: coding=system|code
                system, _, code = value.partition("|")
                return {"system": system, "code": code}
        return None

    def codeable_concept(self) -> dict[str, Any] | None:
        for value in self.values.get("codeableConcept", []):
            if isinstance(value, dict):
                return value
        return None

    def integer(self, name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
        raw = (self.values.get(name) or [None])[0]
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if value < minimum or isinstance(raw, bool):
            raise Invalid(
                f"{name} must be an integer >= {minimum}, not {raw!r}",
                f"{name} phải là số nguyên >= {minimum}, không phải {raw!r}",
                issues=[Issue(f"{name} is not a valid integer", f"{name} không hợp lệ", expression=name,
                              value=str(raw), rule="op.integer")],
            )  # fmt: skip
        return min(value, maximum) if maximum is not None else value


def required(name: str) -> Invalid:
    return Invalid(
        f"Parameter {name!r} is required",
        f"Thiếu tham số bắt buộc {name!r}",
        issues=[Issue(f"{name} is required", f"Thiếu {name}", expression=name, rule="op.required")],
    )
