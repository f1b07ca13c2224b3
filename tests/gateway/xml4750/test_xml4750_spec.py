"""The field specification loaded from the package (QĐ 130 as amended by QĐ 4750)."""

from __future__ import annotations

import pytest

from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.codes import icd10

EXPECTED_COUNTS = {
    "XML0": 26, "XML1": 66, "XML2": 39, "XML3": 47, "XML4": 12, "XML5": 9, "XML6": 47, "XML7": 26,
    "XML8": 22, "XML9": 35, "XML10": 13, "XML11": 23, "XML12": 35, "XML13": 39, "XML14": 22, "XML15": 20,
}  # fmt: skip


def test_all_481_elements_of_the_16_tables_are_loaded() -> None:
    tables = spec.tables()
    assert set(tables) == set(spec.TABLE_NAMES)
    assert {name: len(t.fields) for name, t in tables.items()} == EXPECTED_COUNTS
    assert sum(EXPECTED_COUNTS.values()) == 481


@pytest.mark.parametrize("name", spec.TABLE_NAMES)
def test_fields_are_in_decision_order_and_start_with_the_visit_key(name: str) -> None:
    table = spec.table(name)
    assert [f.order for f in table.fields] == list(range(1, len(table.fields) + 1))
    if name != "XML12":
        assert table.fields[0].name == "MA_LK" and table.fields[0].required == "Y"


def test_types_lengths_and_formats_follow_the_decision() -> None:
    xml1 = spec.table("XML1")
    assert xml1.field("NGAY_SINH").date_format == "birth"  # type: ignore[union-attr]
    assert xml1.field("NGAY_VAO").date_format == "yyyyMMddHHmm"  # type: ignore[union-attr]
    assert xml1.field("GT_THE_TU").multi  # type: ignore[union-attr]
    assert xml1.field("T_TONGCHI_BV").decimals == 2  # type: ignore[union-attr]
    assert xml1.field("MA_BENH_CHINH").max_length == 7  # type: ignore[union-attr]
    assert xml1.field("MA_DOITUONG_KCB").max_length == 5  # gateway sheet allows 5  # type: ignore[union-attr]
    assert spec.table("XML2").field("SO_LUONG").decimals == 3  # type: ignore[union-attr]
    assert spec.table("XML3").field("DON_GIA_BV").decimals == 3  # type: ignore[union-attr]
    assert spec.table("XML12").field("NGAY_SINH").date_format == "yyyyMMdd"  # type: ignore[union-attr]
    assert spec.table("XML15").field("SO_CCCD").type == "string"  # type: ignore[union-attr]
    assert spec.table("XML13").field("PP_DIEUTRI").same_as_xml1 == "PP_DIEU_TRI"  # type: ignore[union-attr]
    assert "MAHUYEN_CU_TRU" not in xml1.required  # district level abolished in 2025


def test_record_layout_of_list_and_single_record_tables() -> None:
    assert spec.table("XML1").list_tag is None and spec.table("XML1").root == "TONG_HOP"
    xml2 = spec.table("XML2")
    assert (xml2.root, xml2.list_tag, xml2.record) == (
        "CHITIEU_CHITIET_THUOC",
        "DSACH_CHI_TIET_THUOC",
        "CHI_TIET_THUOC",
    )
    assert "CHI_TIEU_CHI_TIET_THUOC" in xml2.root_aliases


def test_icd10_list_is_packaged_with_annex_flags() -> None:
    codes = icd10()
    assert len(codes) > 12000
    assert codes["J18.9"] == ""
    assert "N" in codes["B95.0"]  # annex A2: not a main diagnosis
    assert "F" in codes["O80.0"] and "M" in codes["N40"]
    assert "N" in codes["D63.0"]  # asterisk code


def test_every_rule_code_is_documented() -> None:
    from pathlib import Path

    from yteso.gateway.xml4750.errors import RULES

    doc = (Path(__file__).parents[3] / "docs" / "gateway-xml4750-checks.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in doc] == []
