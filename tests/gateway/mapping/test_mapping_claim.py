"""XML1 card → Coverage; XML1 + XML2 + XML3 → Claim (items, totals, who pays what)."""

from __future__ import annotations

import pytest

from yteso.core.ids import BHYT_SYSTEM, EXT_PRIMARY_CARE_FACILITY, ICD10_SYSTEM
from yteso.gateway.mapping import systems


def _ext(extensions, url):
    return next(e for e in extensions if e["url"] == url)


def _sub(extension, name):
    return next((e for e in extension["extension"] if e["url"] == name), None)


def test_coverage_of_the_card(tables, mapped, of_type) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    coverage = of_type(mapped(rows), "Coverage")
    assert len(coverage) == 1
    c = coverage[0]
    card = s["MA_THE_BHYT"]
    assert c["identifier"] == [{"system": BHYT_SYSTEM, "value": card}]
    assert c["subscriberId"] == card
    assert c["beneficiary"] == {"reference": "Patient/patient-1"}
    assert c["period"] == {"start": f"{s['GT_THE_TU'][:4]}-01-01", "end": f"{s['GT_THE_DEN'][:4]}-12-31"}
    assert c["payor"][0]["display"] == "Bảo hiểm xã hội Việt Nam"
    assert c["payor"][0]["identifier"]["value"] == "https://baohiemxahoi.gov.vn"
    classes = {k["type"]["coding"][0]["code"]: k["value"] for k in c["class"]}
    assert classes["group"] == card[:2] and classes["plan"] == card[2]
    applied = int(rows["XML2"][0]["MUC_HUONG"])
    assert c["costToBeneficiary"][0]["valueQuantity"]["value"] == 100 - applied
    assert c["costToBeneficiary"][0]["type"]["coding"][0]["code"] == "copaypct"
    assert _ext(c["extension"], EXT_PRIMARY_CARE_FACILITY)["valueReference"]["identifier"]["value"] == s["MA_DKBD"]


