"""Privacy: citizens see only their record; facilities only theirs, others' with consent or emergency."""

from __future__ import annotations

import pytest

from yteso.testing.fhir_factories import consent, encounter, observation, organization, patient

CCCD_A, CCCD_B = "001090000001", "079085000002"


@pytest.fixture
def world(api):
    """Two citizens; facility 01001 treated A, facility 79001 treated B."""
    with api.client("admin") as admin:
        a = admin.post("/fhir/Patient", json=patient(cccd=CCCD_A)).json()["id"]
        b = admin.post(
            "/fhir/Patient",
            json=patient(cccd=CCCD_B, family="Lê", given=("Thị", "Bình"), gender="female", birth="1985-02-03"),
        ).json()["id"]
        admin.post("/fhir/Organization", json=organization("01001"))
        admin.post("/fhir/Organization", json=organization("79001", "Bệnh viện Chợ Rẫy"))
    with api.client("facility", facility="01001") as f1:
        ea = f1.post("/fhir/Encounter", json=encounter(a, "LK-A", facility="01001")).json()["id"]
        f1.post("/fhir/Observation", json=observation(a))
    with api.client("facility", facility="79001") as f2:
        eb = f2.post("/fhir/Encounter", json=encounter(b, "LK-B", facility="79001")).json()["id"]
    return {"a": a, "b": b, "ea": ea, "eb": eb}


def test_citizen_reads_only_own_record(api, world):
    with api.client("citizen", citizen=CCCD_A) as c:
        assert c.get(f"/fhir/Patient/{world['a']}").status_code == 200
        assert c.get(f"/fhir/Encounter/{world['ea']}").status_code == 200
        r = c.get(f"/fhir/Patient/{world['b']}")
        assert r.status_code == 404 and r.json()["resourceType"] == "OperationOutcome"
        assert c.get(f"/fhir/Encounter/{world['eb']}").status_code == 404
        found = c.get("/fhir/Encounter").json()
        assert [e["resource"]["id"] for e in found.get("entry", [])] == [world["ea"]]
        assert c.get("/fhir/Patient", params={"identifier": CCCD_B}).json()["total"] == 0
        assert c.get(f"/fhir/Patient/{world['b']}/$everything").status_code == 404
        # registries stay readable
        assert c.get("/fhir/Organization").json()["total"] == 2
        # a citizen cannot write
        assert c.post("/fhir/Observation", json=observation(world["a"])).status_code == 403


def test_facility_needs_consent_for_another_facilitys_encounter(api, world):
    with api.client("facility", facility="01001") as f1:
        r = f1.get(f"/fhir/Encounter/{world['eb']}")
        assert r.status_code == 403 and r.json()["resourceType"] == "OperationOutcome"
        assert f1.get("/fhir/Encounter", params={"patient": world["b"]}).json()["total"] == 0
    with api.client("admin") as admin:
        assert admin.post("/fhir/Consent", json=consent(world["b"], "01001")).status_code == 201
    with api.client("facility", facility="01001") as f1:
        assert f1.get(f"/fhir/Encounter/{world['eb']}").status_code == 200
        assert f1.get("/fhir/Encounter", params={"patient": world["b"]}).json()["total"] == 1
    # a third facility still cannot
    with api.client("clinician", facility="48001") as f3:
        assert f3.get(f"/fhir/Encounter/{world['eb']}").status_code == 403


def test_consent_by_organization_reference_and_revocation(api, world):
    with api.client("admin") as admin:
        org = admin.get("/fhir/Organization", params={"identifier": "01001"}).json()["entry"][0]["resource"]["id"]
        body = consent(world["b"], "01001")
        body["provision"]["actor"][0]["reference"] = {"reference": f"Organization/{org}"}
        cid = admin.post("/fhir/Consent", json=body).json()["id"]
    with api.client("facility", facility="01001") as f1:
        assert f1.get(f"/fhir/Encounter/{world['eb']}").status_code == 200
    with api.client("admin") as admin:
        admin.put(f"/fhir/Consent/{cid}", json={**body, "id": cid, "status": "inactive"})
    with api.client("facility", facility="01001") as f1:
        assert f1.get(f"/fhir/Encounter/{world['eb']}").status_code == 403


def test_break_the_glass_is_allowed_and_audited(api, world):
    with api.client("clinician", facility="01001", subject="bs-nguyen") as c:
        r = c.get(f"/fhir/Encounter/{world['eb']}", headers={"X-Purpose-Of-Use": "emergency"})
        assert r.status_code == 200
    with api.client("admin") as admin:
        events = admin.get("/fhir/AuditEvent", params={"patient": world["b"], "agent": "bs-nguyen"}).json()
    purposes = [e["resource"]["agent"][0].get("purposeOfUse", [{}])[0].get("text") for e in events["entry"]]
    assert "emergency" in purposes


