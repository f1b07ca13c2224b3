"""``yteso demo load``: counts, idempotence, reproducibility, and visits owned by their facility."""

from __future__ import annotations

from collections import Counter

import httpx
from sqlalchemy import select

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.core.db import make_engine, session_factory
from yteso.core.ids import CCCD_SYSTEM
from yteso.core.migrate import upgrade
from yteso.demo.load import load_demo
from yteso.fhir.tables import resource
from yteso.settings import Settings
from yteso.testing.servers import run_app

SEED, CITIZENS, FACILITIES = 7, 20, 5


def _stored(engine):
    with engine.connect() as conn:
        columns = (resource.c.res_type, resource.c.res_id, resource.c.version, resource.c.facility)
        return conn.execute(select(*columns)).all()


def test_demo_loads_expected_counts_and_twice_changes_nothing(db):
    sessions = session_factory(db.engine)
    ticks: list[int] = []
    first = load_demo(sessions, seed=SEED, citizens=CITIZENS, facilities=FACILITIES, progress=ticks.append,
                      settings=db.settings())  # fmt: skip
    assert sum(ticks) == CITIZENS
    assert first["patients"] == first["coverages"] == CITIZENS and first["facilities"] == FACILITIES
    assert first["catalogs"] == 4 and first["practitioners"] >= FACILITIES
    assert first["encounters"] == first["conditions"] > 0 and first["observations"] >= first["encounters"]
    stored = _stored(db.engine)
    per_type = Counter(t for t, *_ in stored)
    assert per_type["Patient"] == CITIZENS and per_type["Coverage"] == CITIZENS
    assert per_type["Organization"] == per_type["Location"] == FACILITIES
    assert per_type["Practitioner"] == per_type["PractitionerRole"] == first["practitioners"]
    assert per_type["Encounter"] == first["encounters"] and per_type["Observation"] == first["observations"]
    assert per_type["Consent"] == first["consents"] and per_type["CodeSystem"] == 4
    assert per_type["Medication"] == first["medications"] == 20 and per_type["Device"] == first["devices"] == 8
    assert first["written"] == len(stored)

    codes = {r.res_id.removeprefix("cskcb-").upper() for r in stored if r.res_type == "Organization"}
    assert {r.facility for r in stored if r.res_type in ("Encounter", "Condition", "Observation")} <= codes
    assert {r.facility for r in stored if r.res_type in ("Patient", "Coverage", "Organization")} == {None}

    second = load_demo(sessions, seed=SEED, citizens=CITIZENS, facilities=FACILITIES, settings=db.settings())
    assert second["written"] == 0 and {k: v for k, v in second.items() if k != "written"} == {
        k: v for k, v in first.items() if k != "written"
    }
    assert _stored(db.engine) == stored  # same resources, still version 1


def test_same_seed_gives_the_same_demo(tmp_path):
    ids = []
    for name in ("a", "b"):
        url = f"sqlite:///{tmp_path}/{name}.db"
        engine = make_engine(url)
        upgrade(engine)
        settings = Settings(database_url=url, environment="test", secret_key="s" * 40)
        load_demo(session_factory(engine), seed=3, citizens=8, facilities=3, settings=settings, catalogs=False)
        ids.append(sorted((t, i) for t, i, *_ in _stored(engine)))
        engine.dispose()
    assert ids[0] == ids[1] and len(ids[0]) > 30


def test_a_facility_reads_its_visits_and_others_only_with_consent(db):
    settings = db.settings()
    load_demo(session_factory(db.engine), seed=SEED, citizens=40, facilities=FACILITIES, settings=settings)
    with run_app(create_app(settings)) as base:
        def client(**claims):
            token = issue_token(settings, **claims)
            return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)

        def entries(c, res_type):
            return [e["resource"] for e in c.get(f"/fhir/{res_type}", params={"_count": 1000}).json().get("entry", [])]

        with client(role="admin") as admin:
            encounters = entries(admin, "Encounter")
            consents = entries(admin, "Consent")
            patient = entries(admin, "Patient")[0]
        assert consents, "the demo has a few Consents"
        home = consents[0]["provision"]["actor"][0]["reference"]["identifier"]["value"]
        allowed = {c["patient"]["reference"] for c in consents
                   if c["provision"]["actor"][0]["reference"]["identifier"]["value"] == home}  # fmt: skip
        expected = {e["id"] for e in encounters
                    if e["serviceProvider"]["identifier"]["value"] == home or e["subject"]["reference"] in allowed}
        assert {e["id"] for e in encounters if e["serviceProvider"]["identifier"]["value"] != home} & expected
        with client(role="facility", facility=home) as c:
            assert {e["id"] for e in entries(c, "Encounter")} == expected
            hidden = next(e for e in encounters if e["id"] not in expected)
            assert c.get(f"/fhir/Encounter/{hidden['id']}").status_code == 403

        cccd = next(i["value"] for i in patient["identifier"] if i["system"] == CCCD_SYSTEM)
        with client(role="citizen", citizen=cccd) as me:
            mine = entries(me, "Encounter")
            assert {e["subject"]["reference"] for e in mine} <= {f"Patient/{patient['id']}"}
            assert me.get("/fhir/CodeSystem/$lookup", params={"system": "http://hl7.org/fhir/sid/icd-10",
                                                              "code": "I10"}).status_code == 200  # fmt: skip
