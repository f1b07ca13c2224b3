"""SQL conditions for one search value of each parameter type (FHIR R4 §3.1.1.4)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_

from yteso.core.errors import Invalid, Issue
from yteso.core.text import fold
from yteso.fhir.search.extract import date_range

PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
_PREFIX_RE = re.compile(r"^(eq|ne|gt|lt|ge|le|sa|eb|ap)(?=[\d\-+.])")


def bad_value(name: str, value: str, rule: str, en: str, vi: str) -> Invalid:
    return Invalid(
        f"Search parameter {name}={value!r}: {en}",
        f"Tham số tìm kiếm {name}={value!r}: {vi}",
        issues=[Issue(f"{name}: {en}", f"{name}: {vi}", expression=name, value=value, rule=rule)],
    )


def split_prefix(value: str) -> tuple[str, str]:
    m = _PREFIX_RE.match(value)
    return (m.group(1), value[2:]) if m else ("eq", value)


def token_condition(t: Any, value: str) -> ColumnElement[bool]:
    if "|" in value:
        system, code = value.split("|", 1)
        if not system:
            return and_(t.c.system.is_(None), t.c.code == code)
        if not code:
            return t.c.system == system
        return and_(t.c.system == system, t.c.code == code)
    return t.c.code == value


def string_condition(t: Any, value: str, modifier: str | None) -> ColumnElement[bool]:
    if modifier == "exact":
        return t.c.exact == value
    folded = fold(value)
    if modifier == "contains":
        escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return t.c.value.like(f"%{escaped}%", escape="\\")
    # starts-with as an index range scan (values are folded, byte-order collated)
    return and_(t.c.value >= folded, t.c.value < folded + "\uffff")


_SPANS = range(41)  # bit lengths of (high - low); 2**39 seconds covers 0001..9999


def date_window(name: str, raw: str) -> tuple[int | None, int | None]:
    """The interval every match must overlap, implied by one date search value (None = open)."""
    prefix, lo, hi = _parse_date(name, raw)
    windows: dict[str, tuple[int | None, int | None]] = {
        "eq": (lo, hi),
        "gt": (hi + 1, None),
        "ge": (lo, None),
        "lt": (None, lo - 1),
        "le": (None, hi),
        "sa": (hi + 1, None),
        "eb": (None, lo - 1),
    }
    return windows.get(prefix, (None, None))


def windowed(t: Any, lower: int | None, upper: int | None) -> ColumnElement[bool] | None:
    """An index-friendly condition for "the value overlaps [lower, upper]".

    Rows are grouped by ``span`` (bit length of high - low); within a group a value that ends
    at or after ``lower`` starts at or after ``lower - 2**span + 1``, so each group is a bounded
    range scan of ``(res_type, param, span, low)`` instead of a scan of every earlier value.
    """
    if lower is None and upper is None:
        return None
    branches = []
    for span in _SPANS:
        conds = [t.c.span == span]
        if lower is not None:
            conds.append(t.c.low >= lower - (1 << span) + 1)
        if upper is not None:
            conds.append(t.c.low <= upper)
        branches.append(and_(*conds))
    return or_(*branches)


def _parse_date(name: str, raw: str) -> tuple[str, int, int]:
    prefix, text = split_prefix(raw)
    try:
        lo, hi = date_range(text)
    except (ValueError, TypeError):
        raise bad_value(
            name, raw, "search.date", "not a valid FHIR date/dateTime", "không phải ngày/giờ FHIR hợp lệ"
        ) from None
    return prefix, lo, hi


def instant_condition(col: Any, name: str, raw: str) -> ColumnElement[bool]:
    """A date search on a stored instant column (naive UTC), e.g. ``_lastUpdated`` or the audit's time."""
    prefix, lo, hi = _parse_date(name, raw)
    lo_dt = datetime.fromtimestamp(lo, UTC).replace(tzinfo=None)
    hi_dt = datetime.fromtimestamp(hi + 1, UTC).replace(tzinfo=None)
    within = and_(col >= lo_dt, col < hi_dt)
    return {
        "eq": within,
        "ne": or_(col < lo_dt, col >= hi_dt),
        "gt": col >= hi_dt,
        "sa": col >= hi_dt,
        "lt": col < lo_dt,
        "eb": col < lo_dt,
        "ge": col >= lo_dt,
        "le": col < hi_dt,
        "ap": within,
    }[prefix]


def date_condition(low_col: Any, high_col: Any, name: str, raw: str) -> ColumnElement[bool]:
    prefix, lo, hi = _parse_date(name, raw)
    if prefix == "eq":
        return and_(low_col >= lo, high_col <= hi)
    if prefix == "ne":
        return not_(and_(low_col >= lo, high_col <= hi))
    if prefix == "gt":
        return high_col > hi
    if prefix == "lt":
        return low_col < lo
    if prefix == "ge":
        return high_col >= lo
    if prefix == "le":
        return low_col <= hi
    if prefix == "sa":
        return low_col > hi
    if prefix == "eb":
        return high_col < lo
    # ap: within 10% of the distance to now (at least one day) either side
    slack = max(86400, int(abs(time.time() - lo) * 0.1))
    return and_(high_col >= lo - slack, low_col <= hi + slack)


def number_condition(col: Any, name: str, raw: str) -> ColumnElement[bool]:
    prefix, text = split_prefix(raw)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise bad_value(name, raw, "search.number", "not a number", "không phải là số") from None
    exponent = number.as_tuple().exponent
    half = Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)
    lo, hi, v = float(number - half), float(number + half), float(number)
    ops: dict[str, ColumnElement[bool]] = {
        "eq": and_(col >= lo, col < hi),
        "ne": or_(col < lo, col >= hi),
        "gt": col > v,
        "lt": col < v,
        "ge": col >= v,
        "le": col <= v,
        "sa": col > v,
        "eb": col < v,
        "ap": and_(col >= v * 0.9, col <= v * 1.1) if v >= 0 else and_(col <= v * 0.9, col >= v * 1.1),
    }
    return ops[prefix]


def quantity_condition(t: Any, name: str, raw: str) -> ColumnElement[bool]:
    parts = raw.split("|")
    cond = number_condition(t.c.value, name, parts[0])
    if len(parts) == 3:
        system, code = parts[1], parts[2]
        if system:
            cond = and_(cond, t.c.system == system)
        if code:
            cond = and_(cond, t.c.code == code)
    elif len(parts) != 1:
        raise bad_value(name, raw, "search.quantity", "expected number|system|code", "cần dạng số|hệ mã|mã")
    return cond


def uri_condition(t: Any, value: str, modifier: str | None) -> ColumnElement[bool]:
    if modifier == "below":
        return t.c.value.like(value.replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
    return t.c.value == value


def reference_parts(value: str, targets: tuple[str, ...], type_modifier: str | None) -> tuple[str | None, str]:
    """(target type or None, id) for a reference search value ``Type/id``, ``id`` or an absolute URL."""
    value = value.rstrip("/")
    segments = value.split("/")
    if len(segments) >= 2 and segments[-2][:1].isupper():
        res_type, res_id = segments[-2], segments[-1]
        if "_history" in segments:
            i = segments.index("_history")
            res_type, res_id = segments[i - 2], segments[i - 1]
        return res_type, res_id
    if type_modifier:
        return type_modifier, value
    return (targets[0] if len(targets) == 1 else None), value
