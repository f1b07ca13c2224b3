"""XML1 → Encounter (identifier, class, period, discharge), Conditions (ICD-10) and measurements."""

from __future__ import annotations

import pytest

from yteso.core.ids import ICD10_SYSTEM, MA_CSKCB_SYSTEM, MA_LK_SYSTEM
from yteso.gateway.mapping import systems

FACILITY_REF = {"type": "Organization", "identifier": {"system": MA_CSKCB_SYSTEM, "value": "01001"}}


def _encounter(resources):
    return next(r for r in resources if r["resourceType"] == "Encounter")


def _local(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:12]}:00+07:00"


def test_encounter_identifier_period_and_provider(tables, mapped) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    encounter = _encounter(mapped(rows))
    identifier = encounter["identifier"][0]
    assert identifier["system"] == MA_LK_SYSTEM and identifier["value"] == s["MA_LK"]
    assert identifier["assigner"]["identifier"] == FACILITY_REF["identifier"]
    assert encounter["status"] == "finished"
    assert encounter["subject"] == {"reference": "Patient/patient-1"}
    assert encounter["period"] == {"start": _local(s["NGAY_VAO"]), "end": _local(s["NGAY_RA"])}
    assert encounter["serviceProvider"]["identifier"] == FACILITY_REF["identifier"]
    assert encounter["identifier"][1]["value"] == s["MA_HSBA"]
    assert encounter["type"][0]["coding"][0] == {
        "system": systems.MA_LOAI_KCB,
        "code": s["MA_LOAI_KCB"],
        "display": "Khám bệnh" if s["MA_LOAI_KCB"] == "01" else "Điều trị nội trú",
    }


@pytest.mark.parametrize(
    ("kind", "category", "expected"),
    [
        ("01", "1.1", "AMB"),
        ("01", "2", "EMER"),
        ("02", "1.1", "AMB"),
        ("03", "1.1", "IMP"),
        ("03", "2", "IMP"),
        ("04", "1.1", "SS"),
        ("06", "1.1", "IMP"),
        ("07", "1.1", "AMB"),
        ("09", "1.1", "SS"),
        ("12", "1.1", "HH"),
        ("14", "1.1", "VR"),
        ("99", "1.1", "AMB"),
    ],
)
def test_encounter_class_from_ma_loai_kcb(kind: str, category: str, expected: str, tables, mapped) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(MA_LOAI_KCB=kind, MA_DOITUONG_KCB=category)
    encounter = _encounter(mapped(rows))
    assert encounter["class"]["code"] == expected
    assert encounter["class"]["system"] == systems.V3_ACT_CODE
    if category == "2":
        assert encounter["priority"]["coding"][0]["code"] == "EM"
        assert encounter["hospitalization"]["admitSource"]["coding"][0]["code"] == "emd"


def test_inpatient_stay_has_class_history_and_length(tables, mapped) -> None:
    rows = tables(("XML1", "XML5"))[0]
    s = rows["XML1"][0]
    encounter = _encounter(mapped(rows))
    assert encounter["class"]["code"] == "IMP"
    history = encounter["classHistory"]
    assert [h["class"]["code"] for h in history] == ["AMB", "IMP"]
    assert history[1]["period"]["start"] == _local(s["NGAY_VAO_NOI_TRU"])
    assert encounter["length"]["value"] == int(s["SO_NGAY_DTRI"])
    assert encounter["length"]["code"] == "d"


@pytest.mark.parametrize(
    ("kind", "outcome", "disposition"),
    [
        ("1", "1", "home"),
        ("2", "3", "other-hcf"),
        ("3", "7", "aadvice"),
        ("4", "2", "aadvice"),
        ("5", "3", "other-hcf"),
        ("1", "5", "exp"),
        ("1", "8", "exp"),
    ],
)
def test_discharge_disposition(kind: str, outcome: str, disposition: str, tables, mapped) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(MA_LOAI_RV=kind, KET_QUA_DTRI=outcome)
    encounter = _encounter(mapped(rows))
    codings = encounter["hospitalization"]["dischargeDisposition"]["coding"]
    assert codings[0] == {**codings[0], "system": systems.DISCHARGE_DISPOSITION, "code": disposition}
    assert codings[1]["system"] == systems.MA_LOAI_RV and codings[1]["code"] == kind
    outcome_ext = encounter["extension"][0]
    assert outcome_ext["url"] == systems.EXT_TREATMENT_OUTCOME
    assert outcome_ext["valueCodeableConcept"]["coding"][0]["code"] == outcome


