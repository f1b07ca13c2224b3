"""Form validation by the procedure's field rules, and the measure of how much was prefilled.

Each broken rule is one :class:`~yteso.core.errors.Issue` with the field path (``form.<key>``), the
value and the rule (``form.required``, ``form.max_length``… or the identifier rule, e.g.
``cccd.checksum``), in Vietnamese and English.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from yteso.core.errors import Issue, Unprocessable
from yteso.core.ids import IdentifierError, validate_cccd, validate_facility_code, validate_gtin
from yteso.integrations.business_registry.codes import validate_enterprise_code
from yteso.services.catalog import FormField, Procedure

_PHONE = re.compile(r"^(0|\+84)[0-9]{9,10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _issue(f: FormField, value: Any, rule: str, vi: str, en: str) -> Issue:
    return Issue(
        f"{f.label_en}: {en}",
        f"{f.label}: {vi}",
        expression=f"form.{f.key}",
        value=None if value is None else str(value)[:200],
        rule=rule,
    )


def validate(proc: Procedure, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """The cleaned form, or 422 listing every broken rule. ``partial``: only the fields given (supplements)."""
    if not isinstance(data, dict):
        issue = Issue("not an object", "không phải đối tượng", expression="form", rule="form.type")
        raise Unprocessable("The form must be an object", "Biểu mẫu phải là một đối tượng JSON", issues=[issue])
    issues: list[Issue] = []
    known = {f.key for f in proc.form}
    for key in sorted(set(data) - known):
        issues.append(
            Issue(
                f"Unknown field {key!r}",
                f"Trường {key!r} không có trong biểu mẫu",
                expression=f"form.{key}",
                rule="form.unknown",
            )
        )
    cleaned: dict[str, Any] = {}
    for f in proc.form:
        if partial and f.key not in data:
            continue
        value = data.get(f.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if f.required:
                issues.append(_issue(f, None, "form.required", "bắt buộc nhập", "is required"))
            continue
        try:
            cleaned[f.key] = _clean(f, value)
        except _Broken as exc:
            issues.append(exc.issue)
    if issues:
        raise Unprocessable("The form has errors", "Biểu mẫu có lỗi", issues=issues)
    return cleaned


class _Broken(Exception):
    def __init__(self, issue: Issue):
        self.issue = issue


def _clean(f: FormField, value: Any) -> Any:
    value = _typed(f, value)
    if isinstance(value, str):
        if f.min_length is not None and len(value) < f.min_length:
            raise _Broken(
                _issue(
                    f,
                    value,
                    "form.min_length",
                    f"tối thiểu {f.min_length} ký tự",
                    f"at least {f.min_length} characters",
                )
            )
        if f.max_length is not None and len(value) > f.max_length:
            raise _Broken(
                _issue(
                    f, value, "form.max_length", f"tối đa {f.max_length} ký tự", f"at most {f.max_length} characters"
                )
            )
        if f.pattern and not re.fullmatch(f.pattern, value):
            raise _Broken(_issue(f, value, "form.pattern", "không đúng định dạng", "does not match the format"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if f.min is not None and value < f.min:
            raise _Broken(_issue(f, value, "form.min", f"không nhỏ hơn {f.min:g}", f"must be at least {f.min:g}"))
        if f.max is not None and value > f.max:
            raise _Broken(_issue(f, value, "form.max", f"không lớn hơn {f.max:g}", f"must be at most {f.max:g}"))
    return value


def _typed(f: FormField, value: Any) -> Any:
    """Parse ``value`` as the field's type (raising :class:`_Broken`)."""

    def bad(vi: str, en: str) -> _Broken:
        return _Broken(_issue(f, value, f"form.{f.type}", vi, en))

    t = f.type
    if t in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise bad("phải là số", "must be a number")
        try:
            number = float(value)
        except ValueError:
            raise bad("phải là số", "must be a number") from None
        if t == "number":
            return number
        if not number.is_integer():
            raise bad("phải là số nguyên", "must be a whole number")
        return int(number)
    if t == "boolean":
        if not isinstance(value, bool):
            raise bad("phải là có/không", "must be true or false")
        return value
    if not isinstance(value, str):
        raise bad("phải là chuỗi ký tự", "must be text")
    text = value.strip()
    if t == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise bad("ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD") from None
    if t == "choice":
        if text not in {c.code for c in f.choices}:
            raise bad("giá trị không có trong danh sách", "is not one of the choices")
    elif t == "phone" and not _PHONE.fullmatch(text.replace(" ", "")):
        raise bad("số điện thoại không hợp lệ", "is not a Vietnamese phone number")
    elif t == "email" and not _EMAIL.fullmatch(text):
        raise bad("địa chỉ thư điện tử không hợp lệ", "is not an e-mail address")
    elif t in ("cccd", "facility_code", "gtin", "enterprise_code"):
        try:
            if t == "enterprise_code":
                return validate_enterprise_code(text, field=f"form.{f.key}")
            if t == "cccd":
                validate_cccd(text, field=f"form.{f.key}")
            elif t == "gtin":
                validate_gtin(text, field=f"form.{f.key}")
            else:
                validate_facility_code(text, field=f"form.{f.key}")
        except IdentifierError as exc:
            raise _Broken(exc.issues[0]) from None
    return text.replace(" ", "") if t == "phone" else text


def prefilled_count(proc: Procedure, form: dict[str, Any], profile: dict[str, Any]) -> tuple[int, int]:
    """(fields filled, fields whose value is one the platform offered): the "fewer fields typed" measure.

    A field counts as prefilled when its submitted value equals the value one of its prefill sources
    holds in the applicant's data store (``citizen.*``/``business.*`` from the national databases,
    ``form.<key>`` for the value typed in an earlier dossier).
    """
    filled = prefilled = 0
    for f in proc.form:
        if f.key not in form:
            continue
        filled += 1
        offered = {str(v) for v in (profile.get(_profile_key(src, f.key)) for src in f.prefill) if v is not None}
        if str(form[f.key]) in offered:
            prefilled += 1
    return filled, prefilled


def _profile_key(source: str, field_key: str) -> str:
    return f"form.{field_key}" if source == "store" else source


def offered_values(proc: Procedure, profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """For each field, the first value its prefill sources hold: ``{key: {"value", "source"}}``."""
    out: dict[str, dict[str, Any]] = {}
    for f in proc.form:
        for src in f.prefill:
            value = profile.get(_profile_key(src, f.key))
            if value is not None and value != "":
                out[f.key] = {"value": value, "source": src}
                break
    return out
