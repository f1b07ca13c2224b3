"""Citizens and businesses see only their own dossiers, officers only their unit's; every read of a
dossier is in the audit trail, refused reads included."""

from __future__ import annotations

from sqlalchemy import select

from tests.services.conftest import CCHN_FORM, OTHER_CITIZEN, Svc, cchn_documents, submit
from yteso.core.audit import audit_event


def test_one_applicant_cannot_read_anothers_dossier(svc: Svc) -> None:
    owner = svc.citizen()
    code = submit(owner, "kcb-gphn", CCHN_FORM, cchn_documents(owner))["code"]
    assert owner.get(f"/api/services/dossiers/{code}").status_code == 200
    stranger = svc.citizen(OTHER_CITIZEN)
    assert stranger.get(f"/api/services/dossiers/{code}").status_code == 404
    assert stranger.post(f"/api/services/dossiers/{code}/actions/withdraw", json={}).status_code == 404
    assert stranger.get("/api/services/dossiers").json()["total"] == 0
    assert svc.business().get(f"/api/services/dossiers/{code}").status_code == 404
    assert owner.get("/api/services/dossiers").json()["total"] == 1


def test_officers_see_their_units_queue_only(svc: Svc) -> None:
    owner = svc.citizen()
    code = submit(owner, "kcb-gphn", CCHN_FORM, cchn_documents(owner))["code"]
    assert svc.officer("ATTP", "clerk").get(f"/api/services/dossiers/{code}").status_code == 403
    assert svc.officer("ATTP", "clerk").get("/api/services/queue").json()["total"] == 0
    queue = svc.officer("KCB", "clerk").get("/api/services/queue").json()
    assert [d["code"] for d in queue["items"]] == [code]
    assert svc.client("clinician").get(f"/api/services/dossiers/{code}").status_code == 403
    assert svc.anonymous().get(f"/api/services/dossiers/{code}").status_code == 401


def test_every_read_is_audited_refusals_too(svc: Svc) -> None:
    owner = svc.citizen()
    code = submit(owner, "kcb-gphn", CCHN_FORM, cchn_documents(owner))["code"]
    owner.get(f"/api/services/dossiers/{code}")
    svc.citizen(OTHER_CITIZEN).get(f"/api/services/dossiers/{code}")
    with svc.sessions()() as s:
        rows = s.execute(select(audit_event).where(audit_event.c.resource_type == "Dossier",
                                                   audit_event.c.resource_id == code)).all()
    outcomes = {(r.agent, r.interaction, r.outcome) for r in rows}
    assert (f"vneid:{CCHN_FORM['cccd']}", "read", "0") in outcomes
    assert (f"vneid:{OTHER_CITIZEN}", "read", "4") in outcomes
    assert all(r.patient_id == CCHN_FORM["cccd"] for r in rows)


def test_queue_is_ordered_by_due_date(svc: Svc) -> None:
    owner = svc.citizen()
    codes = [submit(owner, "kcb-gphn", CCHN_FORM, cchn_documents(owner))["code"] for _ in range(3)]
    items = svc.officer("KCB", "clerk").get("/api/services/queue").json()["items"]
    dues = [i["due_at"] for i in items]
    assert dues == sorted(dues) and {i["code"] for i in items} == set(codes)
