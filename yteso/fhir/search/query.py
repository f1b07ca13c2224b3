"""Compile a FHIR search (``GET /fhir/Type?...``) into one SQL query over the index tables.

Each parameter becomes ``pk IN (SELECT res_pk FROM fhir_idx_<type> WHERE res_type=? AND
param=? AND <value condition>)``; repeated parameters are AND-ed, comma-separated values
OR-ed. See docs/fhir-storage.md for which index serves which search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, not_, or_, select

from yteso.core.errors import Invalid, Issue
from yteso.fhir.search import values as v
from yteso.fhir.search.definitions import SearchParam, params_for, storage
from yteso.fhir.tables import INDEX_TABLES, idx_reference, param_rows, resource

CONTROL = {
    "_count",
    "_sort",
    "_include",
    "_revinclude",
    "_summary",
    "_elements",
    "_total",
    "_offset",
    "_snapshot",
    "_format",
    "_pretty",
}
MODIFIERS = {
    "token": {"not", "missing"},
    "string": {"exact", "contains", "missing"},
    "date": {"missing"},
    "reference": {"missing"},
    "number": {"missing"},
    "quantity": {"missing"},
    "uri": {"below", "missing"},
}


@dataclass
class SearchRequest:
    """A parsed search: conditions, sort keys, paging, includes, and ignored parameters."""

    res_type: str
    where: list[ColumnElement[bool]] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)
    count: int = 20
    offset: int = 0
    snapshot: int | None = None
    includes: list[tuple[str, str, str | None]] = field(default_factory=list)
    revincludes: list[tuple[str, str, str | None]] = field(default_factory=list)
    summary: str | None = None
    elements: list[str] | None = None
    total: str = "accurate"
    ignored: list[Issue] = field(default_factory=list)
    echo: list[tuple[str, str]] = field(default_factory=list)


def parse(
    res_type: str, params: list[tuple[str, str]], *, default_count: int, max_count: int, strict: bool
) -> SearchRequest:
    """Validate and compile search parameters; unknown ones are ignored (or 400 when ``strict``)."""
    req = SearchRequest(res_type, count=default_count)
    known = params_for(res_type)
    date_bounds: dict[str, list[str]] = {}
    for name, raw in params:
        base = name.split(":", 1)[0].split(".", 1)[0]
        if base in CONTROL:
            _control(req, name, raw, max_count)
            req.echo.append((name, raw))
            continue
        if base in known and known[base].type == "date" and name == base and "," not in raw:
            date_bounds.setdefault(base, []).append(raw)
            req.echo.append((name, raw))
            continue
        if base in ("_id", "_lastUpdated") or base in known:
            req.where.append(_condition(res_type, name, raw, known))
            req.echo.append((name, raw))
            continue
        issue = Issue(
            f"Unknown search parameter {name!r} for {res_type} was ignored",
            f"Tham số tìm kiếm {name!r} không được hỗ trợ cho {res_type} nên đã bỏ qua",
            expression=name,
            value=raw,
            rule="search.unknown",
            severity="warning",
            code="not-supported",
        )
        if strict:
            raise Invalid(issue.message_en, issue.message_vi, issues=[issue])
        req.ignored.append(issue)
    for code, bounds in date_bounds.items():
        req.where.append(_date_range_condition(known[code], bounds))
    return req


def _date_range_condition(param: SearchParam, bounds: list[str]) -> ColumnElement[bool]:
    """``date=ge2024-03-01&date=lt2024-04-01``: all bounds on the same indexed value (one index scan)."""
    t = INDEX_TABLES["date"]
    conds = [v.date_condition(t.c.low, t.c.high, param.code, raw) for raw in bounds]
    lower: int | None = None
    upper: int | None = None
    for raw in bounds:
        lo, hi = v.date_window(param.code, raw)
        if lo is not None:
            lower = lo if lower is None else max(lower, lo)
        if hi is not None:
            upper = hi if upper is None else min(upper, hi)
    window = v.windowed(t, lower, upper)
    if window is not None:
        conds.append(window)
    return resource.c.pk.in_(_param_rows(param).where(and_(*conds)))


def _control(req: SearchRequest, name: str, raw: str, max_count: int) -> None:
    try:
        if name == "_count":
            req.count = max(0, min(int(raw), max_count))
        elif name == "_offset":
            req.offset = max(0, int(raw))
        elif name == "_snapshot":
            req.snapshot = int(raw)
        elif name == "_sort":
            for key in filter(None, raw.split(",")):
                desc = key.startswith("-")
                key = key.lstrip("-")
                if key not in ("_id", "_lastUpdated") and key not in params_for(req.res_type):
                    raise v.bad_value(
                        "_sort", raw, "search.sort", f"cannot sort by {key!r}", f"không sắp xếp được theo {key!r}"
                    )
                req.sort.append((key, desc))
        elif name in ("_include", "_revinclude"):
            parts = raw.split(":")
            if len(parts) not in (2, 3) or parts[1] not in params_for(parts[0]):
                raise v.bad_value(
                    name, raw, "search.include", "expected Type:param[:target]", "cần dạng Loại:tham_số[:loại_đích]"
                )
            target = parts[2] if len(parts) == 3 else None
            (req.includes if name == "_include" else req.revincludes).append((parts[0], parts[1], target))
        elif name == "_summary":
            if raw not in ("true", "false", "count", "data", "text"):
                raise v.bad_value(
                    name, raw, "search.summary", "expected true|false|count|data|text", "cần true|false|count|data|text"
                )
            req.summary = None if raw == "false" else raw
        elif name == "_elements":
            req.elements = [e.strip() for e in raw.split(",") if e.strip()]
        elif name == "_total":
            req.total = raw
    except ValueError:
        raise v.bad_value(name, raw, "search.control", "not a valid value", "giá trị không hợp lệ") from None


def _condition(
    res_type: str, name: str, raw: str, known: dict[str, SearchParam], r: Any = resource
) -> ColumnElement[bool]:
    code, _, rest = name.partition(":")
    chain = None
    if "." in code:
        code, chain = code.split(".", 1)
    modifier, chained = [*rest.split(".", 1), None][:2] if rest else (None, None)
    if chained:
        chain = chained
    if code == "_id":
        return r.c.res_id.in_(raw.split(","))
    if code == "_lastUpdated":
        return or_(*[v.instant_condition(r.c.last_updated, "_lastUpdated", one) for one in raw.split(",")])
    param = known[code]
    if modifier == "missing":
        present = _param_rows(param)
        cond = r.c.pk.in_(present)
        return not_(cond) if raw == "true" else cond
    if param.type == "reference":
        type_modifier = modifier if modifier and modifier[:1].isupper() else None
        if modifier and not type_modifier:
            raise _bad_modifier(name, raw, modifier)
        return r.c.pk.in_(_reference_rows(param, raw, type_modifier, chain))
    if modifier and modifier not in MODIFIERS.get(param.type, set()):
        raise _bad_modifier(name, raw, modifier)
    t = INDEX_TABLES[param.type]
    if modifier == "not":
        matching = _param_rows(param).where(or_(*[v.token_condition(t, x) for x in _split(raw)]))
        return not_(r.c.pk.in_(matching))
    ors = [_value_condition(param, t, name, one, modifier) for one in _split(raw)]
    return r.c.pk.in_(_param_rows(param).where(or_(*ors)))


def _split(raw: str) -> list[str]:
    """Split on commas not escaped with a backslash."""
    parts, cur, esc = [], "", False
    for ch in raw:
        if esc:
            cur += ch
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def _bad_modifier(name: str, raw: str, modifier: str) -> Invalid:
    return v.bad_value(
        name,
        raw,
        "search.modifier",
        f"modifier :{modifier} is not supported here",
        f"không hỗ trợ bổ ngữ :{modifier} ở đây",
    )


def _param_rows(param: SearchParam) -> Select[Any]:
    t = INDEX_TABLES[param.type]
    return select(t.c.res_pk).where(param_is(t, param))


def param_is(t: Any, param: SearchParam) -> ColumnElement[bool]:
    """Rows of index table ``t`` that hold ``param``'s values (under its own code or, for a
    parameter that repeats others, under theirs with the target type)."""
    stored = storage(param)
    codes = stored.codes
    cond = param_rows(t, param.resource_type, *codes)
    return cond if stored.target_type is None else and_(cond, t.c.target_type == stored.target_type)


def _value_condition(param: SearchParam, t: Any, name: str, raw: str, modifier: str | None) -> ColumnElement[bool]:
    kind = param.type
    if kind == "token":
        return v.token_condition(t, raw)
    if kind == "string":
        return v.string_condition(t, raw, modifier)
    if kind == "date":
        exact = v.date_condition(t.c.low, t.c.high, name, raw)
        window = v.windowed(t, *v.date_window(name, raw))
        return exact if window is None else and_(exact, window)
    if kind == "number":
        return v.number_condition(t.c.value, name, raw)
    if kind == "quantity":
        return v.quantity_condition(t, name, raw)
    if kind == "uri":
        return v.uri_condition(t, raw, modifier)
    raise v.bad_value(
        name, raw, "search.type", f"unsupported parameter type {kind}", f"không hỗ trợ kiểu tham số {kind}"
    )


def _reference_rows(param: SearchParam, raw: str, type_modifier: str | None, chain: str | None) -> Select[Any]:
    t = idx_reference
    rows = _param_rows(param)
    if chain:
        targets = (type_modifier,) if type_modifier else param.targets
        target = resource.alias("chained")
        ors = []
        for target_type in targets:
            target_params = params_for(target_type)
            chain_code = chain.split(":", 1)[0].split(".", 1)[0]
            if chain_code not in target_params and chain_code not in ("_id", "_lastUpdated"):
                continue
            inner = _condition(target_type, chain, raw, target_params, target)
            ors.append(
                and_(
                    t.c.target_type == target_type,
                    t.c.target_id.in_(
                        select(target.c.res_id).where(
                            target.c.res_type == target_type, target.c.deleted == false(), inner
                        )
                    ),
                )
            )
        if not ors:
            raise v.bad_value(
                f"{param.code}.{chain}",
                raw,
                "search.chain",
                "unknown chained parameter",
                "tham số nối chuỗi không hợp lệ",
            )
        return rows.where(or_(*ors))
    ors = []
    for one in _split(raw):
        ref_type, ref_id = v.reference_parts(one, param.targets, type_modifier)
        cond = t.c.target_id == ref_id
        if ref_type:
            cond = and_(cond, t.c.target_type == ref_type)
        if "/" not in one and not ref_type and not one.startswith("urn:"):
            cond = or_(cond, t.c.url == one)
        elif one.startswith(("urn:", "http")) and not ref_type:
            cond = t.c.url == one
        ors.append(cond)
    return rows.where(or_(*ors))
