"""XML2 → MedicationRequest; XML3 → Procedure; XML4 → Observation grouped in DiagnosticReport."""

from __future__ import annotations

import pytest

from yteso.core.ids import CCHN_SYSTEM, ICD10_SYSTEM
from yteso.gateway.mapping import systems
from yteso.gateway.mapping.results import result_value


def _local(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:12]}:00+07:00"


def test_medication_request_per_drug_line(tables, mapped, of_type) -> None:
    rows = tables()[0]
    requests = of_type(mapped(rows), "MedicationRequest")
    assert len(requests) == len(rows["XML2"])
    for request, line in zip(requests, rows["XML2"], strict=True):
        assert request["status"] == "completed" and request["intent"] == "order"
        medication = request["medicationCodeableConcept"]
        assert medication["coding"] == [
            {"system": systems.DRUG, "code": line["MA_THUOC"], "display": line["TEN_THUOC"]}
        ]
        assert medication["text"].startswith(f"{line['TEN_THUOC']} {line['HAM_LUONG']}")
        assert request["authoredOn"] == _local(line["NGAY_YL"])
        assert request["requester"] == {
            "type": "Practitioner",
            "identifier": {"system": CCHN_SYSTEM, "value": line["MA_BAC_SI"]},
        }
        dosage = request["dosageInstruction"][0]
        assert dosage["text"] == line["LIEU_DUNG"]
        assert dosage["patientInstruction"] == line["CACH_DUNG"]
        assert dosage["route"]["coding"][0] == {"system": systems.DUONG_DUNG, "code": line["DUONG_DUNG"]}
        assert request["dispenseRequest"]["quantity"]["value"] == pytest.approx(float(line["SO_LUONG"]))
        assert request["subject"] == {"reference": "Patient/patient-1"}


def test_medication_category_follows_the_visit(tables, mapped, of_type) -> None:
    outpatient = tables(("XML1", "XML2"), seed=1)[0]
    outpatient["XML1"][0]["MA_LOAI_KCB"] = "01"
    inpatient = tables(("XML1", "XML2", "XML5"), seed=1)[0]
    for rows, expected in ((outpatient, "outpatient"), (inpatient, "inpatient")):
        request = of_type(mapped(rows), "MedicationRequest")[0]
        assert request["category"][0]["coding"][0]["code"] == expected


def test_procedures_for_technical_services_only(tables, mapped, of_type) -> None:
    rows = tables()[0]
    resources = mapped(rows)
    procedures = of_type(resources, "Procedure")
    technical = [r for r in rows["XML3"] if r["MA_NHOM"] in ("1", "2", "3", "8", "18") and not r["MA_VAT_TU"]]
    assert [p["code"]["coding"][0]["code"] for p in procedures] == [r["MA_DICH_VU"] for r in technical]
    reports = {r["id"]: r for r in of_type(resources, "DiagnosticReport")}
    for procedure, line in zip(procedures, technical, strict=True):
        assert procedure["status"] == "completed"
        assert procedure["code"]["coding"][0]["system"] == systems.DVKT
        assert procedure["code"]["text"] == line["TEN_DICH_VU"]
        assert procedure["performedPeriod"] == {"start": _local(line["NGAY_TH_YL"]), "end": _local(line["NGAY_KQ"])}
        assert procedure["performer"][0]["actor"]["identifier"] == {
            "system": CCHN_SYSTEM,
            "value": line["NGUOI_THUC_HIEN"],
        }
        assert procedure["reasonCode"][0]["coding"][0] == {"system": ICD10_SYSTEM, "code": line["MA_BENH"]}
        assert procedure["category"]["coding"][0]["code"] == "103693007"
        for report in procedure.get("report", []):
            report_id = report["reference"].split("/")[1]
            assert reports[report_id]["code"]["coding"][0]["code"] == line["MA_DICH_VU"]
    assert any("report" in p for p in procedures)


def test_surgery_procedure_details(tables, mapped, of_type) -> None:
    rows = tables(("XML1", "XML3"))[0]
    line = rows["XML3"][0]
    line.update(
        MA_NHOM="8",
        MA_DICH_VU="10.0507.0571_TB",
        TEN_DICH_VU="Phẫu thuật cắt ruột thừa",
        MA_PTTT_QT="47.09",
        PP_VO_CAM="1",
        MA_MAY="PT.1.01001.1",
        NGUOI_THUC_HIEN="001234/HNO-CCHN;003871/HNO-CCHN",
    )
    procedure = of_type(mapped(rows), "Procedure")[0]
    assert procedure["status"] == "stopped"
    assert procedure["category"]["coding"][0]["code"] == "387713003"
    assert procedure["code"]["coding"][1] == {"system": systems.ICD9CM, "code": "47.09"}
    assert len(procedure["performer"]) == 2
    assert procedure["note"] == [{"text": "Phương pháp vô cảm: Gây mê"}]
    assert procedure["usedCode"] == [{"text": "Máy PT.1.01001.1"}]


