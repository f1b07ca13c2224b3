"""Fixtures of the web-page tests: a running platform (SQLite and PostgreSQL) with its development
VNeID under ``/vneid``, and reference servers for the population database, the justice service and
the payment gateway; Debian's headless Chromium driven by Playwright; helpers to log in.

Browser tests skip when ``/usr/bin/chromium`` is missing, and fail instead when ``CI`` is set.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from yteso.app import create_app
from yteso.core.audit import AuditContext
from yteso.core.auth import issue_token
from yteso.core.db import session_factory
from yteso.core.timez import now_utc
from yteso.identity.population.models import Citizen
from yteso.identity.population.server import create_population_app
from yteso.identity.population.store import CitizenStore
from yteso.integrations.justice.server import create_justice_app
from yteso.integrations.payments.server import create_payment_gateway_app
from yteso.services import access, documents, service
from yteso.services.access import Actor, business_subject
from yteso.services.context import Runtime, Work
from yteso.services.schemas import SubmitIn
from yteso.services.settings import ServicesSettings
from yteso.testing.servers import free_port, run_app
from yteso.web.settings import WebSettings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

PASSWORD = "mat-khau-thu-nghiem"
CITIZEN = Citizen("001090012345", "Nguyễn Văn An", date(1990, 5, 17), "male", "01", "0912345678")
OTHER = Citizen("079185000123", "Trần Thị Bình", date(1985, 2, 3), "female", "79", "0987654321")
REPRESENTATIVE = Citizen("048090000321", "Lê Văn Cường", date(1990, 9, 9), "male", "48", "0905123456")
ENTERPRISE = "0101234565"

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


@dataclass
class Site:
    """A running platform and its neighbours, and how to act on it outside the browser."""

    base_url: str
    runtime: Runtime
    db: Any
    backend: str
    clients: list[httpx.Client] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def http(self) -> httpx.Client:
        """A cookie-keeping client without redirects (a browser stand-in for HTTP-level tests)."""
        c = httpx.Client(base_url=self.base_url, timeout=30)
        self.clients.append(c)
        return c

    def api(self, role: str, **claims: Any) -> httpx.Client:
        token = issue_token(self.runtime.settings, role=role, **claims)
        c = httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.clients.append(c)
        return c

    @contextmanager
    def work(self, actor: Actor | None = None, now: datetime | None = None) -> Iterator[Work]:
        """A transaction of the services as ``actor`` (the system by default) at ``now``."""
        with session_factory(self.db.engine)() as session, session.begin():
            yield Work(session, self.runtime, actor or access.system_actor("test"), now or now_utc())


def citizen_actor(cccd: str) -> Actor:
    subject = f"vneid:{cccd}"
    return Actor("applicant", subject, AuditContext(subject, "citizen", None, None, None), applicant_kind="citizen",
                 applicant_id=cccd, cccd=cccd)


def officer_actor(unit: str, *positions: str) -> Actor:
    subject = f"officer:{unit}:{'-'.join(positions)}"
    return Actor("officer", subject, AuditContext(subject, "officer", None, None, None), unit=unit,
                 positions=frozenset(positions))


def cchn_form(who: Any) -> dict[str, Any]:
    return {"full_name": who.full_name, "birth_date": who.birth_date.isoformat(), "cccd": who.cccd,
            "phone": who.phone, "address": "12 Phố Huế, Hà Nội", "profession": "bac-si",
            "qualification": "Bác sĩ đa khoa", "practice_scope": "Nội khoa", "practice_months": 18}


def file_dossier(site: Site, actor: Actor, procedure: str, form: dict[str, Any], docs: dict[str, bytes],
                 days_ago: int = 0) -> str:
    """A dossier filed through the services (as the API would), ``days_ago`` in the past."""
    with site.work(actor, now_utc() - timedelta(days=days_ago)) as w:
        refs = {}
        for key, content in docs.items():
            name, mime = ("anh.png", "image/png") if content is PNG else (f"{key}.pdf", "application/pdf")
            doc = documents.upload(w.session, site.runtime.config, actor, content=content, declared_type=mime,
                                   filename=name, doc_type=key, title=None, now=w.now)
            refs[key] = [doc["id"]]
        return str(service.submit(w, SubmitIn(procedure=procedure, form=form, documents=refs))["code"])


GPHD_FORM = {
    "enterprise_code": ENTERPRISE, "enterprise_name": "Công ty TNHH Phòng khám Sao Mai", "representative":
    REPRESENTATIVE.full_name, "phone": REPRESENTATIVE.phone, "facility_name": "Phòng khám chuyên khoa Sao Mai",
    "facility_type": "phong-kham", "facility_address": "5 Láng Hạ, Hà Nội", "director_name": "Trần Văn Dũng",
    "director_cchn": "001234/HNO-CCHN", "beds": 0, "scope": "Khám, chữa bệnh chuyên khoa nội",
}
CCHN_DOCS: dict[str, bytes] = {"degree": PDF, "practice_confirmation": PDF, "health_certificate": PDF, "photo": PNG}


def business_actor(code: str = ENTERPRISE, cccd: str = REPRESENTATIVE.cccd) -> Actor:
    subject = business_subject(code, cccd)
    return Actor("applicant", subject, AuditContext(subject, "citizen", None, None, None), applicant_kind="business",
                 applicant_id=code, cccd=cccd)


@pytest.fixture(scope="session")
def signing_material(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One development CA for the whole run (making RSA keys is slow)."""
    return str(tmp_path_factory.mktemp("web-signing"))


