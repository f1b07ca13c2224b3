"""Fixtures of the administrative-procedure tests: a running platform over a fresh database (SQLite and
PostgreSQL), tokens for applicants and for the officers of a unit, and helpers to file dossiers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from yteso.app import create_app
from yteso.core.auth import issue_token
from yteso.core.db import session_factory
from yteso.core.timez import now_utc
from yteso.services import access, staff
from yteso.services.access import business_subject
from yteso.services.context import Runtime, Work
from yteso.services.settings import ServicesSettings
from yteso.testing.servers import run_app

CITIZEN = "001090012345"
OTHER_CITIZEN = "079185000123"
REPRESENTATIVE = "048090000321"
ENTERPRISE = "0101234565"

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40

OFFICERS = {
    "KCB": {"clerk": ["clerk"], "specialist": ["specialist"], "head": ["head"], "leader": ["leader"]},
    "ATTP": {"clerk": ["clerk"], "specialist": ["specialist"], "head": ["head"], "leader": ["leader"]},
    "HTTBYT": {"clerk": ["clerk"], "specialist": ["specialist"], "head": ["head"], "leader": ["leader"]},
}

CCHN_FORM = {
    "full_name": "Nguyễn Văn An", "birth_date": "1990-05-17", "cccd": CITIZEN, "phone": "0912345678",
    "address": "12 Phố Huế, Hà Nội", "profession": "bac-si", "qualification": "Bác sĩ đa khoa, ĐH Y Hà Nội 2014",
    "practice_scope": "Khám bệnh, chữa bệnh nội khoa", "practice_months": 18,
}
TPBVSK_FORM = {
    "enterprise_code": ENTERPRISE, "enterprise_name": "Công ty TNHH Dược phẩm Sao Mai",
    "enterprise_address": "5 Láng Hạ, Hà Nội", "representative": "Trần Thị Bình", "phone": "0243123456",
    "email": "lienhe@saomai.vn", "product_name": "Viên uống Bổ gan Sao Mai", "manufacturer": "Nhà máy Sao Mai, Hà Nam",
    "origin": "trong-nuoc", "ingredients": "Cao actiso 200 mg", "uses": "Hỗ trợ tăng cường chức năng gan",
    "shelf_life_months": 24,
}


@dataclass
class Svc:
    """A running platform and how to talk to it as anyone."""

    base_url: str
    runtime: Runtime
    backend: str
    db: Any
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, role: str = "admin", **claims: Any) -> httpx.Client:
        token = issue_token(self.runtime.settings, role=role, **claims)
        c = httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.clients.append(c)
        return c

    def citizen(self, cccd: str = CITIZEN) -> httpx.Client:
        return self.client("citizen", citizen=cccd, subject=f"vneid:{cccd}")

    def business(self, code: str = ENTERPRISE, cccd: str = REPRESENTATIVE) -> httpx.Client:
        return self.client("citizen", citizen=cccd, subject=business_subject(code, cccd))

    def officer(self, unit: str, position: str) -> httpx.Client:
        return self.client("officer", subject=f"officer:{unit}:{position}", facility=unit)

    def anonymous(self) -> httpx.Client:
        c = httpx.Client(base_url=self.base_url, timeout=30)
        self.clients.append(c)
        return c

    @contextmanager
    def work(self, actor: access.Actor | None = None, now: datetime | None = None) -> Iterator[Work]:
        """A transaction of the services, as ``actor`` (the system by default), at ``now``."""
        sessions = session_factory(self.db.engine)
        with sessions() as session, session.begin():
            yield Work(session, self.runtime, actor or access.system_actor("test"), now or now_utc())

    def sessions(self) -> Any:
        return session_factory(self.db.engine)


def services_settings(tmp: Path, **overrides: Any) -> ServicesSettings:
    values: dict[str, Any] = {"signing_dir": str(tmp / "signing"), "upload_dir": None, "max_upload_bytes": 64 * 1024,
                              "public_base_url": "http://yteso.test"}
    values.update(overrides)
    return ServicesSettings(**values)


@contextmanager
def running(db: Any, config: ServicesSettings, **settings: Any) -> Iterator[Svc]:
    app = create_app(db.settings(**settings))
    app.state.services_settings = config
    with run_app(app) as base_url:
        rt = app.state.services_runtime
        with session_factory(db.engine)() as session, session.begin():
            for unit, people in OFFICERS.items():
                for position, positions in people.items():
                    staff.put_staff(session, f"officer:{unit}:{position}", unit, positions)
        svc = Svc(base_url, rt, db.backend, db)
        try:
            yield svc
        finally:
            for c in svc.clients:
                c.close()


@pytest.fixture(scope="session")
def signing_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One development CA for the whole run (making RSA keys is slow)."""
    return str(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def svc(db: Any, tmp_path: Path, signing_dir: str) -> Iterator[Svc]:
    with running(db, services_settings(tmp_path, signing_dir=signing_dir)) as s:
        yield s


def upload(client: httpx.Client, doc_type: str, content: bytes = PDF, *, name: str = "giay-to.pdf",
           mime: str = "application/pdf", **fields: str) -> dict[str, Any]:
    r = client.post("/api/services/documents", files={"file": (name, content, mime)},
                    data={"doc_type": doc_type, **fields})
    assert r.status_code == 201, r.text
    return dict(r.json())


def cchn_documents(client: httpx.Client) -> dict[str, list[str]]:
    return {
        "degree": [upload(client, "degree")["id"]],
        "practice_confirmation": [upload(client, "practice_confirmation")["id"]],
        "health_certificate": [upload(client, "health_certificate")["id"]],
        "photo": [upload(client, "photo", PNG, name="anh.png", mime="image/png")["id"]],
    }


def tpbvsk_documents(client: httpx.Client) -> dict[str, list[str]]:
    return {key: [upload(client, key)["id"]]
            for key in ("test_report", "scientific_evidence", "gmp_certificate", "label_draft")}


def submit(client: httpx.Client, procedure: str, form: dict[str, Any], documents: dict[str, list[str]],
           expect: int = 201) -> dict[str, Any]:
    r = client.post("/api/services/dossiers", json={"procedure": procedure, "form": form, "documents": documents})
    assert r.status_code == expect, r.text
    return dict(r.json())


def act(client: httpx.Client, code: str, action: str, expect: int = 200, **body: Any) -> dict[str, Any]:
    r = client.post(f"/api/services/dossiers/{code}/actions/{action}", json=body)
    assert r.status_code == expect, r.text
    return dict(r.json())
