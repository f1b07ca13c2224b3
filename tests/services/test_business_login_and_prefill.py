"""Identity and reuse of data: a business logs in with the enterprise code and its legal
representative's CCCD (checked with the business registry); forms are prefilled from the population
database and the registry, and the share of prefilled fields is measured (target: 20% fewer typed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.services.conftest import (
    CCHN_FORM,
    CITIZEN,
    ENTERPRISE,
    REPRESENTATIVE,
    TPBVSK_FORM,
    Svc,
    cchn_documents,
    running,
    services_settings,
    submit,
    tpbvsk_documents,
)
from yteso.identity.population.models import Citizen
from yteso.identity.population.server import create_population_app
from yteso.identity.population.store import CitizenStore
from yteso.integrations.business_registry import Enterprise
from yteso.integrations.business_registry.server import create_business_registry_app
from yteso.testing.servers import run_app

SAO_MAI = Enterprise(ENTERPRISE, "Công ty TNHH Dược phẩm Sao Mai", "5 Láng Hạ, Hà Nội", "Trần Thị Bình",
                     REPRESENTATIVE, "active")
CLOSED = Enterprise("0300000018", "Công ty CP Đã Giải Thể", "1 Lê Lợi, TP. Hồ Chí Minh", "Trần Thị Bình",
                    REPRESENTATIVE, "dissolved")


@pytest.fixture
def national(db: Any, tmp_path: Path, signing_dir: str) -> Iterator[Svc]:
    store = CitizenStore()
    store.add(Citizen(CITIZEN, "Nguyễn Văn An", date(1990, 5, 17), "male", "01", "0912345678"))
    store.add(Citizen(REPRESENTATIVE, "Trần Thị Bình", date(1990, 1, 2), "female", "48", "0905111222"))
    with run_app(create_population_app(store=store)) as pop, \
            run_app(create_business_registry_app(enterprises=[SAO_MAI, CLOSED])) as registry:
        config = services_settings(tmp_path, signing_dir=signing_dir, business_registry_url=registry)
        with running(db, config, population_url=pop) as svc:
            yield svc


def test_business_login_needs_the_legal_representative(national: Svc) -> None:
    rep = national.citizen(REPRESENTATIVE)
    r = rep.post("/api/services/auth/business", json={"enterprise_code": ENTERPRISE})
    assert r.status_code == 200, r.text
    token = r.json()["access_token"]
    biz = httpx.Client(base_url=national.base_url, headers={"Authorization": f"Bearer {token}"})
    national.clients.append(biz)
    d = submit(biz, "attp-tpbvsk", TPBVSK_FORM, tpbvsk_documents(biz))
    assert d["applicant"] == {"kind": "business", "id": ENTERPRISE, "name": TPBVSK_FORM["enterprise_name"]}
    assert national.citizen(CITIZEN).post("/api/services/auth/business",
                                          json={"enterprise_code": ENTERPRISE}).status_code == 403
    assert rep.post("/api/services/auth/business", json={"enterprise_code": "0300000018"}).status_code == 403
    assert rep.post("/api/services/auth/business", json={"enterprise_code": "0100109106"}).status_code == 404
    assert rep.post("/api/services/auth/business", json={"enterprise_code": "12"}).status_code == 400


def test_citizen_form_is_prefilled_from_the_population_database(national: Svc) -> None:
    citizen = national.citizen(CITIZEN)
    offer = citizen.get("/api/services/procedures/kcb-gphn/prefill").json()
    assert offer["sources"] == {"population": "ok"}
    values = {k: v["value"] for k, v in offer["values"].items()}
    assert values == {"full_name": "Nguyễn Văn An", "birth_date": "1990-05-17", "cccd": CITIZEN,
                      "phone": "0912345678"}
    d = submit(citizen, "kcb-gphn", CCHN_FORM, cchn_documents(citizen))
    assert d["measures"]["fields_prefilled"] == 4 and d["measures"]["fields_total"] == 9


def test_business_form_is_prefilled_from_the_registry_and_measured(national: Svc) -> None:
    biz = national.business()
    offer = biz.get("/api/services/procedures/attp-tpbvsk/prefill").json()
    assert offer["sources"] == {"population": "ok", "business_registry": "ok"}
    values = {k: v["value"] for k, v in offer["values"].items()}
    assert values["enterprise_name"] == SAO_MAI.name and values["enterprise_address"] == SAO_MAI.address
    form = {**TPBVSK_FORM, **values}
    submit(biz, "attp-tpbvsk", form, tpbvsk_documents(biz))
    metrics = national.client("analyst").get("/api/services/metrics", params={"group": "procedure"}).json()
    row = next(g for g in metrics["groups"] if g["procedure_code"] == "attp-tpbvsk")
    assert row["prefill_rate"] >= metrics["prefill_target"]  # 4 of 12 fields offered by the registry


def test_prefill_degrades_when_national_systems_are_down(db: Any, tmp_path: Path, signing_dir: str) -> None:
    config = services_settings(tmp_path, signing_dir=signing_dir, business_registry_url="http://127.0.0.1:9")
    with running(db, config, population_url="http://127.0.0.1:9") as svc:
        offer = svc.business().get("/api/services/procedures/attp-tpbvsk/prefill").json()
        assert offer["sources"] == {"population": "unavailable", "business_registry": "unavailable"}
        assert offer["values"]["enterprise_code"]["value"] == ENTERPRISE
