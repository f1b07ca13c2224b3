"""Every state transition of a dossier, through the API: who may, from which state, and the 409/403
answers for the rest (Decree 61/2018, Decree 107/2021)."""

from __future__ import annotations

from typing import Any

from tests.services.conftest import (
    CCHN_FORM,
    TPBVSK_FORM,
    Svc,
    act,
    cchn_documents,
    submit,
    tpbvsk_documents,
)


def _events(d: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["action"], e["to"]) for e in d["events"]]


def _paid(svc: Svc, code: str) -> dict[str, Any]:
    """The clerk confirms the fee paid at the counter (the online path is tested with the gateway)."""
    return act(svc.officer("ATTP", "clerk"), code, "confirm_payment", note="Biên lai 0001")


def test_online_submission_is_received_with_a_due_date_and_awaits_payment(svc: Svc) -> None:
    biz = svc.business()
    d = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))
    assert d["code"].startswith("ATTP-")
    d = biz.get(f"/api/services/dossiers/{d['code']}").json()
    assert d["status"] == "awaiting_payment"
    assert d["due_at"] and d["received_at"]
    assert _events(d) == [("submit", "submitted"), ("receive", "received"), ("request_payment", "awaiting_payment")]
    assert d["fee_vnd"] == 1_500_000
    assert "withdraw" in d["actions"]