def test_every_read_is_audited_and_denials_too(api, world):
    with api.client("facility", facility="01001", subject="his-01001") as f1:
        f1.get(f"/fhir/Encounter/{world['ea']}")
        f1.get(f"/fhir/Encounter/{world['eb']}")
    with api.client("admin") as admin:
        events = admin.get("/fhir/AuditEvent", params={"agent": "his-01001"}).json()["entry"]
    outcomes = sorted((e["resource"]["outcome"], e["resource"]["subtype"][0]["code"]) for e in events)
    assert ("0", "read") in outcomes and ("4", "read") in outcomes
    e = events[0]["resource"]
    assert e["agent"][0]["network"]["address"] == "127.0.0.1"
    assert e["source"]["site"] == "01001"


def test_citizen_sees_who_read_their_record(api, world):
    with api.client("facility", facility="01001", subject="his-01001") as f1:
        f1.get(f"/fhir/Patient/{world['a']}")
    with api.client("citizen", citizen=CCCD_A) as c:
        events = c.get("/fhir/AuditEvent").json()["entry"]
        assert any(e["resource"]["agent"][0]["who"]["identifier"]["value"] == "his-01001" for e in events)
    with api.client("citizen", citizen=CCCD_B) as c:
        events = c.get("/fhir/AuditEvent").json().get("entry", [])
        assert all(
            e["resource"]["entity"][0]["what"]["reference"] == f"Patient/{world['b']}"
            for e in events
            if "entity" in e["resource"]
        )
    with api.client("facility", facility="01001") as f1:
        assert f1.get("/fhir/AuditEvent").status_code == 403


def test_scopes_limit_interactions(api, world):
    with api.client("facility", facility="01001", scopes=["user/Observation.read"]) as c:
        assert c.get(f"/fhir/Encounter/{world['ea']}").status_code == 403
        assert c.post("/fhir/Observation", json=observation(world["a"])).status_code == 403


def test_facility_cannot_change_another_facilitys_data(api, world):
    with api.client("facility", facility="01001") as f1:
        body = encounter(world["b"], "LK-B")
        r = f1.put(f"/fhir/Encounter/{world['eb']}", json={**body, "id": world["eb"]})
        assert r.status_code == 403


def test_patient_everything(api, world):
    with api.client("admin") as admin:
        r = admin.get(f"/fhir/Patient/{world['a']}/$everything").json()
        kinds = sorted(e["resource"]["resourceType"] for e in r["entry"])
        assert kinds == ["Encounter", "Observation", "Patient"]
        r = admin.get(f"/fhir/Patient/{world['a']}/$everything", params={"_type": "Observation"}).json()
        assert sorted(e["resource"]["resourceType"] for e in r["entry"]) == ["Observation"]


def test_practitioner_citizen_id_is_hidden_from_citizens(api):
    from yteso.core.ids import CCCD_SYSTEM, CCHN_SYSTEM

    body = {
        "resourceType": "Practitioner",
        "name": [{"text": "Nguyễn Thị Lan"}],
        "identifier": [
            {"system": CCHN_SYSTEM, "value": "000123/HNO-CCHN"},
            {"system": CCCD_SYSTEM, "value": "001085001234"},
        ],
    }
    with api.client("admin") as admin:
        pid = admin.post("/fhir/Practitioner", json=body).json()["id"]
    with api.client("citizen", citizen=CCCD_A) as c:
        seen = c.get(f"/fhir/Practitioner/{pid}").json()
        assert [i["system"] for i in seen["identifier"]] == [CCHN_SYSTEM]
        found = c.get("/fhir/Practitioner", params={"_id": pid}).json()["entry"][0]["resource"]
        assert [i["system"] for i in found["identifier"]] == [CCHN_SYSTEM]
    with api.client("officer") as officer:
        assert len(officer.get(f"/fhir/Practitioner/{pid}").json()["identifier"]) == 2


def test_audit_search_by_date_uses_the_search_date_rules(api, world):
    with api.client("admin") as admin:
        assert admin.get("/fhir/AuditEvent", params={"date": "ge2020-01-01"}).json()["total"] > 0
        assert admin.get("/fhir/AuditEvent", params={"date": "lt2020-01-01"}).json()["total"] == 0
        bad = admin.get("/fhir/AuditEvent", params={"date": "yesterday"})
        assert bad.status_code == 400 and bad.json()["resourceType"] == "OperationOutcome"
