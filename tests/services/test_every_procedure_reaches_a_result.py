"""Each shipped procedure runs from submission to a signed result with its own steps and positions."""

from __future__ import annotations

from tests.services.conftest import Svc, act, submit, upload

GPHD_FORM = {"enterprise_code": "0101234565", "enterprise_name": "Công ty CP Bệnh viện Hồng Ngọc",
             "representative": "Trần Thị Bình", "phone": "0912000111", "facility_name": "Bệnh viện Hồng Ngọc",
             "facility_type": "benh-vien", "facility_address": "55 Yên Ninh, Hà Nội", "director_name": "Lê Văn Cường",
             "director_cchn": "001234/BYT-CCHN", "beds": 120, "scope": "Nội, Ngoại, Sản, Nhi"}
GPNK_FORM = {"enterprise_code": "0101234565", "enterprise_name": "Công ty TNHH Thiết bị Y tế Minh An",
             "enterprise_address": "10 Trần Duy Hưng, Hà Nội", "phone": "0243999888",
             "device_name": "Máy siêu âm chẩn đoán", "model": "US-9000", "manufacturer": "Acme Medical, Đức",
             "risk_class": "C", "quantity": 2, "purpose": "vien-tro", "hs_code": "90181200",
             "gtin": "4006381333931"}


def run(svc: Svc, unit: str, code: str, steps: list[str]) -> dict:  # type: ignore[type-arg]
    for position in steps:
        act(svc.officer(unit, position), code, "complete_step")
    d = act(svc.officer(unit, "leader"), code, "approve")
    return act(svc.officer(unit, "clerk"), code, "return_result") | {"approved": d}


def test_facility_operating_licence(svc: Svc) -> None:
    biz = svc.business()
    docs = {k: [upload(biz, k)["id"]] for k in ("registration", "staff_list", "equipment_list", "director_licence")}
    code = submit(biz, "kcb-gphd", GPHD_FORM, docs)["code"]
    clerk = svc.officer("KCB", "clerk")
    act(clerk, code, "receive")
    act(clerk, code, "confirm_payment")
    d = run(svc, "KCB", code, ["specialist", "head"])
    assert d["status"] == "result_returned"
    assert d["issued"][0]["doc_type"] == "gphd" and "BYT-GPHĐ" in d["issued"][0]["number"]


def test_medical_device_import_licence_through_the_single_window(svc: Svc) -> None:
    biz = svc.business()
    docs = {k: [upload(biz, k)["id"]] for k in ("authorisation", "iso13485", "technical_summary")}
    d = submit(biz, "ttbyt-gpnk", GPNK_FORM, docs)
    assert d["fee_vnd"] == 3_000_000 and d["unit"]["code"] == "HTTBYT"
    act(svc.officer("HTTBYT", "clerk"), d["code"], "confirm_payment")
    d = run(svc, "HTTBYT", d["code"], ["specialist", "head"])
    assert d["issued"][0]["doc_type"] == "ttbyt_import_licence" and d["issued"][0]["valid_until"]
