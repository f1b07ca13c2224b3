"""Python source of the per-resource-type extractors of :mod:`yteso.fhir.search.extract`.

An extractor is one straight-line function per resource type: it walks the member chains of the
type's stored search parameters with plain ``dict`` lookups and converts the leaves inline, so that
indexing a resource costs no closure calls, memo lookups or intermediate item lists. Branches that
are not member chains call their compiled FHIRPath. The names the source uses (``TokenValue``,
``code_token``, ``P3``...) are provided by :mod:`~yteso.fhir.search.extract` when it compiles it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["INLINE", "Branch", "General", "Step", "Walk", "extractor_source"]

Lines = list[str]
Emit = Callable[[str], Lines]
"""Lines consuming one index value, given as an expression."""
Sink = Callable[[str], Lines]
"""Lines consuming the non-empty list of a branch's values, given as an expression."""


@dataclass(frozen=True, slots=True)
class Walk:
    """Member chains from the resource (several for a choice element, in FHIRPath order), each
    with the converter of its leaf type: an :data:`INLINE` template name or a namespace name."""

    legs: tuple[tuple[tuple[str, ...], str], ...]
    where: tuple[str, str] | None = None  # keep leaves whose ``field`` equals a string literal
    dicts_only: bool = False  # as compiled FHIRPath: nothing from a resource that is not a dict


@dataclass(frozen=True, slots=True)
class General:
    """A branch evaluated by its compiled FHIRPath: ``name(resource, root)`` gives its values."""

    name: str
    keys: tuple[str, ...] | None  # empty unless the resource has one of these; None: always run


Branch = Walk | General


@dataclass(frozen=True, slots=True)
class Step:
    """One stored parameter: its namespace name, a comment and its union branches, each with an
    id (branches shared between parameters have the same id and are evaluated once)."""

    name: str
    comment: str
    branches: tuple[tuple[int, Branch], ...]


# -- converters written out: (leaf variable, emit) -> lines --------------------------------------------
def _text(x: str) -> str:
    return f"{x} if isinstance({x}, str) and {x} else None"


def _token(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is bool:",
        *_indent(emit(f"TRUE if {e} else FALSE"), 1),
        f"elif isinstance({e}, str) and {e}:",
        *_indent(emit(f"code_token({e})"), 1),
    ]


def _coding(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    code = {e}.get('code')",
        f"    system = {e}.get('system')",
        "    if code or system:",
        f"        display = {e}.get('display')",
        "        try:",
        "            token = coding_token(system, code, display)",
        "        except TypeError:  # an unhashable field",
        "            token = coding_value(system, code, display)",
        *_indent(emit("token"), 2),
    ]


def _concept(e: str, emit: Emit) -> Lines:
    loop = f"    for coding in {e}.get('coding') or ():"
    return [f"if type({e}) is dict:", loop, *_indent(_coding("coding", emit), 2)]


def _identifier(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    value = {e}.get('value')",
        f"    system = {e}.get('system')",
        "    if value or system:",
        *_indent(emit(f"new(TokenValue, ({_text('system')}, {_text('value')}, None))"), 2),
    ]


def _contact(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    value = {e}.get('value')",
        "    if isinstance(value, str) and value:",
        *_indent(emit("code_token(value)"), 2),
    ]


def _string(e: str, emit: Emit) -> Lines:
    return [f"if isinstance({e}, str) and {e}.strip():", *_indent(emit(f"string_value({e})"), 1)]


def _date(e: str, emit: Emit) -> Lines:
    return [
        f"if isinstance({e}, str):",  # date_range() rejects anything else
        f"    date = date_value({e})",
        "    if date is not None:",
        *_indent(emit("date"), 2),
    ]


def _period(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    start = {e}.get('start')",
        f"    end = {e}.get('end')",
        "    if start or end:",
        "        try:",
        "            low = date_value(start) if start else OPEN",
        "            high = date_value(end) if end else OPEN",
        "        except TypeError:  # an unhashable field",
        "            low = None",
        "        if low is not None and high is not None:",
        *_indent(emit("new(DateValue, (low[0], high[1]))"), 3),
    ]


def _quantity(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    number = {e}.get('value')",
        "    if type(number) is not bool and isinstance(number, (int, float)):",
        f"        system = {e}.get('system')",
        f"        code = {e}.get('code')",
        f"        unit = {e}.get('unit')",
        *_indent(emit(f"new(QuantityValue, (float(number), {_text('system')}, {_text('code')}, {_text('unit')}))"), 2),
    ]


def _reference(e: str, emit: Emit) -> Lines:
    return [
        f"if type({e}) is dict:",
        f"    ref = {e}.get('reference')",
        "    if isinstance(ref, str) and ref and ref[0] != '#':",
        "        value = parse_reference(ref)",
        f"        if value[0] is None and {e}.get('type'):",
        f"            kind = {e}['type']",
        f"            value = new(ReferenceValue, ({_text('kind')}, None, ref))",
        *_indent(emit("value"), 2),
    ]


def _canonical(e: str, emit: Emit) -> Lines:
    return [f"if isinstance({e}, str) and {e}:", *_indent(emit(f"new(ReferenceValue, (None, None, {e}))"), 1)]


def _uri(e: str, emit: Emit) -> Lines:
    return [f"if isinstance({e}, str) and {e}:", *_indent(emit(f"new(UriValue, ({e},))"), 1)]


