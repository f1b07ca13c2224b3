"""The field-by-field mapping table covers every element of every table, and docs/gateway-mapping.md shows it."""

from __future__ import annotations

from pathlib import Path

from yteso.gateway.mapping.doc import MARKER, render
from yteso.gateway.mapping.fieldmap import mappings
from yteso.gateway.xml4750 import spec

DOC = Path(__file__).resolve().parents[3] / "docs" / "gateway-mapping.md"


def test_every_element_of_every_table_has_a_line_in_decision_order() -> None:
    table = mappings()
    assert list(table) == list(spec.TABLE_NAMES)
    for name in spec.TABLE_NAMES:
        assert tuple(table[name]) == spec.table(name).field_names, name
        for mapping in table[name].values():
            assert mapping.meaning and mapping.fhir and mapping.transformation, (name, mapping.name)
            if mapping.fhir == "—":
                assert "not" in mapping.transformation or "used only" in mapping.transformation, (name, mapping.name)


def test_the_doc_shows_the_table_of_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert MARKER in text, "run: python -m yteso.gateway.mapping.doc docs/gateway-mapping.md"
    assert text.split(MARKER, 1)[1] == render().split(MARKER, 1)[1], (
        "docs/gateway-mapping.md is out of date: python -m yteso.gateway.mapping.doc docs/gateway-mapping.md"
    )
