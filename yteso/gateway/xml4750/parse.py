"""Streaming, hardened reader of a GIAMDINHHS envelope (hồ sơ giám định BHYT, QĐ 130/4750).

The envelope is fed in chunks to an lxml pull parser (the feed form of ``iterparse``) with
``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False``. Safety:

* a DOCTYPE or ENTITY declaration refuses the document before the parser sees it (and lxml's
  own doctype report is checked at the root as a second line);
* bytes are counted while reading, so an oversize document is refused after at most
  ``max_bytes`` + one chunk, whatever its real size;
* each HOSO is turned into a :class:`Dossier` as soon as it ends and then dropped from memory.

Errors inside one HOSO (base64, inner XML, unknown table) stay in that dossier's ``errors``;
errors of the envelope itself raise :class:`EnvelopeError`. Note that libxml2 without
``huge_tree`` refuses a single text node over 10 MB, so one NOIDUNGFILE above ~10 MB of base64
fails the envelope as not well-formed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from types import TracebackType
from typing import BinaryIO

from lxml import etree

from yteso.gateway.xml4750.errors import DOSSIER_TABLE, DossierError, EnvelopeError, make_error
from yteso.gateway.xml4750.inner import TableReader, local_name, short
from yteso.gateway.xml4750.model import Dossier, EnvelopeHeader, ParsedEnvelope, Row
from yteso.gateway.xml4750.spec import NOT_IN_ENVELOPE, TABLE_NAMES

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Default size limit of one envelope (50 MB)."""
CHUNK_SIZE = 64 * 1024

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO
"""A file path, the document's bytes, or a binary stream (read, not closed)."""

_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_KNOWN_TABLES = frozenset(TABLE_NAMES)
ROOT = "GIAMDINHHS"


