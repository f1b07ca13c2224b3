"""The practising certificate is interlinked: the criminal-record certificate comes from the justice
service (or is reused from the data store), and the approval updates the practitioner registry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.services.conftest import (
    CCHN_FORM,
    CITIZEN,
    OTHER_CITIZEN,
    Svc,
    act,
    cchn_documents,
    running,
    services_settings,
    submit,
)
from yteso.core.ids import CCCD_SYSTEM, CCHN_SYSTEM
from yteso.integrations.justice.server import create_justice_app
from yteso.services import interlink
from yteso.testing.servers import run_app


@pytest.fixture
def justice() -> Iterator[Any]:
    app = create_justice_app(records={}, refuse=[OTHER_CITIZEN])
    with run_app(app) as url:
        yield url, app.state.registry


@pytest.fixture
def svc_j(db: Any, tmp_path: Path, signing_dir: str, justice: Any) -> Iterator[Svc]:
    config = services_settings(tmp_path, signing_dir=signing_dir, justice_url=justice[0], worker=False)
    with running(db, config) as s:
        yield s


def to_criminal_record_step(svc: Svc, cccd: str = CITIZEN) -> tuple[Any, str]:
    citizen = svc.citizen(cccd)
    d = submit(citizen, "kcb-gphn", {**CCHN_FORM, "cccd": cccd}, cchn_documents(citizen))
    d = act(svc.officer("KCB", "clerk"), d["code"], "confirm_payment")
    assert (d["status"], d["step"]["id"], d["step"]["role"]) == ("in_processing", "criminal_record", "system")
    return citizen, d["code"]


def run_interlinks(svc: Svc) -> tuple[int, int]:
    client = svc.runtime.justice()
    with svc.sessions()() as s:
        sent = interlink.deliver_requests(s, svc.runtime, client)
        answered = interlink.poll(s, svc.runtime, client)
    return sent.delivered, answered


def test_certificate_from_justice_then_approval_updates_the_registry(svc_j: Svc, justice: Any) -> None:
    citizen, code = to_criminal_record_step(svc_j)
    act(svc_j.officer("KCB", "specialist"), code, "complete_step", expect=403)  # the system's step
    assert run_interlinks(svc_j) == (1, 1)
    d = citizen.get(f"/api/services/dossiers/{code}").json()
    assert d["step"]["id"] == "appraisal"
    lltp = [x for x in d["documents"] if x["requirement"] == "criminal_record"]
    assert lltp and lltp[0]["number"].endswith("/LLTP") and lltp[0]["reused"]
    assert d["links"]["justice"]["has_record"] is False

    act(svc_j.officer("KCB", "specialist"), code, "complete_step")
    act(svc_j.officer("KCB", "head"), code, "complete_step")
    d = act(svc_j.officer("KCB", "leader"), code, "approve")
    number = d["links"]["result"]["number"]
    assert number.endswith("/BYT-GPHN")
    fhir = svc_j.client("admin")
    bundle = fhir.get("/fhir/Practitioner", params={"identifier": f"{CCHN_SYSTEM}|{number}"}).json()
    assert bundle["total"] == 1 if "total" in bundle else len(bundle["entry"]) == 1
    practitioner = bundle["entry"][0]["resource"]
    assert {"system": CCCD_SYSTEM, "value": CITIZEN, "use": "secondary"} in practitioner["identifier"]
    assert practitioner["name"][0]["text"] == CCHN_FORM["full_name"]
    assert practitioner["qualification"][0]["code"]["text"] == "BS"


def test_valid_certificate_in_the_store_is_reused(svc_j: Svc, justice: Any) -> None:
    citizen, first = to_criminal_record_step(svc_j)
    run_interlinks(svc_j)
    act(citizen, first, "withdraw", reason="Đổi phạm vi hành nghề")
    requests_before = len(justice[1].requests)
    _citizen, second = to_criminal_record_step(svc_j)
    assert run_interlinks(svc_j) == (1, 0)
    assert len(justice[1].requests) == requests_before  # not asked again
    d = citizen.get(f"/api/services/dossiers/{second}").json()
    assert d["step"]["id"] == "appraisal"
    assert [x["requirement"] for x in d["documents"]].count("criminal_record") == 1


def test_refusal_by_justice_is_handed_to_the_officer(svc_j: Svc) -> None:
    citizen, code = to_criminal_record_step(svc_j, OTHER_CITIZEN)
    run_interlinks(svc_j)
    d = citizen.get(f"/api/services/dossiers/{code}").json()
    assert d["step"]["id"] == "appraisal" and d["links"]["justice"]["status"] == "refused"
    assert "từ chối" in d["events"][-1]["note"]
    assert not [x for x in d["documents"] if x["requirement"] == "criminal_record"]
