"""POST /gateway/xml end to end: receipts, per-dossier acceptance, re-sends, bad input, stats."""

from __future__ import annotations

import time

import pytest

from yteso.core.ids import MA_LK_SYSTEM
from yteso.gateway.xml4750 import badinput
from yteso.gateway.xml4750.generate import build_envelope, generate_dossiers

FACILITY = "01001"
XML = {"Content-Type": "application/xml"}


def _wait(client, receipt_id, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/gateway/receipts/{receipt_id}").json()
        if all(d["state"] != "queued" for d in r["dossiers"]):
            return r
        time.sleep(0.1)
    raise AssertionError(f"still queued: {r}")


@pytest.fixture
def his(api):
    with api.client("facility", facility=FACILITY) as c:
        yield c


def _encounters(admin, ma_lk):
    return admin.get("/fhir/Encounter", params={"identifier": f"{MA_LK_SYSTEM}|{ma_lk}"}).json()


def test_envelope_is_received_checked_and_stored(his, admin):
    dossiers = generate_dossiers(
        FACILITY, 3, seed=5, tables=("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML13", "XML14")
    )
    r = his.post("/gateway/xml", content=build_envelope(FACILITY, dossiers), headers=XML)
    assert r.status_code == 202, r.text
    receipt = r.json()
    assert {"id", "received_at", "dossiers"} <= set(receipt) and len(receipt["dossiers"]) == 3
    done = _wait(his, receipt["id"])
    assert [d["state"] for d in done["dossiers"]] == ["accepted"] * 3, done
    ma_lk = done["dossiers"][0]["ma_lk"]
    enc = _encounters(admin, ma_lk)
    assert enc["total"] == 1
    patient = enc["entry"][0]["resource"]["subject"]["reference"]
    everything = admin.get(f"/fhir/{patient}/$everything").json()
    kinds = {e["resource"]["resourceType"] for e in everything["entry"]}
    assert {"Patient", "Encounter", "Condition", "Claim", "Coverage", "Observation"} <= kinds
    # the facility reads what it sent
    assert his.get(f"/fhir/{patient}").status_code == 200


def test_one_bad_dossier_does_not_block_the_others(his, admin):
    good = generate_dossiers(FACILITY, 3, seed=6)
    bad = badinput.without_field(good[1], "XML1", "HO_TEN")
    r = his.post("/gateway/xml", content=build_envelope(FACILITY, [good[0], bad, good[2]]), headers=XML)
    done = _wait(his, r.json()["id"])
    states = [d["state"] for d in done["dossiers"]]
    assert states == ["accepted", "rejected", "accepted"]
    err = done["dossiers"][1]["errors"][0]
    assert {"table", "row", "field", "value", "rule", "message_vi", "message_en"} <= set(err)
    assert any(e["field"] == "HO_TEN" for e in done["dossiers"][1]["errors"])
    assert _encounters(admin, done["dossiers"][1]["ma_lk"])["total"] == 0


def test_resending_a_dossier_makes_new_versions_not_duplicates(his, admin):
    dossiers = generate_dossiers(FACILITY, 1, seed=7)
    first = _wait(his, his.post("/gateway/xml", content=build_envelope(FACILITY, dossiers), headers=XML).json()["id"])
    second = _wait(his, his.post("/gateway/xml", content=build_envelope(FACILITY, dossiers), headers=XML).json()["id"])
    assert first["dossiers"][0]["state"] == second["dossiers"][0]["state"] == "accepted"
    enc = _encounters(admin, first["dossiers"][0]["ma_lk"])
    assert enc["total"] == 1
    assert enc["entry"][0]["resource"]["meta"]["versionId"] == "2"
    patient = enc["entry"][0]["resource"]["subject"]["reference"]
    assert admin.get("/fhir/Patient", params={"_summary": "count"}).json()["total"] == 1
    # the audit trail names each stored dossier once: the visit, its patient, created then updated
    events = admin.get("/fhir/AuditEvent", params={"agent": "system:gateway"}).json().get("entry", [])
    visit = f"Encounter/{enc['entry'][0]['resource']['id']}"
    stored = [
        e["resource"]
        for e in events
        if any(x.get("what", {}).get("reference") == visit for x in e["resource"]["entity"])
    ]
    assert sorted(e["action"] for e in stored) == ["C", "U"]
    assert all(any(x.get("what", {}).get("reference") == patient for x in e["entity"]) for e in stored)


def test_another_facilitys_document_is_refused(api):
    with api.client("facility", facility="79001") as other:
        r = other.post(
            "/gateway/xml", content=build_envelope(FACILITY, generate_dossiers(FACILITY, 1, seed=8)), headers=XML
        )
    assert r.status_code == 403 and r.json()["error"]["issues"][0]["rule"] == "gateway.facility"


@pytest.mark.parametrize(
    "document, status",
    [
        (badinput.not_xml(), 400),
        (badinput.wrong_root(), 400),
        (badinput.billion_laughs(), 400),
        (badinput.external_entity(), 400),
    ],
)
def test_hostile_or_malformed_documents_are_refused_quickly(his, admin, document, status):
    t = time.monotonic()
    r = his.post("/gateway/xml", content=document, headers=XML)
    assert r.status_code == status, r.text
    assert r.json()["error"]["message_vi"] and r.json()["error"]["message_en"]
    assert time.monotonic() - t < 5
    assert admin.get("/gateway/stats").json()["stats"] == []


def test_oversize_upload_is_413(api):
    settings = api.settings
    with api.client("facility", facility=FACILITY) as c:
        big = b"<GIAMDINHHS>" + b" " * (settings.gateway_max_bytes + 10)
        r = c.post("/gateway/xml", content=big, headers=XML)
    assert r.status_code == 413


def test_broken_base64_and_unknown_table_reject_only_that_dossier(his):
    good = generate_dossiers(FACILITY, 3, seed=9)
    docs = [badinput.with_broken_base64(good[0]), badinput.with_unknown_table(good[1]), good[2]]
    done = _wait(his, his.post("/gateway/xml", content=build_envelope(FACILITY, docs), headers=XML).json()["id"])
    assert [d["state"] for d in done["dossiers"]] == ["rejected", "rejected", "accepted"]


def test_wrong_media_type_and_roles(api):
    with api.client("facility", facility=FACILITY) as c:
        assert c.post("/gateway/xml", json={"a": 1}).status_code == 415
    with api.client("citizen", citizen="001090000001") as c:
        assert c.post("/gateway/xml", content=b"<x/>", headers=XML).status_code == 403
    with api.client("facility", facility="79001") as c:
        receipt = c.get("/gateway/receipts/nope")
        assert receipt.status_code == 404


def test_stats_per_facility_and_day(his, admin):
    good = generate_dossiers(FACILITY, 2, seed=10)
    bad = badinput.with_discharge_before_admission(good[1])
    _wait(his, his.post("/gateway/xml", content=build_envelope(FACILITY, [good[0], bad]), headers=XML).json()["id"])
    stats = his.get("/gateway/stats").json()["stats"]
    assert len(stats) == 1
    day = stats[0]
    assert (day["facility"], day["received"], day["accepted"], day["rejected"]) == (FACILITY, 2, 1, 1)
    assert day["top_errors"] and day["top_errors"][0]["count"] >= 1
    assert his.get("/gateway/stats", params={"facility": "79001"}).status_code == 403
    assert admin.get("/gateway/stats").json()["stats"] == stats