def test_results_grouped_in_reports(tables, mapped, of_type) -> None:
    rows = tables()[0]
    resources = mapped(rows)
    reports = of_type(resources, "DiagnosticReport")
    observations = {
        o["id"]: o
        for o in of_type(resources, "Observation")
        if o["id"] in {ref["reference"].split("/")[1] for r in reports for ref in r["result"]}
    }
    assert len(observations) == len(rows["XML4"])
    services = {r["MA_DICH_VU"]: r for r in rows["XML3"]}
    assert {r["code"]["coding"][0]["code"] for r in reports} == {r["MA_DICH_VU"] for r in rows["XML4"]}
    for report in reports:
        code = report["code"]["coding"][0]["code"]
        members = [r for r in rows["XML4"] if r["MA_DICH_VU"] == code]
        assert len(report["result"]) == len(members)
        assert report["code"]["text"] == services[code]["TEN_DICH_VU"]
        assert report["category"][0]["coding"][0] == {"system": systems.V2_0074, "code": "LAB"}
        assert report["issued"] == _local(members[0]["NGAY_KQ"])
        assert report["conclusion"] == "; ".join(dict.fromkeys(m["KET_LUAN"] for m in members))
        assert report["performer"][0]["identifier"]["value"] == "01001"
    first = rows["XML4"][0]
    obs = next(o for o in observations.values() if o["code"]["coding"][0]["code"] == first["MA_CHI_SO"])
    assert obs["valueQuantity"] == {"value": float(first["GIA_TRI"]), "unit": first["DON_VI_DO"]}
    assert obs["code"]["coding"][0]["system"] == systems.CHI_SO_CLS
    assert obs["code"]["text"] == first["TEN_CHI_SO"]
    assert obs["effectiveDateTime"] == _local(services[first["MA_DICH_VU"]]["NGAY_TH_YL"])
    assert obs["interpretation"] == [{"text": first["KET_LUAN"]}]
    assert obs["category"][0]["coding"][0]["code"] == "laboratory"


def test_imaging_result_without_value_keeps_the_description(tables, mapped, of_type) -> None:
    rows = tables()[0]
    imaging = next((r for r in rows["XML3"] if r["MA_NHOM"] == "2"), None)
    if imaging is None:
        imaging = rows["XML3"][-1]
        imaging.update(MA_NHOM="2", MA_VAT_TU="", MA_DICH_VU="18.0119.0028", TEN_DICH_VU="Chụp Xquang ngực thẳng")
    row = dict(rows["XML4"][0])
    row.update(
        STT="99",
        MA_DICH_VU=imaging["MA_DICH_VU"],
        MA_CHI_SO="",
        TEN_CHI_SO="Xquang ngực",
        GIA_TRI="",
        DON_VI_DO="",
        MO_TA="Đám mờ thùy dưới phổi phải",
        KET_LUAN="Viêm phổi thùy dưới phải",
        NGAY_KQ=imaging["NGAY_KQ"],
    )
    rows["XML4"].append(row)
    resources = mapped(rows)
    obs = next(o for o in of_type(resources, "Observation") if o["code"].get("text") == "Xquang ngực")
    assert obs["valueString"] == "Đám mờ thùy dưới phổi phải"
    assert "coding" not in obs["code"]
    assert obs["category"][0]["coding"][0]["code"] == "imaging"
    report = next(
        r for r in of_type(resources, "DiagnosticReport") if r["code"]["coding"][0]["code"] == imaging["MA_DICH_VU"]
    )
    assert report["category"][0]["coding"][0]["code"] == "RAD"
    assert report["conclusion"] == "Viêm phổi thùy dưới phải"


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("5.4", "mmol/L", ("valueQuantity", {"value": 5.4, "unit": "mmol/L"})),
        ("120", "g/L", ("valueQuantity", {"value": 120, "unit": "g/L"})),
        ("<0.5", "mg/L", ("valueQuantity", {"value": 0.5, "comparator": "<", "unit": "mg/L"})),
        (">= 100", "", ("valueQuantity", {"value": 100, "comparator": ">="})),
        ("Âm tính", "", ("valueString", "Âm tính")),
        ("5,4", "mmol/L", ("valueString", "5,4")),
        ("nan", "", ("valueString", "nan")),
        ("", "g/L", None),
    ],
)
def test_result_value(text: str, unit: str, expected) -> None:
    assert result_value(text, unit) == expected


def test_a_test_repeated_in_a_stay_makes_two_reports(tables, mapped, of_type) -> None:
    rows = tables()[0]
    first = rows["XML4"][0]
    again = dict(first)
    again.update(STT="50", NGAY_KQ=first["NGAY_KQ"][:8] + "2359", GIA_TRI="7.1")
    rows["XML4"].append(again)
    reports = [
        r for r in of_type(mapped(rows), "DiagnosticReport") if r["code"]["coding"][0]["code"] == first["MA_DICH_VU"]
    ]
    assert len(reports) == 2 and reports[0]["id"] != reports[1]["id"]