INLINE: dict[str, Callable[[str, Emit], Lines]] = {
    "token": _token, "coding": _coding, "concept": _concept, "identifier": _identifier, "contact": _contact,
    "string": _string, "date": _date, "period": _period, "quantity": _quantity, "reference": _reference,
    "canonical": _canonical, "uri": _uri,
}  # fmt: skip
"""Converters written out in the source: template name -> lines emitting the values of a leaf."""
_SINGLE = frozenset(INLINE) - {"concept"}
"""Templates giving at most one value per leaf."""


def _indent(lines: Lines, levels: int) -> Lines:
    pad = "    " * levels
    return [pad + line for line in lines]


def _append(expr: str) -> Lines:
    return [f"g.append({expr})"]


def _leaf(e: str, convert: str, where: tuple[str, str] | None) -> Lines:
    """Lines appending the values of the leaf ``e`` to ``g``."""
    template = INLINE.get(convert)
    lines = template(e, _append) if template is not None else [f"if {e} is not None:", f"    {convert}({e}, g)"]
    if where is not None:
        field, literal = where
        lines = [f"if type({e}) is dict and {e}.get({field!r}) == {literal!r}:", *_indent(lines, 1)]
    return lines


def _loop(x: str, e: str) -> str:
    return f"for {e} in ({x} if type({x}) is list else ({x},)):"


def _leg(keys: tuple[str, ...], convert: str, where: tuple[str, str] | None) -> Lines:
    """Lines appending to ``g`` the values at the end of ``keys``, walked from ``x0``."""
    lines: Lines = []
    for i, key in enumerate(keys[1:], 1):
        lines += _indent([_loop(f"x{i - 1}", f"e{i - 1}"), f"    if type(e{i - 1}) is dict:"], 3 * (i - 1))
        lines += _indent([f"x{i} = e{i - 1}.get({key!r})", f"if x{i} is not None:"], 3 * (i - 1) + 2)
    n = len(keys) - 1
    return [*lines, *_indent([_loop(f"x{n}", f"e{n}"), *_indent(_leaf(f"e{n}", convert, where), 1)], 3 * n)]


def _found(sink: Sink) -> Lines:
    return ["if g:", "    if len(g) > 1:", "        g = list(dict.fromkeys(g))", *_indent(sink("g"), 1)]


def _branch(resource_type: str, branch: Branch, sink: Sink) -> Lines:
    """Lines giving ``sink`` the branch's values (a non-empty, deduplicated list), if any."""
    if isinstance(branch, General):
        call = [f"g = {branch.name}(resource, [(resource, {resource_type!r})])", "if g:", *_indent(sink("g"), 1)]
        if branch.keys is None:
            return call
        return ["if " + " or ".join(f"{k!r} in resource" for k in branch.keys) + ":", *_indent(call, 1)]
    # a member present with a null value needs no test of its own: no template converts None
    if len(branch.legs) == 1 and not branch.dicts_only:
        ((keys, convert),) = branch.legs
        if len(keys) == 1 and convert in _SINGLE and branch.where is None:
            # one value, the usual case, goes to the sink without a list to append to and deduplicate
            single = INLINE[convert]("x0", lambda value: sink(f"[{value}]"))
            many = ["g = []", "for e0 in x0:", *_indent(_leaf("e0", convert, None), 1), *_found(sink)]
            body = ["if type(x0) is list:", *_indent(many, 1), "else:", *_indent(single, 1)]
        else:
            body = ["g = []", *_leg(keys, convert, branch.where), *_found(sink)]
        return [f"if {keys[0]!r} in resource:", f"    x0 = get({keys[0]!r})", *_indent(body, 1)]
    lines = ["g = []"]
    for keys, convert in branch.legs:
        leg = _leg(keys, convert, branch.where)
        lines += [f"if {keys[0]!r} in resource:", f"    x0 = get({keys[0]!r})", *_indent(leg, 1)]
    if branch.dicts_only:
        lines = ["g = []", "if type(resource) is dict:", *_indent(lines[1:], 1)]
    return [*lines, *_found(sink)]


def _append_to_out(param: str) -> Sink:
    return lambda values: [f"out.append(({param}, {values}))"]


def _assign_to(variable: str) -> Sink:
    return lambda values: [f"{variable} = {values}"]


def extractor_source(function: str, resource_type: str, steps: list[Step]) -> str:
    """The source of ``function(resource)``: ``[(param, values), ...]`` of a ``resource_type``."""
    uses = [bid for step in steps for bid, _ in step.branches]
    shared = {bid for bid in uses if uses.count(bid) > 1}
    lines = [
        f"def {function}(resource):",
        f'    """The stored search parameters of one {resource_type} and their values (made by {__name__})."""',
        "    get = resource.get",
        "    out = []",
    ]
    done: set[int] = set()
    for step in steps:
        body = [f"# {step.comment}"]
        if len(step.branches) == 1 and step.branches[0][0] not in shared:
            body += _branch(resource_type, step.branches[0][1], _append_to_out(step.name))
        else:  # each branch's values in a variable, as _values() memoizes them
            for bid, branch in step.branches:
                if bid not in done:
                    body += [f"b{bid} = ()", *_branch(resource_type, branch, _assign_to(f"b{bid}"))]
                    done.add(bid)
            names = [f"b{bid}" for bid, _ in step.branches]
            found = names[0] if len(names) == 1 else f"merge({', '.join(names)})"
            body += [f"if {' or '.join(names)}:", f"    out.append(({step.name}, {found}))"]
        lines += _indent(body, 1)
    lines.append("    return out")
    return "\n".join(lines) + "\n"
