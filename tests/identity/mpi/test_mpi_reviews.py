"""``/api/mpi/link`` bands and the operator's review queue (``/api/mpi/reviews``)."""

from __future__ import annotations

from typing import Any

from .conftest import as_patient, create


def _bare(citizen: dict[str, str], **changes: Any) -> dict[str, Any]:
    """The citizen as a Patient without CCCD or phone (only name, sex and birth date to go on)."""
    p = as_patient(citizen)
    p.pop("identifier")
    p.pop("telecom", None)
    p.update(changes)
    return p


def _one_part_off(birth: str) -> str:
    y, m, d = birth.split("-")
    return f"{y}-{m}-{(int(d) % 28) + 1:02d}"


def test_link_registers_a_new_person_then_finds_them(platform, citizens):
    with platform.client("facility", facility="01001") as facility:
        first = facility.post("/api/mpi/link", json=as_patient(citizens[0]))
        assert first.status_code == 200, first.text
        assert first.json()["band"] == "no_link" and first.json()["created"] is True
        pid = first.json()["patient"]
        shouted = _bare(citizens[0], name=[{"text": citizens[0]["full_name"].upper()}])
        again = facility.post("/api/mpi/link", json=shouted)
        assert again.json()["band"] == "link" and again.json()["patient"] == pid and again.json()["created"] is False
        assert facility.get(f"/fhir/{pid}").json()["meta"]["versionId"] == "1"  # nothing written on a link
        bad = facility.post("/api/mpi/link", json={"resourceType": "Observation"})
        assert bad.status_code == 400 and "error" in bad.json()
    with platform.client("officer") as officer:
        assert officer.post("/api/mpi/link", json=as_patient(citizens[1])).status_code == 403


def test_review_queue_link_and_no_link(platform, admin, citizens):
    existing = [create(admin, _bare(citizens[i])) for i in (2, 3)]
    with platform.client("facility", facility="01001") as facility:
        queued = [
            facility.post("/api/mpi/link", json=_bare(citizens[i], birthDate=_one_part_off(citizens[i]["birth_date"])))
            for i in (2, 3)
        ]
        assert facility.get("/api/mpi/reviews").status_code == 403
    for r in queued:
        assert r.status_code == 200 and r.json()["band"] == "review" and r.json()["created"], r.text
    with platform.client("officer") as officer:
        listing = officer.get("/api/mpi/reviews").json()
        assert listing["total"] == 2
        item = listing["items"][0]
        assert item["candidate"]["id"] == existing[0]
        assert item["patient"]["id"] == queued[0].json()["patient"].split("/")[1]
        assert item["candidate"]["name"] == citizens[2]["full_name"] and item["comparison"]["birth_date"]["level"]
        assert 0.5 <= item["score"] < 0.99

        linked = officer.post("/api/mpi/reviews", json={"review_id": item["id"], "decision": "link", "note": "same"})
        assert linked.status_code == 200, linked.text
        assert linked.json()["status"] == "linked" and linked.json()["merge_id"]
        new = officer.get("/api/mpi/reviews", params={"status": "linked"}).json()["items"][0]["patient"]
        assert new["active"] is False  # merged into the existing record
        other = listing["items"][1]["id"]
        assert officer.post("/api/mpi/reviews", json={"review_id": other, "decision": "no-link"}).json()["status"] == (
            "not_linked"
        )
        assert officer.post("/api/mpi/reviews", json={"review_id": other, "decision": "link"}).status_code == 409
        assert officer.post("/api/mpi/reviews", json={"review_id": 999, "decision": "link"}).status_code == 404
        assert officer.post("/api/mpi/reviews", json={"review_id": other, "decision": "maybe"}).status_code == 400
        assert officer.get("/api/mpi/reviews").json()["total"] == 0
        assert officer.get("/api/mpi/reviews", params={"status": "odd"}).status_code == 400
    merged = admin.get(f"/fhir/Patient/{existing[0]}").json()
    assert merged["link"][0]["type"] == "replaces"


def test_link_says_when_the_population_database_is_down(db, citizens):
    from yteso.testing.servers import free_port

    from .conftest import start_platform

    for platform in start_platform(db, population_url=f"http://127.0.0.1:{free_port()}"):
        with platform.client("facility", facility="01001") as facility:
            answer = facility.post("/api/mpi/link", json=as_patient(citizens[4])).json()
    assert answer["band"] == "no_link" and answer["population_checked"] is False
    assert answer["issues"][0]["rule"] == "mpi.population-unavailable"
