"""Reading GIAMDINHHS envelopes and every table document (XML0..XML15)."""

from __future__ import annotations

import base64
import io

import pytest

from yteso.gateway.xml4750 import open_envelope, parse_envelope, parse_table, spec, validate_dossier
from yteso.gateway.xml4750.generate import RawFile, build_envelope, table_document


def _row(table: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(spec.table(table).field_names, "")
    row.update(values)
    return row


def _wrap(document: bytes, table: str = "XML1") -> bytes:
    content = base64.b64encode(document).decode()
    return (
        '<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI>'
        "<THONGTINHOSO><NGAYLAP>20260105</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO>"
        f"<FILEHOSO><LOAIHOSO>{table}</LOAIHOSO><NOIDUNGFILE>{content}</NOIDUNGFILE></FILEHOSO>"
        "</HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI>c2lnbmF0dXJl</CHUKYDONVI></GIAMDINHHS>"
    ).encode()


def test_header_dossiers_and_signature_are_read(dossiers) -> None:
    items = dossiers(n=3, seed=21)
    parsed = parse_envelope(build_envelope("01001", items, created="20260105"))
    assert parsed.header.facility_code == "01001"
    assert parsed.header.created == "20260105" and parsed.header.declared_count == "3"
    assert [d.index for d in parsed.dossiers] == [1, 2, 3]
    assert [d.ma_lk for d in parsed.dossiers] == [i["XML1"][0]["MA_LK"] for i in items]
    assert all(d.facility_code == "01001" for d in parsed.dossiers)
    assert parsed.signed is False
    assert parse_envelope(_wrap(table_document("XML1", [_row("XML1", MA_LK="A")]))).signed is True


def test_rows_keep_raw_text_of_every_element(good) -> None:
    dossier = parse_envelope(build_envelope("01001", [good])).dossiers[0]
    for table in ("XML1", "XML2", "XML3", "XML4"):
        assert dossier.rows(table) == good[table]
    assert dossier.summary is dossier.rows("XML1")[0]
    assert dossier.rows("XML9") == [] and dossier.file_counts["XML2"] == 1


@pytest.mark.parametrize("table", [t for t in spec.TABLE_NAMES if t not in ("XML0", "XML12")])
def test_every_table_is_read_from_an_envelope(table: str) -> None:
    layout = spec.table(table)
    rows = [_row(table, MA_LK="BV.1", **{layout.fields[1].name: "X & <Y>"})]
    if layout.list_tag is not None:
        rows.append(_row(table, MA_LK="BV.1"))
    items = [{table: [row]} for row in rows] if layout.list_tag is None else [{table: rows}]
    dossier = parse_envelope(build_envelope("01001", items)).dossiers[0]
    assert dossier.rows(table) == rows
    assert dossier.errors == []


@pytest.mark.parametrize("table", spec.TABLE_NAMES)
def test_every_table_is_read_on_its_own(table: str) -> None:
    rows = [_row(table, MA_LK="K1")] if table != "XML12" else [_row(table, HO_TEN="TRẦN THỊ B")]
    assert parse_table(table, table_document(table, rows)) == (rows, [])


def test_xml0_checkin_document_has_a_list_of_records() -> None:
    rows = [_row("XML0", MA_LK="A", STT="1"), _row("XML0", MA_LK="B", STT="2")]
    document = table_document("XML0", rows)
    assert document.startswith(
        b'<?xml version="1.0" encoding="utf-8"?>\n<CHI_TIEU_TRANG_THAI_KCB><DSACH_TRANG_THAI_KCB>'
    )
    assert parse_table("XML0", document)[0] == rows


def test_one_document_per_baby_becomes_rows_of_one_table() -> None:
    rows = [_row("XML7", MA_LK="A", SO_LUU_TRU="1"), _row("XML7", MA_LK="A", SO_LUU_TRU="2")]
    dossier = parse_envelope(build_envelope("01001", [{"XML7": rows}])).dossiers[0]
    assert dossier.rows("XML7") == rows and dossier.file_counts["XML7"] == 2


def test_nested_drug_list_keeps_its_rows_in_order(good) -> None:
    document = table_document("XML2", good["XML2"])
    assert b"<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_THUOC>" in document
    assert [r["STT"] for r in parse_table("XML2", document)[0]] == [r["STT"] for r in good["XML2"]]


def test_vendor_root_spelling_is_accepted() -> None:
    document = b"<CHI_TIEU_CHI_TIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_THUOC><MA_LK>A</MA_LK></CHI_TIET_THUOC>"
    document += b"</DSACH_CHI_TIET_THUOC></CHI_TIEU_CHI_TIET_THUOC>"
    assert parse_table("XML2", document) == ([{"MA_LK": "A"}], [])


def test_tolerated_variants_of_real_systems() -> None:
    document = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- exported by HIS --><TONG_HOP xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "\n  <MA_LK>\n    BV.1  </MA_LK>\n  <HO_TEN><![CDATA[NGUYỄN VĂN A]]></HO_TEN>"
        "<GHI_CHU>a &amp; b &#7855;</GHI_CHU>"
        "<MA_BN/></TONG_HOP>"
    ).encode()
    wrapped = base64.encodebytes(document).decode()  # MIME line breaks every 76 characters
    dossier = parse_envelope(build_envelope("01001", [{"XML1": RawFile(wrapped)}])).dossiers[0]
    assert dossier.errors == []
    assert dossier.summary == {"MA_LK": "BV.1", "HO_TEN": "NGUYỄN VĂN A", "GHI_CHU": "a & b ắ", "MA_BN": ""}