def test_two_cards_make_two_coverages_the_last_is_focal(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(
        MA_THE_BHYT="DN4010123456789;HT3010123456789",
        GT_THE_TU="20250101;20260301",
        GT_THE_DEN="20260228;20261231",
        MA_DKBD="01001;01002",
    )
    resources = mapped(rows)
    coverage = of_type(resources, "Coverage")
    assert [c["subscriberId"] for c in coverage] == ["DN4010123456789", "HT3010123456789"]
    assert coverage[1]["period"] == {"start": "2026-03-01", "end": "2026-12-31"}
    assert _ext(coverage[1]["extension"], EXT_PRIMARY_CARE_FACILITY)["valueReference"]["identifier"]["value"] == "01002"
    insurance = of_type(resources, "Claim")[0]["insurance"]
    assert [(i["sequence"], i["focal"]) for i in insurance] == [(1, False), (2, True)]
    assert insurance[1]["coverage"] == {"reference": f"Coverage/{coverage[1]['id']}"}


def test_visit_without_card_is_self_pay(tables, mapped, of_type) -> None:
    rows = tables(("XML1",))[0]
    rows["XML1"][0].update(MA_THE_BHYT="", GT_THE_TU="", GT_THE_DEN="", MA_DKBD="", MA_DOITUONG_KCB="9")
    resources = mapped(rows)
    coverage = of_type(resources, "Coverage")
    assert len(coverage) == 1
    assert coverage[0]["type"]["coding"][0] == {"system": systems.COVERAGE_SELFPAY, "code": "pay", "display": "Pay"}
    assert coverage[0]["payor"] == [{"reference": "Patient/patient-1"}]
    claim = of_type(resources, "Claim")[0]
    assert "insurer" not in claim


def test_claim_items_amounts_and_totals(tables, mapped, of_type) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    resources = mapped(rows)
    claim = of_type(resources, "Claim")[0]
    assert claim["use"] == "claim" and claim["status"] == "active"
    assert claim["patient"] == {"reference": "Patient/patient-1"}
    assert claim["provider"]["identifier"]["value"] == "01001"
    assert claim["insurer"]["display"] == "Bảo hiểm xã hội Việt Nam"
    assert claim["identifier"][0]["value"] == s["MA_LK"]
    assert claim["total"] == {"value": float(s["T_TONGCHI_BV"]), "currency": "VND"}
    lines = rows["XML2"] + rows["XML3"]
    items = claim["item"]
    assert [i["sequence"] for i in items] == list(range(1, len(lines) + 1))
    for item, line in zip(items, lines, strict=True):
        assert item["net"] == {"value": pytest.approx(float(line["THANH_TIEN_BV"])), "currency": "VND"}
        assert item["quantity"]["value"] == pytest.approx(float(line["SO_LUONG"]))
        assert item["quantity"]["unit"] == line["DON_VI_TINH"]
        price = line.get("DON_GIA") or line["DON_GIA_BV"]
        assert item["unitPrice"]["value"] == pytest.approx(float(price))
        assert item["encounter"][0]["reference"].startswith("Encounter/")
    totals = _ext(claim["extension"], systems.EXT_CLAIM_TOTALS)
    for name in ("T_BHTT", "T_BNCCT", "T_BNTT", "T_TONGCHI_BH", "T_THUOC"):
        assert _sub(totals, name)["valueMoney"]["value"] == pytest.approx(float(s[name]))
    insurer_paid = sum(
        (_sub(_ext(i["extension"], systems.EXT_CLAIM_LINE), "T_BHTT") or {"valueMoney": {"value": 0}})["valueMoney"][
            "value"
        ]
        for i in items
    )
    assert insurer_paid == pytest.approx(float(s["T_BHTT"]), abs=0.05)


def test_item_codes_of_drugs_services_and_supplies(tables, mapped, of_type) -> None:
    rows = tables()[0]
    items = of_type(mapped(rows), "Claim")[0]["item"]
    drug = items[0]["productOrService"]["coding"][0]
    assert drug == {
        "system": systems.DRUG,
        "code": rows["XML2"][0]["MA_THUOC"],
        "display": rows["XML2"][0]["TEN_THUOC"],
    }
    assert items[0]["category"]["coding"][0] == {"system": systems.MA_NHOM, "code": "4", "display": "Thuốc"}
    offset = len(rows["XML2"])
    for item, line in zip(items[offset:], rows["XML3"], strict=True):
        coding = item["productOrService"]["coding"][0]
        if line["MA_VAT_TU"]:
            assert coding["system"] == systems.SUPPLY and coding["code"] == line["MA_VAT_TU"]
        else:
            assert coding["system"] == systems.DVKT and coding["code"] == line["MA_DICH_VU"]
    line_ext = _ext(items[0]["extension"], systems.EXT_CLAIM_LINE)
    registration = _sub(line_ext, "SO_DANG_KY")["valueIdentifier"]
    assert registration == {"system": systems.DRUG_REGISTRATION, "value": rows["XML2"][0]["SO_DANG_KY"]}
    assert _sub(line_ext, "TT_THAU")["valueString"] == rows["XML2"][0]["TT_THAU"]
    assert _sub(line_ext, "T_NGUONKHAC") is None  # zero amounts are left out
    programs = [p["coding"][0]["system"] for p in items[0]["programCode"]]
    assert programs == [systems.PHAM_VI, systems.MA_PTTT, systems.NGUON_CTRA]


def test_claim_diagnoses_procedures_and_supporting_info(tables, mapped, of_type) -> None:
    rows = tables()[0]
    s = rows["XML1"][0]
    s.update(
        MA_BENH_CHINH="J18.9", MA_BENH_KT="I10", MA_PTTT_QT="87.44;89.52", MA_TAI_NAN="1", NAM_QT="2026", THANG_QT="3"
    )
    for line in rows["XML3"]:
        line["MA_BENH"] = "I10"
    claim = of_type(mapped(rows), "Claim")[0]
    assert [d["diagnosisCodeableConcept"]["coding"][0]["code"] for d in claim["diagnosis"]] == ["J18.9", "I10"]
    assert claim["diagnosis"][0]["diagnosisCodeableConcept"]["coding"][0]["system"] == ICD10_SYSTEM
    assert claim["diagnosis"][0]["type"][0]["coding"][0]["code"] == "principal"
    assert [p["procedureCodeableConcept"]["coding"][0]["code"] for p in claim["procedure"]] == ["87.44", "89.52"]
    assert claim["item"][len(rows["XML2"])]["diagnosisSequence"] == [2]
    info = {i["code"]["coding"][0]["code"]: i for i in claim["supportingInfo"]}
    assert info["XML1.THANG_QT"]["timingDate"] == "2026-03"
    assert info["1"]["code"]["coding"][0]["system"] == systems.TAI_NAN
    assert info[s["MA_DOITUONG_KCB"]]["code"]["coding"][0]["system"] == systems.MA_DOITUONG_KCB
    assert claim["created"].startswith(f"{s['NGAY_TTOAN'][:4]}-")


def test_service_ratio_becomes_item_factor(tables, mapped, of_type) -> None:
    rows = tables()[0]
    rows["XML3"][0]["TYLE_TT_DV"] = "50"
    item = of_type(mapped(rows), "Claim")[0]["item"][len(rows["XML2"])]
    assert item["factor"] == 0.5
