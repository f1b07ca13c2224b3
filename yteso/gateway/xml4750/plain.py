"""Reading the usual, plain shape of a table document without building an XML tree.

HIS systems usually write every element of the specification in each record, in the decision's
order, as plain text: no attributes, namespaces, comments, CDATA sections, entity or character
references. For such a document one regular expression per record, built from the specification,
reads the same rows as lxml does in :class:`~yteso.gateway.xml4750.inner.TableReader`, several
times faster.

The expressions accept only a small subset of XML: the literal element names of the table, text of
XML characters other than ``<``, ``&`` and carriage return (and without ``]]>``), whitespace between
elements, and an optional UTF-8 XML declaration. Text in that subset is well-formed and has a
single reading, so nothing can be expanded, fetched or missed. Anything else, every hostile
construct included, gets None here and is read by lxml, which reports all errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.model import Row

MAX_BYTES = 4 * 1024 * 1024
"""Larger documents always go to lxml (and its 10 MB limit on one text node)."""

_DECLARATION = r'(?:<\?xml version="1\.0"(?: encoding="(?:utf|UTF)-8")?\?>)?'
_SPACE = r"[ \t\r\n]*"
# XML 1.0 characters except "<", "&" and "\r" (lxml would turn "\r\n" into "\n").
_TEXT = r"([^<&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*)"


@dataclass(frozen=True, slots=True)
class _Shape:
    """The patterns of one table: before the records, one record, after the records."""

    head: re.Pattern[str]
    record: re.Pattern[str]
    tail: re.Pattern[str]
    names: tuple[str, ...]
    """The fields of a record, in order: one group of ``record`` each."""
    single: bool
    """The root element is the only record (XML1, XML7 ...)."""


@cache
def _shape(kind: str) -> _Shape:
    table = spec.table(kind)
    fields = "".join(rf"{_SPACE}<{name}(?:/>|>{_TEXT}</{name}>)" for name in map(re.escape, table.field_names))
    tag = re.escape(table.record)
    record = re.compile(rf"<{tag}>{fields}{_SPACE}</{tag}>{_SPACE}")
    if table.list_tag is None:
        return _Shape(re.compile(_DECLARATION + _SPACE), record, re.compile(""), table.field_names, single=True)
    root, list_tag = re.escape(table.root), re.escape(table.list_tag)
    head = re.compile(rf"{_DECLARATION}{_SPACE}<{root}>{_SPACE}<{list_tag}>{_SPACE}")
    tail = re.compile(rf"</{list_tag}>{_SPACE}</{root}>{_SPACE}")
    return _Shape(head, record, tail, table.field_names, single=False)


def plain_rows(kind: str, data: bytes) -> list[Row] | None:
    """The rows of a plain document of table ``kind``, or None when lxml has to read it."""
    if len(data) > MAX_BYTES or b"]]>" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    shape = _shape(kind)
    start = shape.head.match(text)
    if start is None:
        return None
    rows: list[Row] = []
    pos = start.end()
    while (record := shape.record.match(text, pos)) is not None:
        rows.append(dict(zip(shape.names, map(str.strip, record.groups("")), strict=True)))
        pos = record.end()
    if shape.single and len(rows) != 1:
        return None  # no record, or a second root element
    return rows if shape.tail.fullmatch(text, pos) else None
