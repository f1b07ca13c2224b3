"""``POST /fhir/Patient/$match``: scores and match grades, options, bad input, access, audit, CSDLQG."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import select

from yteso.core.audit import audit_event
from yteso.identity.mpi.match import MATCH_GRADE
from yteso.identity.population.server import create_population_app
from yteso.testing.servers import free_port, run_app

from .conftest import as_patient, create, parameters, start_platform


def _grades(bundle: dict[str, Any]) -> list[tuple[str, str, float]]:
    out = []
    for e in bundle["entry"]:
        if e["search"]["mode"] == "match":
            grade = next(x["valueCode"] for x in e["search"]["extension"] if x["url"] == MATCH_GRADE)
            out.append((e["resource"]["id"], grade, e["search"]["score"]))
    return out


def _outcomes(bundle: dict[str, Any]) -> list[str]:
    return [
        c["code"]
        for e in bundle["entry"]
        if e["search"]["mode"] == "outcome"
        for i in e["resource"]["issue"]
        for c in i["details"].get("coding", [])
    ] + [i["diagnostics"] for e in bundle["entry"] if e["search"]["mode"] == "outcome" for i in e["resource"]["issue"]]


def _messy(citizen: dict[str, str]) -> dict[str, Any]:
    """The same person as a clinic might type them: no diacritics, day and month swapped, no identifier."""
    p = as_patient(citizen)
    y, m, d = citizen["birth_date"].split("-")
    p.pop("identifier")
    p.pop("telecom", None)
    p["name"] = [{"text": citizen["full_name"].upper().replace("Ễ", "E").replace("Ị", "I")}]
    if int(d) <= 12 and d != m:
        p["birthDate"] = f"{y}-{d}-{m}"
    return p


def test_match_finds_the_person_despite_mistakes(platform, admin, citizens):
    people = [c for c in citizens if int(c["birth_date"][8:]) <= 12][:4]
    ids = [create(admin, as_patient(c)) for c in people]
    r = admin.post("/fhir/Patient/$match", json=parameters(_messy(people[0])))
    assert r.status_code == 200, r.text
    bundle = r.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    graded = _grades(bundle)
    assert graded[0][0] == ids[0] and graded[0][1] in ("certain", "probable")
    assert 0.5 < graded[0][2] <= 1
    assert bundle["total"] == len(graded)
    assert bundle["entry"][0]["fullUrl"].endswith(f"/fhir/Patient/{ids[0]}")


def test_exact_match_is_certain_and_strangers_are_not_returned(platform, admin, citizens):
    pid = create(admin, as_patient(citizens[0]))
    create(admin, as_patient(citizens[1]))
    bundle = admin.post("/fhir/Patient/$match", json=parameters(as_patient(citizens[0]))).json()
    assert _grades(bundle) == [(pid, "certain", pytest.approx(1.0, abs=1e-3))]
    stranger = as_patient({**citizens[2], "full_name": "Hoàng Văn Zed", "birth_date": "1931-01-01", "phone": ""})
    assert admin.post("/fhir/Patient/$match", json=parameters(stranger)).json()["total"] == 0


def test_a_name_alone_or_a_year_is_enough_to_be_offered_candidates(platform, admin, citizens):
    pid = create(admin, as_patient(citizens[7]))
    only_name = {"resourceType": "Patient", "name": [{"text": citizens[7]["full_name"]}]}
    year = {**only_name, "birthDate": citizens[7]["birth_date"][:4], "gender": citizens[7]["sex"]}
    for probe in (only_name, year):
        r = admin.post("/fhir/Patient/$match", json=parameters(probe))
        assert r.status_code == 200, r.text
        assert [g[0] for g in _grades(r.json())] in ([], [pid])  # weak evidence: possible at best
    cccd_and_name = {**only_name, "identifier": as_patient(citizens[7])["identifier"]}
    assert _grades(admin.post("/fhir/Patient/$match", json=parameters(cccd_and_name)).json())[0][0] == pid


def test_only_certain_matches_and_count(platform, admin, citizens):
    twin = as_patient(citizens[0])
    twin.pop("identifier")
    twin.pop("telecom", None)
    a, b = create(admin, copy.deepcopy(twin)), create(admin, copy.deepcopy(twin))
    both = admin.post("/fhir/Patient/$match", json=parameters(twin)).json()
    assert {(i, g) for i, g, _ in _grades(both)} == {(a, "probable"), (b, "probable")}  # each has a close rival
    certain = admin.post("/fhir/Patient/$match", json=parameters(twin, only_certain=True)).json()
    assert certain["total"] == 0
    one = admin.post("/fhir/Patient/$match", json=parameters(twin, count=1)).json()
    assert one["total"] == 1


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ({"resourceType": "Patient"}, "match.body"),
        ({"resourceType": "Parameters", "parameter": []}, "match.resource"),
        ({"resourceType": "Parameters", "parameter": [{"name": "resource", "resource": {"resourceType": "Observation",
          "status": "final", "code": {"text": "x"}}}]}, "match.resource"),
        (parameters({"resourceType": "Patient", "gender": "male"}, count=0), "match.count"),
        (parameters({"resourceType": "Patient", "gender": "male"}, only_certain="yes"), "match.only-certain"),
        ({"resourceType": "Parameters", "parameter": [{"name": "fuzzy", "valueBoolean": True}]},
         "match.unknown-parameter"),
        (parameters({"resourceType": "Patient", "gender": "male"}), "match.empty"),
        (parameters({"resourceType": "Patient", "birthDate": 1984}), None),
    ],
)  # fmt: skip
def test_bad_input_answers_an_operation_outcome(platform, admin, body, rule):
    r = admin.post("/fhir/Patient/$match", json=body)
    assert r.status_code in (400, 422), r.text
    outcome = r.json()
    assert outcome["resourceType"] == "OperationOutcome"
    if rule:
        assert rule in {c["code"] for i in outcome["issue"] for c in i["details"].get("coding", [])}


def test_match_needs_a_bearer_token(platform):
    with platform.client() as c:
        c.headers.pop("Authorization")
        r = c.post("/fhir/Patient/$match", json=parameters({"resourceType": "Patient", "gender": "male"}))
    assert r.status_code == 401 and r.json()["resourceType"] == "OperationOutcome"


def test_a_facility_only_matches_patients_it_may_read_and_matching_is_audited(platform, citizens, db):
    with platform.client("facility", facility="01001") as one, platform.client("facility", facility="79002") as two:
        pid = create(one, as_patient(citizens[3]))
        assert _grades(one.post("/fhir/Patient/$match", json=parameters(as_patient(citizens[3]))).json())[0][0] == pid
        assert two.post("/fhir/Patient/$match", json=parameters(as_patient(citizens[3]))).json()["total"] == 0
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(audit_event.c.facility, audit_event.c.patient_id, audit_event.c.query).where(
                audit_event.c.interaction == "operation"
            )
        ).all()
    assert ("01001", pid) in {(r.facility, r.patient_id) for r in rows}
    assert any(r.facility == "79002" and r.patient_id is None for r in rows)
    assert all("$match" in r.query for r in rows)


def test_merged_duplicates_are_not_returned(platform, admin, citizens):
    keep = create(admin, as_patient(citizens[4]))
    dup = create(admin, as_patient(citizens[4]))
    assert admin.post("/api/mpi/merge", json={"source": dup, "target": keep}).status_code == 200
    graded = _grades(admin.post("/fhir/Patient/$match", json=parameters(as_patient(citizens[4]))).json())
    assert [g[0] for g in graded] == [keep]


def test_verified_cccd_links_deterministically(db, citizens, population_csv):
    with run_app(create_population_app(population_csv)) as pop_url:
        for platform in start_platform(db, population_url=pop_url):
            with platform.client() as admin:
                pid = create(admin, as_patient(citizens[5]))
                probe = as_patient(citizens[5])
                probe.pop("telecom", None)
                probe["gender"] = "female" if citizens[5]["sex"] == "male" else "male"  # a wrong field too
                bundle = admin.post("/fhir/Patient/$match", json=parameters(probe, only_certain=True)).json()
                assert _grades(bundle) == [(pid, "certain", 1.0)]
                assert "mpi.verified" in _outcomes(bundle)


def test_population_database_down_matching_goes_on_and_says_so(db, citizens):
    for platform in start_platform(db, population_url=f"http://127.0.0.1:{free_port()}"):
        with platform.client() as admin:
            pid = create(admin, as_patient(citizens[6]))
            r = admin.post("/fhir/Patient/$match", json=parameters(as_patient(citizens[6])))
            assert r.status_code == 200
            bundle = r.json()
            assert _grades(bundle)[0][:2] == (pid, "certain")
            assert "mpi.population-unavailable" in _outcomes(bundle)