def _users_csv(path: Path) -> str:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["cccd", "full_name", "password", "enterprise_codes"])
        for c in (CITIZEN, OTHER):
            w.writerow([c.cccd, c.full_name, PASSWORD, ""])
        w.writerow([REPRESENTATIVE.cccd, REPRESENTATIVE.full_name, PASSWORD, ENTERPRISE])
    return str(path)


@contextmanager
def running_site(db: Any, tmp: Path, signing_dir: str, **settings: Any) -> Iterator[Site]:
    """The platform on a known port (VNeID and the payment gateway send the browser back to it)."""
    store = CitizenStore()
    for c in (CITIZEN, OTHER, REPRESENTATIVE):
        store.add(c)
    config = ServicesSettings(signing_dir=signing_dir, upload_dir=None, max_upload_bytes=256 * 1024,
                              worker_interval_seconds=0.2)
    with ExitStack() as stack:
        population = stack.enter_context(run_app(create_population_app(store=store)))
        justice = stack.enter_context(run_app(create_justice_app(delay_seconds=0.2)))  # answers a little later
        gateway = stack.enter_context(run_app(create_payment_gateway_app(
            config.payment_secret, callback_attempts=10, callback_backoff=0.1)))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        app = create_app(db.settings(population_url=population, **settings))
        app.state.services_settings = config.model_copy(update={
            "public_base_url": base, "justice_url": justice, "payment_url": gateway})
        app.state.web_settings = WebSettings(vneid_users=_users_csv(tmp / "vneid-users.csv"))
        stack.enter_context(run_app(app, port=port))
        site = Site(base, app.state.services_runtime, db, db.backend)
        try:
            yield site
        finally:
            for c in site.clients:
                c.close()


@pytest.fixture
def site(db: Any, tmp_path: Path, signing_material: str) -> Iterator[Site]:
    with running_site(db, tmp_path, signing_material) as s:
        yield s


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        reason = f"Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium (make browser)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_page(**context_options)``: a page in a fresh browser context (its own cookies)."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(locale="vi-VN", **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def vneid_login(page: Any, cccd: str, *, password: str = PASSWORD) -> None:
    """On VNeID's login page: CCCD and password, then the one-time code (shown in development)."""
    page.fill("#cccd", cccd)
    page.fill("#password", password)
    page.click("button[type=submit]")
    otp = page.text_content("#dev-otp").strip()
    page.fill("#otp", otp)
    page.click("button[type=submit]")


def citizen_login(page: Any, site: Site, cccd: str, next_path: str = "/dich-vu-cong/") -> None:
    page.goto(site.url(f"/dich-vu-cong/dang-nhap?next={next_path}"))
    page.click("#login-vneid")
    vneid_login(page, cccd)
    page.wait_for_url(lambda u: "/dich-vu-cong/" in u and "/vneid/" not in u)


def staff_login(page: Any, site: Site, role: str, subject: str, unit: str = "", positions: tuple[str, ...] = (),
                next_path: str = "/dich-vu-cong/") -> None:
    """The development login form (officers, analysts, admins)."""
    page.goto(site.url(f"/dich-vu-cong/dang-nhap?next={next_path}"))
    page.select_option("#dev-role", role)
    page.fill("#dev-subject", subject)
    page.fill("#dev-unit", unit)
    for p in positions:
        page.check(f"#dev-pos-{p}")
    page.click("#dev-login-button")
    page.wait_for_url(lambda u: "/dang-nhap" not in u)


def http_vneid_login(site: Site, client: httpx.Client, cccd: str = CITIZEN.cccd, enterprise: str | None = None) -> None:
    """The VNeID login over plain HTTP (for tests that need a session but no browser); with
    ``enterprise``, the organisation login (the person acts for that enterprise)."""
    start = client.get("/dich-vu-cong/dang-nhap/vneid", params={"business": "true"} if enterprise else None)
    assert start.status_code == 303, start.text
    form = client.get(start.headers["location"])
    txn = re.search(r'name="txn" value="([^"]+)"', form.text)
    assert txn, form.text
    fields = {"txn": txn[1], "cccd": cccd, "password": PASSWORD}
    if enterprise:
        fields["enterprise_code"] = enterprise
    otp_page = client.post("/vneid/authorize", data=fields)
    otp = re.search(r'id="dev-otp">([0-9]{6})<', otp_page.text)
    assert otp, otp_page.text
    back = client.post("/vneid/authorize/otp", data={"txn": txn[1], "otp": otp[1]})
    done = client.get(back.headers["location"])
    assert done.status_code == 303 and "login" not in done.headers["location"], done.headers


def snap(page: Any, name: str) -> None:
    """A screenshot for a person to look at (tests/web/screenshots/, not in git)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def wait_until(condition: Callable[[], object], timeout: float = 15.0, interval: float = 0.2) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)