def test_full_path_to_returned_and_rated(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    d = _paid(svc, code)
    assert (d["status"], d["step"]["id"]) == ("in_processing", "appraisal")
    d = act(svc.officer("ATTP", "specialist"), code, "complete_step", note="Hồ sơ đạt")
    assert d["step"]["id"] == "review"
    head = svc.officer("ATTP", "head")
    d = act(head, code, "send_back", reason="Bổ sung nhận xét về thành phần")
    assert d["step"]["id"] == "appraisal"
    act(svc.officer("ATTP", "specialist"), code, "complete_step")
    act(head, code, "complete_step")
    d = act(svc.officer("ATTP", "leader"), code, "refuse", reason="Bằng chứng khoa học không chứng minh công dụng")
    assert (d["status"], d["decision"]) == ("decided", "refused")
    assert [x["doc_type"] for x in d["issued"]] == ["refusal"]
    d = act(svc.officer("ATTP", "clerk"), code, "return_result")
    assert d["status"] == "result_returned"
    d = act(biz, code, "rate", rating=2, comment="Nhanh")
    assert d["rating"]["value"] == 2
    act(biz, code, "rate", expect=409, rating=3)


def test_illegal_transitions_answer_409(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    clerk = svc.officer("ATTP", "clerk")
    act(clerk, code, "return_result", expect=409)  # not decided
    act(clerk, code, "receive", expect=409)  # already received
    act(biz, code, "rate", expect=409, rating=3)  # no result yet
    act(biz, code, "supplement", expect=409, documents={})  # nothing was asked
    act(svc.officer("ATTP", "specialist"), code, "complete_step", expect=409)  # awaiting payment
    act(biz, code, "withdraw", reason="Nộp nhầm")
    for action in ("withdraw", "confirm_payment", "approve", "request_supplement"):
        r = (biz if action == "withdraw" else clerk).post(f"/api/services/dossiers/{code}/actions/{action}", json={})
        assert r.status_code == 409, (action, r.text)
        assert r.json()["error"]["issues"][0]["rule"] == f"transition.{action}"


def test_actors_without_the_position_get_403(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    act(biz, code, "confirm_payment", expect=403)  # applicants do not confirm fees
    act(svc.officer("KCB", "clerk"), code, "confirm_payment", expect=403)  # another unit
    _paid(svc, code)
    act(svc.officer("ATTP", "head"), code, "complete_step", expect=403)  # the step is the specialist's
    act(svc.officer("ATTP", "leader"), code, "approve", expect=403)  # the dossier is at the specialist's step
    act(svc.officer("ATTP", "specialist"), code, "approve", expect=409)  # not at the deciding step
    act(biz, code, "complete_step", expect=403)


def test_system_and_unknown_actions_are_refused(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    act(svc.officer("ATTP", "clerk"), code, "pay", expect=403)
    act(svc.officer("ATTP", "clerk"), code, "fly", expect=404)


def test_manual_reception_and_refusal_to_receive(svc: Svc) -> None:
    biz = svc.business()
    form = {"enterprise_code": "0101234565", "enterprise_name": "Công ty CP Bệnh viện Hồng Ngọc",
            "representative": "Trần Thị Bình", "phone": "0912000111", "facility_name": "Phòng khám Hồng Ngọc",
            "facility_type": "phong-kham", "facility_address": "55 Yên Ninh, Hà Nội", "director_name": "Lê Văn Cường",
            "director_cchn": "001234/BYT-CCHN", "beds": 0, "scope": "Khám nội tổng quát"}
    docs = {k: [svc_upload(biz, k)] for k in ("registration", "staff_list", "equipment_list")}
    docs["director_licence"] = [svc_upload(biz, "cchn")]
    d = submit(biz, "kcb-gphd", form, docs)
    assert (d["status"], d["due_at"]) == ("submitted", None)
    assert d["fee_vnd"] == 5_700_000  # by facility type
    clerk = svc.officer("KCB", "clerk")
    d = act(clerk, d["code"], "receive", note="Đủ thành phần")
    assert d["status"] == "awaiting_payment" and d["due_at"]
    d2 = submit(biz, "kcb-gphd", {**form, "facility_type": "benh-vien"}, {
        k: [svc_upload(biz, "cchn" if k == "director_licence" else k)] for k in docs})
    assert d2["fee_vnd"] == 10_500_000
    act(clerk, d2["code"], "not_accept", expect=400)  # a reason is required
    d2 = act(clerk, d2["code"], "not_accept", reason="Địa điểm không phù hợp quy hoạch")
    assert d2["status"] == "not_accepted" and d2["portal_status"] == 3


def svc_upload(client: Any, doc_type: str) -> str:
    from tests.services.conftest import upload

    return str(upload(client, doc_type)["id"])


def test_supplement_round_and_limit(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    _paid(svc, code)
    spec = svc.officer("ATTP", "specialist")
    act(spec, code, "request_supplement", expect=400)  # reason required
    d = act(spec, code, "request_supplement", reason="Thiếu phiếu kiểm nghiệm mới", requirements=["test_report"])
    assert d["status"] == "supplement_requested" and d["supplement"]["due_at"]
    act(spec, code, "complete_step", expect=409)
    new_report = svc_upload(biz, "test_report")
    d = act(biz, code, "supplement", documents={"test_report": [new_report]}, form={"shelf_life_months": 36})
    assert d["status"] == "in_processing" and d["form"]["shelf_life_months"] == 36
    act(spec, code, "request_supplement", expect=409, reason="Lần hai")  # Decree 15/2018: once only


def test_assignment_restricts_the_step(svc: Svc) -> None:
    biz = svc.business()
    code = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"]
    _paid(svc, code)
    act(svc.officer("ATTP", "head"), code, "assign", expect=400, officer="officer:KCB:specialist")
    with svc.sessions()() as s, s.begin():
        from yteso.services import staff

        staff.put_staff(s, "officer:ATTP:specialist2", "ATTP", ["specialist"])
    d = act(svc.officer("ATTP", "head"), code, "assign", officer="officer:ATTP:specialist2")
    assert d["assignee"] == "officer:ATTP:specialist2"
    act(svc.officer("ATTP", "specialist"), code, "complete_step", expect=409)
    act(svc.officer("ATTP", "specialist2"), code, "complete_step")


def test_citizen_procedure_refuses_businesses_and_vice_versa(svc: Svc) -> None:
    biz, citizen = svc.business(), svc.citizen()
    submit(biz, "kcb-gphn", CCHN_FORM, {}, expect=403)
    submit(citizen, "attp-tpbvsk", TPBVSK_FORM, {}, expect=403)
    r = citizen.post("/api/services/dossiers", json={"procedure": "kcb-gphn", "form": CCHN_FORM,
                                                     "documents": cchn_documents(citizen)})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "awaiting_payment"


def test_clerk_files_at_the_counter_for_a_citizen(svc: Svc) -> None:
    from tests.services.conftest import CITIZEN, PNG, upload

    clerk = svc.officer("KCB", "clerk")
    who = {"applicant_kind": "citizen", "applicant_id": CITIZEN}
    docs = {k: [upload(clerk, k, **who)["id"]] for k in ("degree", "practice_confirmation", "health_certificate")}
    docs["photo"] = [upload(clerk, "photo", PNG, name="anh.png", mime="image/png", **who)["id"]]
    r = clerk.post("/api/services/dossiers", json={"procedure": "kcb-gphn", "form": CCHN_FORM, "documents": docs,
                                                    "applicant": {"kind": "citizen", "id": CITIZEN,
                                                                  "name": "Nguyễn Văn An"}})
    assert r.status_code == 201, r.text
    d = r.json()
    assert (d["channel"], d["status"]) == ("counter", "awaiting_payment") and d["due_at"]
    citizen = svc.citizen()
    assert citizen.get(f"/api/services/dossiers/{d['code']}").status_code == 200  # it is the citizen's dossier
    stored = {x["id"] for x in citizen.get("/api/services/store").json()["documents"]}
    assert stored >= {i for ids in docs.values() for i in ids}
    r = clerk.post("/api/services/dossiers", json={"procedure": "kcb-gphn", "form": CCHN_FORM, "documents": docs,
                                                    "applicant": {"kind": "citizen", "id": "001090012346",
                                                                  "name": "Ai đó"}})
    assert r.status_code == 422  # the documents are not that person's
    metrics = svc.client("admin").get("/api/services/metrics", params={"group": "unit"}).json()
    assert metrics["total"]["online_rate"] == 0.0
    assert svc.officer("ATTP", "clerk").post("/api/services/dossiers", json={
        "procedure": "kcb-gphn", "form": CCHN_FORM, "documents": docs,
        "applicant": {"kind": "citizen", "id": CITIZEN, "name": "x"}}).status_code == 403
