"""Transaction Bundles are atomic; batch entries stand alone; references are resolved."""

from __future__ import annotations

from yteso.testing.fhir_factories import encounter, observation, patient


def _tx(*entries, kind="transaction"):
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}


def _post(resource, full_url=None, **request):
    entry = {"resource": resource, "request": {"method": "POST", "url": resource["resourceType"], **request}}
    if full_url:
        entry["fullUrl"] = full_url
    return entry


def _count(admin, res_type):
    return admin.get(f"/fhir/{res_type}", params={"_summary": "count"}).json()["total"]


def test_transaction_rewrites_urn_uuid_references(admin):
    p = "urn:uuid:0b6c7f3e-0d2e-4d4e-9a8a-5a4f0f0a0001"
    bundle = _tx(
        _post(patient(), p),
        _post(encounter("X") | {"subject": {"reference": p}}),
        _post(observation("X") | {"subject": {"reference": p}}),
    )
    r = admin.post("/fhir", json=bundle)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["type"] == "transaction-response"
    assert [e["response"]["status"] for e in out["entry"]] == ["201 Created"] * 3
    pid = out["entry"][0]["resource"]["id"]
    assert out["entry"][1]["resource"]["subject"]["reference"] == f"Patient/{pid}"
    enc = admin.get("/fhir/Encounter", params={"subject": f"Patient/{pid}"}).json()
    assert enc["total"] == 1


def test_transaction_failing_at_last_entry_stores_nothing(admin):
    bad = observation("X")
    del bad["code"]
    bundle = _tx(_post(patient()), _post(encounter("X")), _post(bad))
    r = admin.post("/fhir", json=bundle)
    assert r.status_code == 422
    issues = r.json()["issue"]
    assert any("Bundle.entry[2]" in " ".join(i.get("expression", [])) for i in issues)
    assert _count(admin, "Patient") == 0 and _count(admin, "Encounter") == 0


def test_transaction_conditional_reference_and_if_none_exist(admin):
    cccd = "001090012345"
    existing = admin.post("/fhir/Patient", json=patient(cccd=cccd)).json()["id"]
    ident = f"identifier=http://fhir.hl7.org.vn/core/sid/cccd|{cccd}"
    bundle = _tx(
        _post(patient(cccd=cccd), ifNoneExist=ident),
        _post(encounter("X") | {"subject": {"reference": f"Patient?{ident}"}}),
    )
    out = admin.post("/fhir", json=bundle).json()
    assert out["entry"][0]["response"]["status"] == "200 OK"
    assert out["entry"][1]["resource"]["subject"]["reference"] == f"Patient/{existing}"
    assert _count(admin, "Patient") == 1


def test_unresolvable_conditional_reference_fails_whole_transaction(admin):
    bundle = _tx(_post(patient()), _post(encounter("X") | {"subject": {"reference": "Patient?identifier=nope"}}))
    r = admin.post("/fhir", json=bundle)
    assert r.status_code == 412
    assert _count(admin, "Patient") == 0


def test_transaction_update_and_delete(admin):
    pid = admin.post("/fhir/Patient", json=patient()).json()["id"]
    other = admin.post("/fhir/Patient", json=patient(cccd="001090000009")).json()["id"]
    bundle = _tx(
        {"resource": {**patient(gender="female"), "id": pid}, "request": {"method": "PUT", "url": f"Patient/{pid}"}},
        {"request": {"method": "DELETE", "url": f"Patient/{other}"}},
    )
    out = admin.post("/fhir", json=bundle).json()
    assert out["entry"][0]["response"]["etag"] == 'W/"2"'
    assert admin.get(f"/fhir/Patient/{other}").status_code == 410


def test_batch_entries_fail_alone(admin):
    bad = observation("X")
    del bad["status"]
    bundle = _tx(
        _post(patient()), _post(bad), {"request": {"method": "GET", "url": "Patient?_summary=count"}}, kind="batch"
    )
    out = admin.post("/fhir", json=bundle).json()
    assert out["type"] == "batch-response"
    statuses = [e["response"]["status"] for e in out["entry"]]
    assert statuses[0] == "201 Created" and statuses[1] == "422" and statuses[2] == "200 OK"
    assert _count(admin, "Patient") == 1 and _count(admin, "Observation") == 0


def test_bundle_of_wrong_type_is_refused(admin):
    r = admin.post("/fhir", json={"resourceType": "Bundle", "type": "collection"})
    assert r.status_code == 400
    assert r.json()["issue"][0]["expression"] == ["Bundle.type"]


def test_transaction_with_return_minimal_omits_bodies(admin):
    r = admin.post("/fhir", json=_tx(_post(patient())), headers={"Prefer": "return=minimal"})
    entry = r.json()["entry"][0]
    assert "resource" not in entry and entry["response"]["status"] == "201 Created"
    assert entry["response"]["location"].startswith("Patient/")
