"""Reading registry CSV files: encoding, delimiter, header matching, one clear error for a bad file.

A file is accepted when it is UTF-8 text (a BOM is fine) in CSV with ``,``, ``;`` or tab between
fields and a header naming every required column. Header names match loosely — case, diacritics,
spaces and punctuation are ignored, so ``MA_CSKCB``, ``ma_cskcb`` and ``Mã CSKCB`` are one column —
and a column may have aliases. Values are stripped and put in Unicode NFC (Vietnamese text typed on
Windows is often decomposed). Rows count like a spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yteso.core.text import fold
from yteso.registries.errors import FileProblem, RowProblem

_SIGNATURES = {
    b"PK\x03\x04": "Excel (.xlsx) / ZIP",
    b"\xd0\xcf\x11\xe0": "Excel 97-2003 (.xls)",
    b"%PDF": "PDF",
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a registry file: its official name, whether it must be present, aliases, meaning."""

    name: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    vi: str = ""
    en: str = ""


@dataclass(frozen=True)
class CsvSchema:
    """The columns of one kind of file, in documentation order."""

    columns: tuple[Column, ...]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


@dataclass(slots=True)
class CsvRow:
    """A data row: its spreadsheet row number and the values by official column name ('' if absent)."""

    row: int
    values: dict[str, str]
    extra: list[str] = field(default_factory=list)
    """Fields beyond the header's columns (a shifted row)."""

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass
class CsvTable:
    """A read file: which columns were found, its data rows, and its row-level format problems."""

    path: str
    header: list[str]
    columns: list[str]
    rows: list[CsvRow]
    problems: list[RowProblem]


def header_key(name: str) -> str:
    """``Mã CSKCB`` / ``MA_CSKCB`` / ``ma-cskcb`` → ``macskcb``."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


def read_table(path: str | Path, schema: CsvSchema) -> CsvTable:
    """Read ``path`` against ``schema``; raise :class:`FileProblem` if the file as a whole is unusable."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem(
            "file.unreadable", f"Không đọc được tệp {path}: {exc.strerror}", f"Cannot read {path}: {exc.strerror}"
        ) from None
    return parse_bytes(raw, schema, name=str(path))


def parse_bytes(raw: bytes, schema: CsvSchema, *, name: str = "<data>") -> CsvTable:
    text = _decode(raw)
    delimiter = _delimiter(text)
    records = _records(text, delimiter)
    header_row = next(records, None)
    if header_row is None or not any(h.strip() for h in header_row):
        raise FileProblem("file.empty", "Tệp trống (không có dòng tiêu đề).", "The file is empty (no header row).")
    header = [unicodedata.normalize("NFC", h.strip().lstrip("\ufeff")) for h in header_row]
    index = _match_header(header, schema)
    rows: list[CsvRow] = []
    problems: list[RowProblem] = []
    width = len(header)
    for number, record in enumerate(records, start=2):
        if not any(f.strip() for f in record):
            continue
        values = {col: _clean(record[i]) if i < len(record) else "" for col, i in index.items()}
        extra = [f for f in record[width:] if f.strip()]
        row = CsvRow(number, values, extra)
        if extra:
            problems.append(
                RowProblem(
                    number,
                    None,
                    ", ".join(extra)[:80],
                    "row.extra_fields",
                    f"Dòng có {len(record)} trường, nhiều hơn {width} cột của tiêu đề (thừa dấu phân cách?).",
                    f"The row has {len(record)} fields, more than the header's {width} columns (a stray delimiter?).",
                )
            )
        rows.append(row)
    return CsvTable(name, header, sorted(index), rows, problems)


def _decode(raw: bytes) -> str:
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise FileProblem(
                "file.not_csv",
                f"Tệp là {kind}, không phải CSV: hãy xuất ra CSV UTF-8 rồi nhập lại.",
                f"The file is {kind}, not CSV: export it as CSV UTF-8 and import again.",
            )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            "file.encoding",
            f"Tệp không phải UTF-8 (byte lỗi ở vị trí {exc.start}); hãy lưu lại với mã hoá UTF-8 "
            "(không dùng TCVN3/VNI/Windows-1258).",
            f"The file is not UTF-8 (bad byte at offset {exc.start}); save it as UTF-8 (not TCVN3/VNI/Windows-1258).",
        ) from None
    if "\x00" in text:
        raise FileProblem(
            "file.not_csv",
            "Tệp chứa ký tự NUL: đây không phải tệp văn bản CSV (UTF-16 hoặc tệp nhị phân?).",
            "The file contains NUL characters: it is not CSV text (UTF-16 or a binary file?).",
        )
    return text


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise FileProblem(
            "file.not_csv",
            f"Tệp không đúng định dạng CSV (dòng {reader.line_num}): {exc}",
            f"The file is not valid CSV (line {reader.line_num}): {exc}",
        ) from None


def _match_header(header: list[str], schema: CsvSchema) -> dict[str, int]:
    keys = [header_key(h) for h in header]
    index: dict[str, int] = {}
    for col in schema.columns:
        wanted = {header_key(n) for n in (col.name, *col.aliases)}
        found = [i for i, k in enumerate(keys) if k in wanted]
        if len(found) > 1:
            raise FileProblem(
                "file.duplicate_column",
                f"Cột {col.name} xuất hiện {len(found)} lần trong tiêu đề.",
                f"Column {col.name} appears {len(found)} times in the header.",
                value=col.name,
            )
        if found:
            index[col.name] = found[0]
    missing = [c for c in schema.required if c not in index]
    if missing:
        shown = ", ".join(h for h in header[:12] if h) or "(trống)"
        raise FileProblem(
            "file.missing_columns",
            f"Thiếu cột bắt buộc: {', '.join(missing)}. Tiêu đề của tệp: {shown}.",
            f"Required columns missing: {', '.join(missing)}. The file's header: {shown}.",
            value=", ".join(missing),
        )
    return index


def _clean(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())