class EnvelopeReader:
    """Reads a GIAMDINHHS document dossier by dossier.

    ``header`` is available as soon as the reader is created; iterate to get the dossiers.
    ``count`` and ``signed`` are final once the iteration has ended. Use as a context manager
    (or call :meth:`close`) to close a file opened from a path.
    """

    def __init__(self, source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._max_bytes = max_bytes
        self._stream, self._owns_stream = _open(source, max_bytes)
        self._parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        self._tables = TableReader()
        self._fields = {"MACSKCB": "", "NGAYLAP": "", "SOLUONGHOSO": ""}
        self._header_done = False
        self.count = 0
        self.signed = False
        self._events = self._read_events()
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[Dossier]:
        for event, element in self._events:
            dossier = self._handle(event, element)
            if dossier is not None:
                yield dossier

    def close(self) -> None:
        if self._owns_stream:
            self._stream.close()

    def __enter__(self) -> EnvelopeReader:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _read_header(self) -> EnvelopeHeader:
        for event, element in self._events:
            self._handle(event, element)
            if self._header_done:
                break
        return self._header()

    def _header(self) -> EnvelopeHeader:
        return EnvelopeHeader(self._fields["MACSKCB"], self._fields["NGAYLAP"], self._fields["SOLUONGHOSO"])

    def _read_events(self) -> Iterator[tuple[str, etree._Element]]:
        total, tail, root_seen = 0, b"", False
        while chunk := self._stream.read(CHUNK_SIZE):
            total += len(chunk)
            if total > self._max_bytes:
                raise EnvelopeError("ENV_OVERSIZE", limit=self._max_bytes)
            if not root_seen:
                window = tail + chunk
                if any(marker in window for marker in _FORBIDDEN):
                    raise EnvelopeError("ENV_DTD")
                tail = window[-16:]
            try:
                self._parser.feed(chunk)
                events = list(self._parser.read_events())
            except etree.XMLSyntaxError as exc:
                raise EnvelopeError("ENV_NOT_XML", detail=short(exc)) from exc
            for event, element in events:
                if not root_seen:
                    root_seen = True
                    _check_root(element)
                yield event, element
        if total == 0:
            raise EnvelopeError("ENV_EMPTY")
        try:
            self._parser.close()
            remaining = list(self._parser.read_events())
        except etree.XMLSyntaxError as exc:
            raise EnvelopeError("ENV_NOT_XML", detail=short(exc)) from exc
        yield from remaining
        self._header_done = True

    def _handle(self, event: str, element: etree._Element) -> Dossier | None:
        tag = local_name(element.tag)
        if event == "start":
            if tag == "DANHSACHHOSO":
                self._header_done = True
            return None
        parent = element.getparent()
        parent_tag = local_name(parent.tag) if parent is not None else ""
        if tag == "HOSO" and parent_tag == "DANHSACHHOSO":
            self.count += 1
            dossier = self._dossier(element, self.count)
            element.clear()
            if parent is not None:
                parent.remove(element)
            return dossier
        if tag in self._fields and parent_tag in ("THONGTINDONVI", "THONGTINHOSO"):
            self._fields[tag] = (element.text or "").strip()
        elif tag == "CHUKYDONVI" and parent_tag == ROOT:
            self.signed = bool((element.text or "").strip() or len(element))
        elif tag in ("THONGTINDONVI", "THONGTINHOSO"):
            if tag == "THONGTINHOSO":
                self._header_done = True
            element.clear()
        return None

    def _dossier(self, hoso: etree._Element, index: int) -> Dossier:
        dossier = Dossier(index=index, facility_code=self._fields["MACSKCB"])
        for file in hoso:
            name = local_name(file.tag)
            if name != "FILEHOSO":
                dossier.errors.append(make_error("HOSO_STRUCTURE", DOSSIER_TABLE, detail=name))
                continue
            self._file(dossier, file)
        if not dossier.file_counts:
            dossier.errors.append(make_error("HOSO_EMPTY", DOSSIER_TABLE))
        return dossier

    def _file(self, dossier: Dossier, file: etree._Element) -> None:
        kind, content = "", ""
        for child in file:
            name = local_name(child.tag)
            if name == "LOAIHOSO":
                kind = (child.text or "").strip().upper()
            elif name == "NOIDUNGFILE":
                content = child.text or ""
            else:
                dossier.errors.append(make_error("HOSO_STRUCTURE", DOSSIER_TABLE, detail=f"FILEHOSO/{name}"))
        dossier.file_counts[kind] = dossier.file_counts.get(kind, 0) + 1
        if not kind:
            dossier.errors.append(make_error("FILE_TYPE_MISSING", DOSSIER_TABLE))
        elif kind not in _KNOWN_TABLES:
            dossier.errors.append(make_error("TABLE_UNKNOWN", DOSSIER_TABLE, None, "LOAIHOSO", kind))
        elif kind in NOT_IN_ENVELOPE:
            dossier.errors.append(make_error("TABLE_NOT_SENT", DOSSIER_TABLE, None, "LOAIHOSO", kind))
        else:
            rows = dossier.tables.setdefault(kind, [])
            new_rows, errors = self._tables.read_base64(kind, content, len(rows) + 1)
            rows.extend(new_rows)
            dossier.errors.extend(errors)


def _check_root(element: etree._Element) -> None:
    if element.getroottree().docinfo.doctype:
        raise EnvelopeError("ENV_DTD")
    tag = local_name(element.tag)
    if tag != ROOT:
        raise EnvelopeError("ENV_ROOT", root=tag[:100])


def _open(source: Source, max_bytes: int) -> tuple[BinaryIO, bool]:
    if isinstance(source, bytes | bytearray | memoryview):
        if len(source) > max_bytes:
            raise EnvelopeError("ENV_OVERSIZE", limit=max_bytes)
        return io.BytesIO(source), True
    if isinstance(source, str | os.PathLike):
        return open(source, "rb"), True
    return source, False


def open_envelope(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> EnvelopeReader:
    """Start reading a GIAMDINHHS document; raises :class:`EnvelopeError` if its start is already bad.

    Dossiers come one at a time from iterating the reader. An envelope error can still be raised
    mid-way (oversize, truncated XML): callers wanting all-or-nothing use :func:`parse_envelope`.
    """
    return EnvelopeReader(source, max_bytes=max_bytes)


def parse_envelope(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedEnvelope:
    """Read a whole GIAMDINHHS document; raises :class:`EnvelopeError` before returning anything."""
    with open_envelope(source, max_bytes=max_bytes) as reader:
        dossiers = list(reader)
        return ParsedEnvelope(header=reader.header, dossiers=dossiers, signed=reader.signed)


def parse_table(kind: str, data: bytes) -> tuple[list[Row], list[DossierError]]:
    """Read one table document on its own, e.g. an XML0 check-in file (CHI_TIEU_TRANG_THAI_KCB)."""
    if kind not in _KNOWN_TABLES:
        raise KeyError(kind)
    return TableReader().read(kind, data)
