"""Create, read, vread, update (versions, If-Match), delete (410), conditional writes, history."""

from __future__ import annotations

import threading

from yteso.testing.fhir_factories import patient


def test_metadata_is_open_and_lists_types(api):
    with api.anonymous() as c:
        r = c.get("/fhir/metadata")
    assert r.status_code == 200
    cap = r.json()
    assert cap["fhirVersion"] == "4.0.1"
    types = {res["type"] for res in cap["rest"][0]["resource"]}
    assert {"Patient", "Observation", "Encounter", "Consent", "AuditEvent", "Bundle"} <= types
    patient_params = {
        p["name"] for res in cap["rest"][0]["resource"] if res["type"] == "Patient" for p in res["searchParam"]
    }
    assert {"name", "birthdate", "identifier", "gender", "_id", "_lastUpdated"} <= patient_params


def test_everything_but_metadata_needs_a_token(api):
    with api.anonymous() as c:
        r = c.get("/fhir/Patient")
    assert r.status_code == 401
    assert r.json()["resourceType"] == "OperationOutcome"


def test_create_read_vread_update_delete(admin):
    r = admin.post("/fhir/Patient", json=patient())
    assert r.status_code == 201
    assert r.headers["etag"] == 'W/"1"'
    pid = r.json()["id"]
    assert r.headers["location"] == f"Patient/{pid}/_history/1"
    assert r.json()["meta"]["versionId"] == "1"
    assert r.json()["meta"]["lastUpdated"].endswith("+07:00")

    body = admin.get(f"/fhir/Patient/{pid}").json()
    body["gender"] = "female"
    r = admin.put(f"/fhir/Patient/{pid}", json=body, headers={"If-Match": 'W/"1"'})
    assert r.status_code == 200 and r.headers["etag"] == 'W/"2"'

    assert admin.get(f"/fhir/Patient/{pid}/_history/1").json()["gender"] == "male"
    assert admin.get(f"/fhir/Patient/{pid}/_history/2").json()["gender"] == "female"
    assert admin.get(f"/fhir/Patient/{pid}/_history/3").status_code == 404

    assert admin.delete(f"/fhir/Patient/{pid}").status_code == 204
    gone = admin.get(f"/fhir/Patient/{pid}")
    assert gone.status_code == 410
    assert gone.json()["resourceType"] == "OperationOutcome"
    assert admin.delete(f"/fhir/Patient/{pid}").status_code == 204

    hist = admin.get(f"/fhir/Patient/{pid}/_history").json()
    assert [e["request"]["method"] for e in hist["entry"]] == ["DELETE", "PUT", "POST"]


def test_stale_if_match_gets_412(admin):
    pid = admin.post("/fhir/Patient", json=patient()).json()["id"]
    body = admin.get(f"/fhir/Patient/{pid}").json()
    assert admin.put(f"/fhir/Patient/{pid}", json=body, headers={"If-Match": 'W/"1"'}).status_code == 200
    r = admin.put(f"/fhir/Patient/{pid}", json=body, headers={"If-Match": 'W/"1"'})
    assert r.status_code == 412
    assert r.json()["resourceType"] == "OperationOutcome"


def test_two_concurrent_updates_with_same_if_match_one_wins(api):
    with api.client() as c:
        pid = c.post("/fhir/Patient", json=patient()).json()["id"]
        body = c.get(f"/fhir/Patient/{pid}").json()
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def put(gender: str) -> None:
        with api.client() as c:
            barrier.wait()
            r = c.put(f"/fhir/Patient/{pid}", json={**body, "gender": gender}, headers={"If-Match": 'W/"1"'})
            statuses.append(r.status_code)

    threads = [threading.Thread(target=put, args=(g,)) for g in ("female", "other")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 412]
    with api.client() as c:
        assert c.get(f"/fhir/Patient/{pid}").json()["meta"]["versionId"] == "2"


def test_update_creates_with_client_id(admin):
    r = admin.put("/fhir/Patient/bn-001", json={**patient(), "id": "bn-001"})
    assert r.status_code == 201
    assert admin.get("/fhir/Patient/bn-001").status_code == 200


def test_conditional_create_returns_existing(admin):
    headers = {"If-None-Exist": "identifier=http://fhir.hl7.org.vn/core/sid/cccd|001090012345"}
    first = admin.post("/fhir/Patient", json=patient(), headers=headers)
    second = admin.post("/fhir/Patient", json=patient(), headers=headers)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert admin.get("/fhir/Patient", params={"_summary": "count"}).json()["total"] == 1


def test_conditional_update(admin):
    q = "identifier=http://fhir.hl7.org.vn/core/sid/cccd|001090099999"
    r1 = admin.put(f"/fhir/Patient?{q}", json=patient(cccd="001090099999"))
    assert r1.status_code == 201
    r2 = admin.put(f"/fhir/Patient?{q}", json=patient(cccd="001090099999", gender="female"))
    assert r2.status_code == 200 and r2.json()["id"] == r1.json()["id"]
    assert r2.json()["meta"]["versionId"] == "2"


def test_type_history_since_and_count(admin):
    for i in range(3):
        admin.post("/fhir/Patient", json=patient(cccd=f"00109001000{i}"))
    hist = admin.get("/fhir/Patient/_history", params={"_count": 2}).json()
    assert hist["type"] == "history" and len(hist["entry"]) == 2
    future = admin.get("/fhir/Patient/_history", params={"_since": "2999-01-01T00:00:00Z"}).json()
    assert future.get("entry", []) == []
