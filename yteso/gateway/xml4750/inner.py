"""Reading one table document (the decoded NOIDUNGFILE of a FILEHOSO) into rows, safely.

Problems become :class:`DossierError` values, never exceptions, so that one bad file only
spoils its own dossier. Documents of the usual plain shape are read by
:mod:`~yteso.gateway.xml4750.plain` without a tree; lxml reads all others and finds every error.
"""

from __future__ import annotations

import base64
import binascii

from lxml import etree

from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.errors import DossierError, make_error
from yteso.gateway.xml4750.model import Row
from yteso.gateway.xml4750.plain import plain_rows

_IGNORED_CHILDREN = frozenset({"CHUKYDONVI"})
_COUNT = etree.XPath("count(//*)")


def safe_parser() -> etree.XMLParser:
    """An lxml parser that never loads a DTD, never expands entities and never touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def local_name(tag: str) -> str:
    """Element name without a namespace (``{ns}X`` -> ``X``)."""
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag


def short(exc: Exception) -> str:
    """First line of an exception message, at most 200 characters."""
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def decode_base64(text: str) -> bytes | None:
    """Decode NOIDUNGFILE; line breaks and spaces (MIME-style wrapping) are allowed. None if invalid."""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        pass
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


class TableReader:
    """Parses table documents with one reusable safe parser (not thread-safe: one per reader)."""

    def __init__(self) -> None:
        self._parser = safe_parser()

    def read_base64(self, kind: str, text: str, first_row: int = 1) -> tuple[list[Row], list[DossierError]]:
        """Decode a NOIDUNGFILE and read its rows; ``first_row`` numbers rows after earlier files."""
        if not text or text.isspace():
            return [], [make_error("FILE_EMPTY", kind)]
        data = decode_base64(text)
        if data is None:
            return [], [make_error("FILE_BASE64", kind)]
        return self.read(kind, data, first_row)

    def read(self, kind: str, data: bytes, first_row: int = 1) -> tuple[list[Row], list[DossierError]]:
        """Read the rows of one table document of type ``kind`` (``"XML1"`` ...)."""
        rows = plain_rows(kind, data)
        if rows is not None:
            return rows, []
        return self.read_with_lxml(kind, data, first_row)

    def read_with_lxml(self, kind: str, data: bytes, first_row: int = 1) -> tuple[list[Row], list[DossierError]]:
        """:meth:`read` without the plain-text shortcut: what :mod:`~yteso.gateway.xml4750.plain` must match."""
        if not data or data.isspace():
            return [], [make_error("FILE_EMPTY", kind)]
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            return [], [make_error("FILE_DTD", kind)]
        try:
            root = etree.fromstring(data, self._parser)
        except etree.XMLSyntaxError as exc:
            return [], [make_error("FILE_NOT_XML", kind, detail=short(exc))]
        if root.getroottree().docinfo.doctype:
            return [], [make_error("FILE_DTD", kind)]
        return _rows(spec.table(kind), root, first_row, namespaced=b"xmlns" in data)


def _rows(
    table: spec.TableSpec, root: etree._Element, first_row: int, *, namespaced: bool
) -> tuple[list[Row], list[DossierError]]:
    tag = local_name(root.tag)
    if tag != table.root and tag not in table.root_aliases:
        return [], [make_error("FILE_ROOT", table.name, value=tag, expected=table.root)]
    if not namespaced:
        rows = _regular_rows(table, root)
        if rows is not None:
            return rows, []
    return _checked_rows(table, root, tag, first_row)


def _regular_rows(table: spec.TableSpec, root: etree._Element) -> list[Row] | None:
    """Rows of a document of the usual shape, or None when it needs the checking path.

    The usual shape has only record elements under the list element(s) and only leaf fields in
    each record, without repeats; one element count (done in C) proves it.
    """
    if table.list_tag is None:
        items = [root]
        containers = 0
    else:
        lists = list(root.iterchildren(table.list_tag))
        if len(lists) != len(root):
            return None
        items = [item for container in lists for item in container.iterchildren(table.record)]
        containers = len(lists)
    rows = [{child.tag: (child.text or "").strip() for child in item} for item in items]
    elements = 1 + containers + len(items) - (table.list_tag is None) + sum(map(len, rows))
    return rows if _COUNT(root) == elements else None


def _checked_rows(
    table: spec.TableSpec, root: etree._Element, tag: str, first_row: int
) -> tuple[list[Row], list[DossierError]]:
    errors: list[DossierError] = []
    if table.list_tag is None:
        return [_record(root, table.name, first_row, errors)], errors
    rows: list[Row] = []
    for child in root:
        child_tag = local_name(child.tag)
        if child_tag == table.list_tag:
            for item in child:
                if local_name(item.tag) == table.record:
                    rows.append(_record(item, table.name, first_row + len(rows), errors))
                else:
                    errors.append(_structure(table.name, f"{local_name(item.tag)} in {child_tag}"))
        elif child_tag == table.record:  # tolerated: record directly under the root
            rows.append(_record(child, table.name, first_row + len(rows), errors))
        elif child_tag not in _IGNORED_CHILDREN:
            errors.append(_structure(table.name, f"{child_tag} in {tag}"))
    return rows, errors


def _record(element: etree._Element, table: str, row_no: int, errors: list[DossierError]) -> Row:
    row: Row = {}
    for child in element:
        name = child.tag
        if name[0] == "{":
            name = local_name(name)
        if len(child):
            errors.append(_structure(table, f"{name} has child elements", row_no, name))
        if name in row:
            errors.append(make_error("FIELD_DUPLICATE", table, row_no, name))
            continue
        text = child.text
        row[name] = text.strip() if text else ""
    return row


def _structure(table: str, detail: str, row: int | None = None, field: str | None = None) -> DossierError:
    return make_error("FILE_STRUCTURE", table, row, field, detail=detail)
