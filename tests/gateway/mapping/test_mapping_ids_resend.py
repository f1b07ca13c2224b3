"""Deterministic ids: mapping a dossier twice, or a corrected re-send, gives the same ids; XML1 alone maps."""

from __future__ import annotations

import copy
import uuid

import pytest

from yteso.core.ids import MA_LK_SYSTEM
from yteso.gateway.mapping import map_dossier, resource_id
from yteso.gateway.mapping.keys import NAMESPACE, IdMaker

FACILITY = "01001"


def _ids(resources):
    return [(r["resourceType"], r["id"]) for r in resources]


def test_mapping_twice_gives_identical_resources(full, mapped) -> None:
    first, second = mapped(full), mapped(copy.deepcopy(full))
    assert _ids(first) == _ids(second)
    assert first == second


def test_resend_with_corrections_keeps_ids_and_changes_content(full, mapped, of_type) -> None:
    before = mapped(full)
    full["XML1"][0]["CHAN_DOAN_RV"] = "Chẩn đoán đã sửa"
    full["XML2"][0]["LIEU_DUNG"] = "1 viên/lần * 1 lần/ngày"
    full["XML4"][0]["GIA_TRI"] = "9.9"
    after = mapped(full)
    assert _ids(after) == _ids(before)
    assert after != before
    main = next(c for c in of_type(after, "Condition") if c["code"].get("text") == "Chẩn đoán đã sửa")
    assert main["id"] in {c["id"] for c in of_type(before, "Condition")}


def test_resend_with_a_line_removed_keeps_the_other_ids(tables, mapped, of_type) -> None:
    rows = tables()[0]
    before = {r["id"] for r in of_type(mapped(rows), "MedicationRequest")}
    removed = rows["XML2"].pop()
    after = {r["id"] for r in of_type(mapped(rows), "MedicationRequest")}
    assert after < before and len(before - after) == 1
    assert (
        resource_id(FACILITY, rows["XML1"][0]["MA_LK"], "MedicationRequest", f"XML2:{removed['STT']}") in before - after
    )


def test_ids_depend_on_facility_and_visit(tables) -> None:
    from yteso.gateway.xml4750.model import Dossier

    rows = tables()[0]
    dossier = Dossier(index=1, facility_code=FACILITY, tables=rows)
    here = {r["id"] for r in map_dossier(dossier, facility_code=FACILITY, patient_id="p")}
    there = {r["id"] for r in map_dossier(dossier, facility_code="79001", patient_id="p")}
    assert not here & there
    rows["XML1"][0]["MA_LK"] += "-2"
    other_visit = {r["id"] for r in map_dossier(dossier, facility_code=FACILITY, patient_id="p")}
    assert not here & other_visit
    same_patient_elsewhere = {r["id"] for r in map_dossier(dossier, facility_code=FACILITY, patient_id="q")}
    assert same_patient_elsewhere == other_visit  # ids do not depend on the linked patient


def test_resource_id_is_uuid5_of_length_prefixed_parts() -> None:
    value = resource_id("01001", "BV.1", "Encounter", "visit")
    assert value == str(uuid.uuid5(NAMESPACE, "5:010014:BV.19:Encounter5:visit"))
    assert uuid.UUID(value).version == 5
    assert resource_id("01001", "a|b", "c", "d") != resource_id("01001", "a", "b|c", "d")
    assert resource_id("01001", "ab", "c", "") != resource_id("01001", "a", "bc", "")


@pytest.mark.parametrize(
    ("ma_lk", "kind", "key"),
    [("01001.20260101.000001", "Observation", "XML4:1"), ("Mã LK có dấu", "Condition", "J18.9"), ("x", "Claim", "")],
)
def test_fast_id_maker_equals_resource_id(ma_lk: str, kind: str, key: str) -> None:
    assert IdMaker("01001", ma_lk)(kind, key) == resource_id("01001", ma_lk, kind, key)


def test_dossier_with_only_xml1_still_maps(tables, mapped, of_type) -> None:
    rows = {"XML1": tables(("XML1",))[0]["XML1"]}
    resources = mapped(rows)
    kinds = {r["resourceType"] for r in resources}
    assert {"Encounter", "Condition", "Coverage", "Claim", "Composition"} <= kinds
    assert not kinds & {"MedicationRequest", "Procedure", "DiagnosticReport"}
    claim = of_type(resources, "Claim")[0]
    assert "item" not in claim
    encounter = of_type(resources, "Encounter")[0]
    assert encounter["identifier"][0]["system"] == MA_LK_SYSTEM


def test_dossier_without_xml1_or_ma_lk_is_refused(tables, dossier) -> None:
    rows = tables()[0]
    without_summary = {k: v for k, v in rows.items() if k != "XML1"}
    with pytest.raises(ValueError, match="XML1"):
        map_dossier(dossier(without_summary), facility_code=FACILITY, patient_id="p")
    rows["XML1"][0]["MA_LK"] = "  "
    with pytest.raises(ValueError, match="MA_LK"):
        map_dossier(dossier(rows), facility_code=FACILITY, patient_id="p")


def test_resources_do_not_share_nested_objects(full, mapped) -> None:
    """The caller may change one resource (e.g. set meta) without touching another."""
    seen: dict[int, str] = {}

    def walk(node, owner: str) -> None:
        if isinstance(node, dict | list):
            assert seen.setdefault(id(node), owner) == owner, f"object shared by {seen[id(node)]} and {owner}"
            for child in node.values() if isinstance(node, dict) else node:
                walk(child, owner)

    resources = mapped(full)
    for resource in resources:
        walk(resource, f"{resource['resourceType']}/{resource['id']}")
