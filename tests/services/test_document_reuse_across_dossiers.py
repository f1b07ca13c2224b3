"""The electronic data store: a document kept from one dossier is offered and reused in the next, the
applicant's earlier answers prefill the form, and both are measured."""

from __future__ import annotations

from tests.services.conftest import CCHN_FORM, OTHER_CITIZEN, Svc, act, cchn_documents, submit, upload


def test_stored_document_is_reused_in_a_second_dossier(svc: Svc) -> None:
    citizen = svc.citizen()
    docs = cchn_documents(citizen)
    first = submit(citizen, "kcb-gphn", CCHN_FORM, docs)
    assert first["measures"]["docs_reused"] == 0 and first["measures"]["docs_total"] == 4
    act(citizen, first["code"], "withdraw", reason="Nộp lại sau")

    offer = citizen.get("/api/services/procedures/kcb-gphn/prefill").json()
    assert [d["id"] for d in offer["documents"]["degree"]] == docs["degree"]
    assert offer["values"]["qualification"] == {"value": CCHN_FORM["qualification"], "source": "store"}
    assert offer["values"]["cccd"]["value"] == CCHN_FORM["cccd"]
    assert "criminal_record" not in offer["documents"]  # obtained by the system, never asked

    new_health = upload(citizen, "health_certificate")["id"]
    second = submit(citizen, "kcb-gphn", CCHN_FORM, {**docs, "health_certificate": [new_health]})
    assert second["measures"]["docs_total"] == 4 and second["measures"]["docs_reused"] == 3
    reused = {d["requirement"]: d["reused"] for d in second["documents"]}
    assert reused == {"degree": True, "practice_confirmation": True, "health_certificate": False, "photo": True}
    # every field the store knew (all but the scope and the months) counts as prefilled
    assert second["measures"]["fields_prefilled"] >= 7 and second["measures"]["fields_total"] == 9


def test_someone_elses_document_cannot_be_used(svc: Svc) -> None:
    mine = cchn_documents(svc.citizen())
    other = svc.citizen(OTHER_CITIZEN)
    r = other.post("/api/services/dossiers", json={
        "procedure": "kcb-gphn", "form": {**CCHN_FORM, "cccd": OTHER_CITIZEN}, "documents": mine})
    assert r.status_code == 422
    assert {i["rule"] for i in r.json()["error"]["issues"]} == {"document.not-found"}


def test_missing_or_wrong_documents_are_named(svc: Svc) -> None:
    citizen = svc.citizen()
    docs = cchn_documents(citizen)
    r = citizen.post("/api/services/dossiers", json={
        "procedure": "kcb-gphn", "form": CCHN_FORM,
        "documents": {"degree": docs["degree"], "photo": docs["degree"], "criminal_record": docs["degree"]}})
    assert r.status_code == 422
    issues = {(i["field"], i["rule"]) for i in r.json()["error"]["issues"]}
    assert ("documents.practice_confirmation", "document.required") in issues
    assert ("documents.photo", "document.type") in issues
    assert ("documents.criminal_record", "document.provided-by-system") in issues


def test_form_errors_name_field_value_and_rule(svc: Svc) -> None:
    citizen = svc.citizen()
    bad = {**CCHN_FORM, "cccd": "001090012", "practice_months": 3, "profession": "phu-thuy", "phone": "12345",
           "colour": "blue"}
    del bad["full_name"]
    r = citizen.post("/api/services/dossiers", json={"procedure": "kcb-gphn", "form": bad, "documents": {}})
    assert r.status_code == 422
    got = {i["field"]: i["rule"] for i in r.json()["error"]["issues"]}
    assert got["form.full_name"] == "form.required"
    assert got["form.cccd"].startswith("cccd.")
    assert got["form.practice_months"] == "form.min"
    assert got["form.profession"] == "form.choice"
    assert got["form.phone"] == "form.phone"
    assert got["form.colour"] == "form.unknown"
    assert all(i["message_vi"] and i["message_en"] for i in r.json()["error"]["issues"])
