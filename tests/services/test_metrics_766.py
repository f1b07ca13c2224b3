"""Decision 766 indicators per unit, procedure and period, from the dossiers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from tests.services.conftest import CCHN_FORM, TPBVSK_FORM, Svc, act, cchn_documents, submit, tpbvsk_documents
from yteso.core.timez import now_utc
from yteso.services.tables import dossier


def test_indicators(svc: Svc) -> None:
    biz, citizen = svc.business(), svc.citizen()
    codes = [submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))["code"] for _ in range(3)]
    cchn = submit(citizen, "kcb-gphn", CCHN_FORM, cchn_documents(citizen))["code"]
    clerk, spec, head, leader = (svc.officer("ATTP", p) for p in ("clerk", "specialist", "head", "leader"))
    for code in codes[:2]:
        act(clerk, code, "confirm_payment")
        act(spec, code, "complete_step")
        act(head, code, "complete_step")
        act(leader, code, "approve")
        act(clerk, code, "return_result")
    act(biz, codes[0], "rate", rating=3)
    act(biz, codes[1], "rate", rating=1, comment="Chậm")
    with svc.sessions()() as s, s.begin():  # the second one was decided late
        s.execute(update(dossier).where(dossier.c.code == codes[1]).values(due_at=now_utc() - timedelta(days=1)))
    r = svc.client("analyst").get("/api/services/metrics", params={"group": "unit_procedure"})
    assert r.status_code == 200, r.text
    body = r.json()
    attp = next(g for g in body["groups"] if g["procedure_code"] == "attp-tpbvsk")
    assert attp["unit_code"] == "ATTP"
    assert attp["counts"]["received"] == 3 and attp["counts"]["finished"] == 2
    assert attp["counts"]["in_process"] == 1
    assert attp["on_time_rate"] == round(2 / 3, 4)  # one finished late
    assert attp["online_rate"] == 1.0 and attp["digitisation_rate"] == 1.0
    assert attp["result_digitisation_rate"] == 1.0
    assert attp["online_payment_rate"] == 0.0  # paid at the counter
    assert attp["satisfaction_rate"] == 0.5 and attp["mean_rating"] == 2.0
    kcb = next(g for g in body["groups"] if g["procedure_code"] == "kcb-gphn")
    assert kcb["counts"]["received"] == 1 and kcb["counts"]["in_process"] == 1
    assert body["total"]["counts"]["received"] == 4
    assert cchn


def test_metrics_filters_and_access(svc: Svc) -> None:
    biz = svc.business()
    submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))
    officer = svc.officer("KCB", "clerk")
    r = officer.get("/api/services/metrics", params={"unit": "KCB", "group": "unit"}).json()
    assert r["groups"] == [] and r["total"]["counts"]["received"] == 0
    old = officer.get("/api/services/metrics", params={"from": "2020-01-01", "to": "2020-12-31"}).json()
    assert old["total"]["counts"]["received"] == 0
    assert officer.get("/api/services/metrics", params={"from": "2021-01-01", "to": "2020-12-31"}).status_code == 400
    assert biz.get("/api/services/metrics").status_code == 403
