"""Merge and unmerge of duplicate Patients: references moved and given back exactly, audited, guarded."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from yteso.core.audit import audit_event
from yteso.testing.fhir_factories import condition, consent, encounter, observation

from .conftest import as_patient, create


def _strip_meta(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "meta"}


def _get(client: httpx.Client, ref: str) -> dict[str, Any]:
    r = client.get(f"/fhir/{ref}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def _ids(bundle: dict[str, Any]) -> set[str]:
    return {e["resource"]["id"] for e in bundle.get("entry", []) if e["search"]["mode"] == "match"}


def test_merge_moves_references_and_unmerge_gives_everything_back(platform, admin, citizens, db):
    keep = create(admin, as_patient(citizens[0]))
    dup = create(admin, as_patient(citizens[0], gender=citizens[0]["sex"], active=True))
    enc = create(admin, encounter(dup, "LK-1"))
    obs = observation(dup)
    obs["encounter"] = {"reference": f"Encounter/{enc}"}
    obs["performer"] = [{"reference": f"{platform.base_url}/fhir/Patient/{dup}"}]  # absolute
    obs["derivedFrom"] = [{"reference": f"Patient/{dup}/_history/1", "display": "as first registered"}]
    refs = [
        f"Encounter/{enc}",
        f"Observation/{create(admin, obs)}",
        f"Condition/{create(admin, condition(dup))}",
        f"Consent/{create(admin, consent(dup, '01001'))}",
    ]
    untouched = f"Condition/{create(admin, condition(keep, 'I10'))}"
    before = {ref: _get(admin, ref) for ref in [*refs, untouched, f"Patient/{dup}", f"Patient/{keep}"]}

    r = admin.post("/api/mpi/merge", json={"source": f"Patient/{dup}", "target": keep, "reason": "same CCCD"})
    assert r.status_code == 200, r.text
    merged = r.json()
    assert merged["moved"] == len(refs) and merged["status"] == "merged"
    for ref in refs:
        body = _get(admin, ref)
        assert f"Patient/{dup}" not in str(body) and f"Patient/{keep}" in str(body)
        assert body["meta"]["versionId"] == str(int(before[ref]["meta"]["versionId"]) + 1)
    assert _get(admin, untouched) == before[untouched]
    obs_now = _get(admin, refs[1])
    assert obs_now["performer"][0]["reference"] == f"{platform.base_url}/fhir/Patient/{keep}"
    assert obs_now["derivedFrom"][0]["reference"] == f"Patient/{keep}"
    source, target = _get(admin, f"Patient/{dup}"), _get(admin, f"Patient/{keep}")
    assert source["active"] is False
    assert source["link"] == [{"other": {"reference": f"Patient/{keep}"}, "type": "replaced-by"}]
    assert target["link"] == [{"other": {"reference": f"Patient/{dup}"}, "type": "replaces"}]
    # the store's indexes and compartments follow: searches and $everything see the moved data
    assert len(_ids(admin.get("/fhir/Condition", params={"subject": f"Patient/{keep}"}).json())) == 2
    assert admin.get("/fhir/Observation", params={"subject": f"Patient/{dup}"}).json().get("total", 0) == 0
    everything = admin.get(f"/fhir/Patient/{keep}/$everything").json()
    assert {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in everything["entry"]} >= set(refs)

    r = admin.post("/api/mpi/unmerge", json={"merge_id": merged["merge_id"]})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "unmerged"
    for ref, old in before.items():
        assert _strip_meta(_get(admin, ref)) == _strip_meta(old), ref
    assert len(_ids(admin.get("/fhir/Condition", params={"subject": f"Patient/{dup}"}).json())) == 1
    history = admin.get(f"/fhir/{refs[2]}/_history").json()
    assert history["total"] == 3  # created, moved by the merge, moved back by the unmerge

    with db.engine.connect() as conn:
        queries = [
            q for (q,) in conn.execute(select(audit_event.c.query).where(audit_event.c.interaction == "operation"))
        ]
    assert any(q.startswith("mpi.merge") for q in queries) and any(q.startswith("mpi.unmerge") for q in queries)

    again = admin.post("/api/mpi/merge", json={"source": dup, "target": keep})  # possible again after an unmerge
    assert again.status_code == 200 and again.json()["merge_id"] != merged["merge_id"]


def test_merge_and_unmerge_are_guarded(platform, admin, citizens):
    a, b, c = (create(admin, as_patient(citizens[i])) for i in (1, 2, 3))
    obs = create(admin, observation(b))
    assert admin.post("/api/mpi/merge", json={"source": a, "target": a}).status_code == 400
    assert admin.post("/api/mpi/merge", json={"source": "nobody", "target": a}).status_code == 404
    assert admin.post("/api/mpi/merge", json={"source": a}).status_code == 400  # missing target
    with platform.client("officer") as officer, platform.client("facility", facility="01001") as facility:
        assert officer.post("/api/mpi/merge", json={"source": b, "target": a}).status_code == 403
        assert facility.post("/api/mpi/merge", json={"source": b, "target": a}).status_code == 403
    merged = admin.post("/api/mpi/merge", json={"source": b, "target": a}).json()
    assert admin.post("/api/mpi/merge", json={"source": b, "target": c}).status_code == 409  # already merged
    assert admin.post("/api/mpi/merge", json={"source": c, "target": b}).status_code == 409  # into a merged record

    # someone repoints the moved Observation meanwhile: the unmerge refuses rather than overwrite it
    body = _get(admin, f"Observation/{obs}")
    body["subject"] = {"reference": f"Patient/{c}"}
    assert admin.put(f"/fhir/Observation/{obs}", json=body).status_code == 200
    r = admin.post("/api/mpi/unmerge", json={"merge_id": merged["merge_id"]})
    assert r.status_code == 409 and f"Observation/{obs}" in r.text
    assert _get(admin, f"Patient/{b}")["active"] is False  # nothing was undone

    body["subject"] = {"reference": f"Patient/{a}"}
    assert admin.put(f"/fhir/Observation/{obs}", json=body).status_code == 200
    assert admin.post("/api/mpi/unmerge", json={"source": f"Patient/{b}"}).status_code == 200  # by the duplicate
    assert _get(admin, f"Observation/{obs}")["subject"]["reference"] == f"Patient/{b}"
    assert admin.post("/api/mpi/unmerge", json={"merge_id": merged["merge_id"]}).status_code == 409  # done already
    assert admin.post("/api/mpi/unmerge", json={"source": b}).status_code == 404
    assert admin.post("/api/mpi/unmerge", json={"merge_id": 999}).status_code == 404


def test_chained_merges_are_undone_last_first(platform, admin, citizens):
    a, b, c = (create(admin, as_patient(citizens[i])) for i in (4, 5, 6))
    obs = create(admin, observation(c))
    first = admin.post("/api/mpi/merge", json={"source": c, "target": b}).json()
    second = admin.post("/api/mpi/merge", json={"source": b, "target": a}).json()
    assert _get(admin, f"Observation/{obs}")["subject"]["reference"] == f"Patient/{a}"
    r = admin.post("/api/mpi/unmerge", json={"merge_id": first["merge_id"]})
    assert r.status_code == 409 and "undo that merge first" in r.text
    assert admin.post("/api/mpi/unmerge", json={"merge_id": second["merge_id"]}).status_code == 200
    assert admin.post("/api/mpi/unmerge", json={"merge_id": first["merge_id"]}).status_code == 200
    assert _get(admin, f"Observation/{obs}")["subject"]["reference"] == f"Patient/{c}"
    assert all("link" not in _get(admin, f"Patient/{p}") for p in (a, b, c))
