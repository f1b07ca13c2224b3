"""Bad input gets a clear OperationOutcome and stores nothing."""

from __future__ import annotations

from yteso.testing.fhir_factories import patient


def _count(client, res_type="Patient"):
    return client.get(f"/fhir/{res_type}", params={"_summary": "count"}).json()["total"]


def _outcome(r):
    body = r.json()
    assert body["resourceType"] == "OperationOutcome", body
    return body["issue"]


def test_malformed_json(admin):
    r = admin.post(
        "/fhir/Patient", content=b'{"resourceType": "Patient", ', headers={"Content-Type": "application/fhir+json"}
    )
    assert r.status_code == 400
    _outcome(r)
    assert _count(admin) == 0


def test_wrong_resource_type(admin):
    r = admin.post("/fhir/Patient", json={"resourceType": "Observation"})
    assert r.status_code == 400
    assert _outcome(r)[0]["expression"] == ["resourceType"]


def test_id_mismatch_on_put(admin):
    r = admin.put("/fhir/Patient/a1", json={**patient(), "id": "b2"})
    assert r.status_code == 400
    assert _count(admin) == 0


def test_invalid_element_points_at_it(admin):
    bad = patient()
    bad["birthDate"] = "17/05/1990"
    bad["nickname"] = "Tí"
    r = admin.post("/fhir/Patient", json=bad)
    assert r.status_code == 422
    expressions = {e for issue in _outcome(r) for e in issue.get("expression", [])}
    assert "Patient.birthDate" in expressions and "Patient.nickname" in expressions
    assert _count(admin) == 0


def test_missing_required_element(admin):
    r = admin.post("/fhir/Observation", json={"resourceType": "Observation", "status": "final"})
    assert r.status_code == 422
    assert any("Observation.code" in i.get("expression", []) for i in _outcome(r))


def test_body_over_limit_is_413(admin):
    big = patient()
    big["text"] = {
        "status": "generated",
        "div": '<div xmlns="http://www.w3.org/1999/xhtml">' + "a" * 300_000 + "</div>",
    }
    r = admin.post("/fhir/Patient", json=big)
    assert r.status_code == 413
    _outcome(r)
    assert _count(admin) == 0


def test_unsupported_media_type_is_415(admin):
    r = admin.post("/fhir/Patient", content=b"<Patient/>", headers={"Content-Type": "application/fhir+xml"})
    assert r.status_code == 415
    _outcome(r)


def test_unknown_resource_type_is_404(admin):
    r = admin.get("/fhir/Spaceship")
    assert r.status_code == 404
    _outcome(r)


def test_messages_are_vietnamese_with_english_available(admin):
    r = admin.post("/fhir/Patient", json={"resourceType": "Observation"})
    issue = _outcome(r)[0]
    assert "không khớp" in issue["details"]["text"]
    assert "does not match" in issue["diagnostics"]
    r_en = admin.post("/fhir/Patient", json={"resourceType": "Observation"}, headers={"Accept-Language": "en"})
    assert "does not match" in _outcome(r_en)[0]["details"]["text"]


def test_bad_search_values(admin):
    r = admin.get("/fhir/Patient", params={"birthdate": "not-a-date"})
    assert r.status_code == 400
    _outcome(r)
    r = admin.get("/fhir/Patient", params={"_sort": "shoe-size"})
    assert r.status_code == 400
