"""The plain-text reader gives exactly lxml's rows, or leaves the document to lxml."""

from __future__ import annotations

import random
import re

import pytest

from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.generate import table_document
from yteso.gateway.xml4750.inner import TableReader
from yteso.gateway.xml4750.plain import MAX_BYTES, plain_rows

READER = TableReader()
VALUES = ["", "1", "01001", "20240229", "202402291530", "12345.67", "NGUYỄN VĂN Á", "  padded\t", 'x "y"']
# a field element that is empty or holds plain text
FIELD = re.compile(rb"<([A-Z0-9_]+)(?:/>|>[^<]*</\1>)")


def _document(table: str, seed: int = 0, records: int = 2) -> bytes:
    rng = random.Random(seed)
    names = spec.table(table).field_names
    count = 1 if spec.table(table).list_tag is None else records
    return table_document(table, [{name: rng.choice(VALUES) for name in names} for _ in range(count)])


def _same_as_lxml(table: str, document: bytes) -> list[dict[str, str]] | None:
    """The plain rows (None when not plain), after checking both readers agree."""
    expected = READER.read_with_lxml(table, document)
    assert READER.read(table, document) == expected
    rows = plain_rows(table, document)
    if rows is not None:
        assert (rows, []) == expected
    return rows


@pytest.mark.parametrize("table", spec.TABLE_NAMES)
def test_documents_written_by_the_generator_are_plain(table: str) -> None:
    for seed in range(3):
        assert _same_as_lxml(table, _document(table, seed)) is not None


PLAIN = {
    "no declaration": lambda d: d.split(b"?>", 1)[1],
    "upper-case encoding": lambda d: d.replace(b"utf-8", b"UTF-8", 1),
    "declaration without encoding": lambda d: d.replace(b' encoding="utf-8"', b""),
    "indented with new lines": lambda d: d.replace(b"><", b">\n  <"),
    "windows line ends between elements": lambda d: d.replace(b"><", b">\r\n\t<"),
    "empty elements written open and closed": lambda d: re.sub(rb"<([A-Z0-9_]+)/>", rb"<\1></\1>", d),
    "padded text": lambda d: d.replace(b"<MA_LK>", b"<MA_LK> \t", 1),
    "line separator in text": lambda d: d.replace(b"<MA_LK>", "<MA_LK>\u2028".encode(), 1),
    "> in text": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>a > b", 1),
}
NOT_PLAIN = {
    "entity reference": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>A &amp; B", 1),
    "character reference": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>&#65;", 1),
    "carriage return in text": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>a\r\nb", 1),
    "CDATA section": lambda d: d.replace(b"<MA_LK>", b"<MA_LK><![CDATA[a<b]]>", 1),
    "comment": lambda d: d.replace(b"<MA_LK>", b"<!-- x --><MA_LK>", 1),
    "processing instruction": lambda d: d.replace(b"<MA_LK>", b"<MA_LK><?pi x?>", 1),
    "attribute": lambda d: d.replace(b"<MA_LK>", b'<MA_LK a="1">', 1),
    "default namespace": lambda d: re.sub(rb"(<[A-Z_]+)>", rb'\1 xmlns="urn:x">', d, count=1),
    "xml: prefix": lambda d: d.replace(b"<MA_LK>", b"<xml:MA_LK>", 1).replace(b"</MA_LK>", b"</xml:MA_LK>", 1),
    "space in a tag": lambda d: d.replace(b"<MA_LK>", b"<MA_LK >", 1),
    "missing field": lambda d: FIELD.sub(b"", d, count=1),
    "extra field": lambda d: d.replace(b"<MA_LK>", b"<EXTRA>1</EXTRA><MA_LK>", 1),
    "duplicate field": lambda d: FIELD.sub(lambda m: m.group(0) * 2, d, count=1),
    "nested element": lambda d: d.replace(b"<MA_LK>", b"<MA_LK><B>1</B>", 1),
    "wrong case": lambda d: d.replace(b"MA_LK", b"ma_lk", 2),
    "mismatched end tag": lambda d: d.replace(b"</MA_LK>", b"</MA_LKX>", 1),
    "truncated": lambda d: d[: len(d) // 2],
    "text after the root": lambda d: d + b"x",
    "second root": lambda d: d + d.split(b"?>", 1)[1],
    "latin-1 declaration": lambda d: d.replace(b"utf-8", b"iso-8859-1", 1),
    "XML 1.1": lambda d: d.replace(b'version="1.0"', b'version="1.1"', 1),
    "byte order mark": lambda d: b"\xef\xbb\xbf" + d,
    "space before the declaration": lambda d: b" " + d,
    "UTF-16": lambda d: d.decode().replace("utf-8", "utf-16").encode("utf-16"),
    "invalid UTF-8": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>\xff", 1),
    "control character": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>\x01", 1),
    "non-character U+FFFE": lambda d: d.replace(b"<MA_LK>", "<MA_LK>\ufffe".encode(), 1),
    "]]> in text": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>]]>", 1),
    "NUL": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>\x00", 1),
    "DOCTYPE": lambda d: d.replace(b"?>", b'?><!DOCTYPE X [<!ENTITY e "x">]>', 1),
    "over the size limit": lambda d: d.replace(b"<MA_LK>", b"<MA_LK>" + b"x" * MAX_BYTES, 1),
}


@pytest.mark.parametrize("table", ["XML1", "XML3"])
@pytest.mark.parametrize("name", PLAIN)
def test_harmless_variants_stay_plain(table: str, name: str) -> None:
    assert _same_as_lxml(table, PLAIN[name](_document(table))) is not None


@pytest.mark.parametrize("table", ["XML1", "XML3"])
@pytest.mark.parametrize("name", NOT_PLAIN)
def test_anything_else_is_left_to_lxml(table: str, name: str) -> None:
    assert _same_as_lxml(table, NOT_PLAIN[name](_document(table))) is None


def test_vendor_root_spelling_and_records_under_the_root_are_left_to_lxml() -> None:
    document = _document("XML2")
    assert _same_as_lxml("XML2", document.replace(b"CHITIEU_CHITIET_THUOC", b"CHI_TIEU_CHI_TIET_THUOC")) is None
    flat = document.replace(b"<DSACH_CHI_TIET_THUOC>", b"").replace(b"</DSACH_CHI_TIET_THUOC>", b"")
    assert _same_as_lxml("XML2", flat) is None


# harmless edits weigh more, so that many edited documents are still plain and get compared
EDITS = [" ", "\n", "\t", "x", "é", ">", '"', "\u2028"] * 3 + [
    "\r\n", "\u00a0", "/>", "<", "</X>", "<X/>", "&amp;", "&#13;", "]]>", "<!---->", "<?x?>", "\x0b", "\ufffe", "=",
    "MA_LK",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_read_the_same_as_lxml(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        table = rng.choice(spec.TABLE_NAMES)
        text = _document(table, rng.randrange(100)).decode()
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1) if rng.random() < 0.5 else text.find(">", rng.randrange(len(text))) + 1
            text = text[:at] + rng.choice(EDITS) + text[at:]
        _same_as_lxml(table, text.encode())
