"""Results are signed PDFs (PAdES, development CA); the public verification tells a genuine, unchanged
result from a changed one — one changed byte is enough."""

from __future__ import annotations

from typing import Any

import httpx

from tests.services.conftest import PDF, TPBVSK_FORM, Svc, act, submit, tpbvsk_documents


def approved(svc: Svc) -> tuple[httpx.Client, dict[str, Any]]:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    act(svc.officer("ATTP", "clerk"), code, "confirm_payment")
    act(svc.officer("ATTP", "specialist"), code, "complete_step")
    act(svc.officer("ATTP", "head"), code, "complete_step")
    d = act(svc.officer("ATTP", "leader"), code, "approve", note="Đồng ý")
    assert (d["status"], d["decision"]) == ("decided", "approved")
    d = act(svc.officer("ATTP", "clerk"), code, "return_result")
    return biz, d


def test_result_is_signed_stored_and_verifiable(svc: Svc) -> None:
    biz, d = approved(svc)
    result = d["issued"][0]
    assert result["doc_type"] == "tpbvsk_registration" and result["number"].endswith("/ĐKSP")
    pdf = biz.get(f"/api/services/documents/{result['id']}/content").content
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf
    anyone = svc.anonymous()
    check = anyone.post("/api/services/verify", content=pdf, headers={"Content-Type": "application/pdf"}).json()
    assert check["genuine"] and check["signature_valid"] and check["intact"], check["problems"]
    assert check["issued"]["number"] == result["number"]
    assert "Bộ Y tế" in check["signer"]
    public = anyone.get(f"/api/services/verify/{result['id']}").json()
    assert public["number"] == result["number"] and public["holder"].startswith("010")
    store = biz.get("/api/services/store").json()["documents"]
    assert any(doc["id"] == result["id"] and doc["source"] == "result" for doc in store)


def test_one_changed_byte_is_detected(svc: Svc) -> None:
    biz, d = approved(svc)
    pdf = bytearray(biz.get(f"/api/services/documents/{d['issued'][0]['id']}/content").content)
    where = pdf.index(b"/Type /Page") if b"/Type /Page" in pdf else len(pdf) // 3
    pdf[where + 2] ^= 0x01
    check = svc.anonymous().post("/api/services/verify", content=bytes(pdf)).json()
    assert not check["genuine"]
    assert not (check["signature_valid"] and check["intact"])
    assert check["problems"]


def test_unsigned_or_foreign_documents_are_not_genuine(svc: Svc) -> None:
    check = svc.anonymous().post("/api/services/verify", content=PDF).json()
    assert not check["genuine"] and check["issued"] is None
    assert svc.anonymous().get("/api/services/verify/00000000-0000-0000-0000-000000000000").status_code == 404


def test_results_are_only_readable_by_their_owner_and_unit(svc: Svc) -> None:
    _biz, d = approved(svc)
    doc = d["issued"][0]["id"]
    assert svc.citizen().get(f"/api/services/documents/{doc}/content").status_code == 404
    assert svc.officer("KCB", "clerk").get(f"/api/services/documents/{doc}").status_code == 404
    assert svc.officer("ATTP", "clerk").get(f"/api/services/documents/{doc}").status_code == 200