def test_namespaced_and_lower_case_type_names_are_read() -> None:
    document = b'<TONG_HOP xmlns="urn:x"><MA_LK>A</MA_LK></TONG_HOP>'
    assert parse_table("XML1", document) == ([{"MA_LK": "A"}], [])
    envelope = _wrap(b"<TONG_HOP><MA_LK>A</MA_LK></TONG_HOP>", table=" xml1 ")
    assert parse_envelope(envelope).dossiers[0].ma_lk == "A"


def test_records_directly_under_the_root_are_tolerated() -> None:
    document = b"<CHITIEU_CHITIET_THUOC><CHI_TIET_THUOC><MA_LK>A</MA_LK></CHI_TIET_THUOC></CHITIEU_CHITIET_THUOC>"
    assert parse_table("XML2", document) == ([{"MA_LK": "A"}], [])


@pytest.mark.parametrize(
    ("document", "rule"),
    [
        (b"<TONG_HOP><MA_LK>A</MA_LK><HO_TEN><X>1</X></HO_TEN></TONG_HOP>", "FILE_STRUCTURE"),
        (b"<TONG_HOP><MA_LK>A</MA_LK><MA_LK>B</MA_LK></TONG_HOP>", "FIELD_DUPLICATE"),
        (b"<GIAY_RA_VIEN><MA_LK>A</MA_LK></GIAY_RA_VIEN>", "FILE_ROOT"),
        (b"<TONG_HOP><MA_LK>A</MA_LK>", "FILE_NOT_XML"),
        (b"   ", "FILE_EMPTY"),
    ],
)
def test_bad_inner_documents_become_dossier_errors(document: bytes, rule: str) -> None:
    _, errors = parse_table("XML1", document)
    assert [e.rule for e in errors] == [rule]
    assert errors[0].table == "XML1"


def test_unexpected_elements_in_a_list_are_reported() -> None:
    document = b"<CHITIEU_CHITIET_THUOC><DSACH_CHI_TIET_THUOC><CHI_TIET_THUOC><MA_LK>A</MA_LK></CHI_TIET_THUOC>"
    document += b"<THUOC/></DSACH_CHI_TIET_THUOC><GHI_CHU/></CHITIEU_CHITIET_THUOC>"
    rows, errors = parse_table("XML2", document)
    assert rows == [{"MA_LK": "A"}]
    assert [e.rule for e in errors] == ["FILE_STRUCTURE", "FILE_STRUCTURE"]


def test_dossier_structure_problems(good) -> None:
    envelope = (
        b"<GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI><THONGTINHOSO><DANHSACHHOSO>"
        b"<HOSO></HOSO><HOSO><FILEHOSO><NOIDUNGFILE>QQ==</NOIDUNGFILE></FILEHOSO><GHI_CHU/></HOSO>"
        b"<HOSO><FILEHOSO><LOAIHOSO>XML1</LOAIHOSO></FILEHOSO><FILEHOSO><LOAIHOSO>XML0</LOAIHOSO><X/></FILEHOSO></HOSO>"
        b"</DANHSACHHOSO></THONGTINHOSO></GIAMDINHHS>"
    )
    first, second, third = parse_envelope(envelope).dossiers
    assert [e.rule for e in first.errors] == ["HOSO_EMPTY"]
    assert [e.rule for e in second.errors] == ["FILE_TYPE_MISSING", "HOSO_STRUCTURE"]
    assert [e.rule for e in third.errors] == ["FILE_EMPTY", "HOSO_STRUCTURE", "TABLE_NOT_SENT"]
    assert "XML1_MISSING" not in {e.rule for e in validate_dossier(third)}  # XML1 was sent, only empty


def test_reader_streams_from_a_file_object_and_closes_what_it_opened(tmp_path, dossiers) -> None:
    envelope = build_envelope("01001", dossiers(n=4, seed=8))
    with open_envelope(io.BytesIO(envelope)) as reader:
        assert reader.header.facility_code == "01001"
        assert reader.count == 0
        first = next(iter(reader))
        assert first.index == 1 and reader.count == 1
        assert len(list(reader)) == 3 and reader.count == 4
    path = tmp_path / "hoso.xml"
    path.write_bytes(envelope)
    reader = open_envelope(path)
    assert len(list(reader)) == 4
    reader.close()
    assert reader._stream.closed


def test_a_document_without_dossiers_is_read() -> None:
    envelope = (
        b"<GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI><THONGTINHOSO>"
        b"<NGAYLAP>20260101</NGAYLAP><SOLUONGHOSO>0</SOLUONGHOSO></THONGTINHOSO></GIAMDINHHS>"
    )
    parsed = parse_envelope(envelope)
    assert parsed.dossiers == [] and parsed.header.declared_count == "0"