def test_referred_in_and_out(tables, mapped) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(MA_NOI_DI="01002", MA_NOI_DEN="01003")
    hospitalization = _encounter(mapped(rows))["hospitalization"]
    assert hospitalization["origin"]["identifier"]["value"] == "01002"
    assert hospitalization["destination"]["identifier"]["value"] == "01003"
    assert hospitalization["admitSource"]["coding"][0]["code"] == "hosp-trans"


def test_conditions_main_secondary_and_admission(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    s = rows["XML1"][0]
    s.update(MA_BENH_CHINH="J18.9", MA_BENH_KT="I10;E11.9;I10;", MA_BENH_YHCT="U50.001", KET_QUA_DTRI="1")
    resources = mapped(rows)
    conditions = of_type(resources, "Condition")
    coded = {c["code"]["coding"][0]["code"]: c for c in conditions if "coding" in c["code"]}
    assert list(coded) == ["J18.9", "I10", "E11.9", "U50.001"]
    main = coded["J18.9"]
    assert main["code"]["coding"][0]["system"] == ICD10_SYSTEM == "http://hl7.org/fhir/sid/icd-10"
    assert main["code"]["text"] == s["CHAN_DOAN_RV"]
    assert main["clinicalStatus"]["coding"][0]["code"] == "resolved"
    assert main["category"][0]["coding"][0]["code"] == "encounter-diagnosis"
    assert main["verificationStatus"]["coding"][0]["code"] == "confirmed"
    assert main["encounter"] == {"reference": f"Encounter/{_encounter(resources)['id']}"}
    assert coded["U50.001"]["code"]["coding"][0]["system"] == systems.BENH_YHCT
    admission = next(c for c in conditions if "coding" not in c["code"])
    assert admission["code"]["text"] == s["CHAN_DOAN_VAO"]
    assert admission["verificationStatus"]["coding"][0]["code"] == "provisional"
    diagnosis = _encounter(resources)["diagnosis"]
    assert diagnosis[0] == {
        "condition": {"reference": f"Condition/{main['id']}"},
        "use": {"coding": [{"system": systems.DIAGNOSIS_ROLE, "code": "DD"}]},
        "rank": 1,
    }
    assert diagnosis[-1]["use"]["coding"][0]["code"] == "AD"


def test_icd10_marks_are_removed(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(MA_BENH_CHINH="a18.0†", MA_BENH_KT="M01.1*")
    codes = [c["code"]["coding"][0]["code"] for c in of_type(mapped(rows), "Condition") if "coding" in c["code"]]
    assert codes == ["A18.0", "M01.1"]


def test_weight_and_blood_group_observations(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(CAN_NANG="62.50", NHOM_MAU="O+")
    observations = {o["code"]["coding"][0]["code"]: o for o in of_type(mapped(rows), "Observation")}
    assert observations["29463-7"]["valueQuantity"] == {
        "value": 62.5,
        "unit": "kg",
        "system": "http://unitsofmeasure.org",
        "code": "kg",
    }
    assert observations["882-1"]["valueCodeableConcept"] == {"text": "O+"}


def test_visit_summary_keeps_the_doctors_advice(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0]["GHI_CHU"] = "Uống thuốc đủ 7 ngày, tái khám khi sốt"
    summary = next(c for c in of_type(mapped(rows), "Composition") if c["type"]["coding"][0]["code"] == "XML1")
    sections = {s["title"]: s for s in summary["section"]}
    assert "Uống thuốc đủ 7 ngày" in sections["Lời dặn của bác sĩ"]["text"]["div"]
    assert sections["Kết quả điều trị"]["code"]["coding"][0]["code"] == "XML1.KET_QUA_DTRI"
