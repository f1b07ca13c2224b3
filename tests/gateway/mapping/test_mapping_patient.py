"""XML1 (and XML0) → Demographics for patient linking, and the Patient resource."""

from __future__ import annotations

import pytest

from yteso.core.ids import (
    BHYT_SYSTEM,
    CCCD_SYSTEM,
    EXT_ADMINISTRATIVE_ADDRESS,
    EXT_ETHNICITY,
    EXT_OCCUPATION,
    EXT_PRIMARY_CARE_FACILITY,
)
from yteso.fhir.models import validate_resource
from yteso.gateway.mapping import Demographics, demographics, patient_resource


def test_demographics_of_xml1(tables, dossier) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    demo = demographics(dossier(rows))
    assert demo == Demographics(
        cccd=s["SO_CCCD"],
        full_name=s["HO_TEN"],
        birth_date=f"{s['NGAY_SINH'][:4]}-{s['NGAY_SINH'][4:6]}-{s['NGAY_SINH'][6:8]}",
        sex={"1": "male", "2": "female"}[s["GIOI_TINH"]],
        bhyt_card=s["MA_THE_BHYT"],
        phone=s["DIEN_THOAI"],
        province_code=s["MATINH_CU_TRU"],
        address=s["DIA_CHI"],
        ethnicity="01",
        occupation=None,  # "00000": no occupation
        primary_care_facility=s["MA_DKBD"],
    )


@pytest.mark.parametrize(
    ("field", "value", "attribute", "expected"),
    [
        ("SO_CCCD", "012345678", "cccd", None),  # old 9-digit CMND
        ("SO_CCCD", "B1234567", "cccd", None),  # passport
        ("SO_CCCD", " 001084000999 ", "cccd", "001084000999"),
        ("NGAY_SINH", "198400000000", "birth_date", "1984"),
        ("NGAY_SINH", "198405000000", "birth_date", "1984-05"),
        ("NGAY_SINH", "202601150830", "birth_date", "2026-01-15"),
        ("NGAY_SINH", "19840230", "birth_date", None),
        ("GIOI_TINH", "3", "sex", None),
        ("MA_THE_BHYT", "DN4010123456789;HT3010123456789", "bhyt_card", "HT3010123456789"),
        ("MA_DKBD", "01001;01002", "primary_care_facility", "01002"),
        ("HO_TEN", "  NGUYỄN   VĂN  AN ", "full_name", "NGUYỄN VĂN AN"),
        ("MA_NGHE_NGHIEP", "11200", "occupation", "11200"),
        ("DIEN_THOAI", "", "phone", None),
    ],
)
def test_demographics_values(field: str, value: str, attribute: str, expected, tables, dossier) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0][field] = value
    assert getattr(demographics(dossier(rows)), attribute) == expected


def test_checkin_fills_what_xml1_leaves_empty(full, dossier) -> None:
    s = full["XML1"][0]
    cccd, name = s["SO_CCCD"], s["HO_TEN"]
    s.update(SO_CCCD="", HO_TEN="")
    demo = demographics(dossier(full))
    assert (demo.cccd, demo.full_name) == (cccd, name)
    only_checkin = demographics(dossier({"XML0": full["XML0"]}))
    assert only_checkin.cccd == cccd and only_checkin.address is None


def test_no_summary_nor_checkin_is_refused(dossier) -> None:
    with pytest.raises(ValueError, match="XML1"):
        demographics(dossier({"XML2": []}))


def test_patient_resource(tables, dossier) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    rows["XML1"][0]["MA_NGHE_NGHIEP"] = "11200"
    patient = patient_resource(demographics(dossier(rows)), "abc-1")
    validate_resource(patient)
    assert patient["id"] == "abc-1"
    assert patient["identifier"] == [
        {"use": "official", "system": CCCD_SYSTEM, "value": s["SO_CCCD"]},
        {"system": BHYT_SYSTEM, "value": s["MA_THE_BHYT"]},
    ]
    family, *given = s["HO_TEN"].split()
    assert patient["name"] == [{"use": "official", "text": s["HO_TEN"], "family": family, "given": given}]
    assert patient["telecom"] == [{"system": "phone", "value": s["DIEN_THOAI"]}]
    assert patient["address"][0]["text"] == s["DIA_CHI"]
    province = patient["address"][0]["extension"][0]
    assert province["url"] == EXT_ADMINISTRATIVE_ADDRESS
    assert province["extension"][0]["valueCoding"]["code"] == s["MATINH_CU_TRU"]
    extensions = {e["url"]: e for e in patient["extension"]}
    assert extensions[EXT_ETHNICITY]["valueCoding"]["code"] == "01"
    assert extensions[EXT_OCCUPATION]["valueCoding"]["code"] == "11200"
    assert extensions[EXT_PRIMARY_CARE_FACILITY]["valueReference"]["identifier"]["value"] == s["MA_DKBD"]


def test_patient_resource_of_sparse_demographics() -> None:
    demo = Demographics(None, "MAI", None, None, None, None, None, None, None, None, None)
    patient = patient_resource(demo, "p")
    validate_resource(patient)
    assert patient == {"resourceType": "Patient", "id": "p", "name": [{"use": "official", "text": "MAI"}]}
