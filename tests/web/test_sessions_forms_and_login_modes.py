"""The session cookie (signed, HttpOnly, SameSite=Lax), the CSRF token every form carries, where login
sends you back to, and the two login modes: the development one (VNeID under /vneid and the staff
form) and production (no staff form, no embedded VNeID, secure cookies)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import (
    CCHN_DOCS,
    CITIZEN,
    Site,
    cchn_form,
    citizen_actor,
    file_dossier,
    http_vneid_login,
    running_site,
)
from tests.web.test_dossier_pages_follow_the_services_access_rules import csrf_of
from yteso.services import model
from yteso.web.session import COOKIE


def test_forms_are_refused_without_the_sessions_csrf_token(site: Site) -> None:
    code = file_dossier(site, citizen_actor(CITIZEN.cccd), "kcb-gphn", cchn_form(CITIZEN), CCHN_DOCS)
    client = site.http()
    http_vneid_login(site, client)
    page = client.get(f"/dich-vu-cong/ho-so/{code}")
    token = csrf_of(page.text)
    url = f"/dich-vu-cong/ho-so/{code}/thao-tac/withdraw"
    for data in ({"reason": "no token"}, {"reason": "wrong token", "csrf": token[::-1]}):
        r = client.post(url, data=data)
        assert r.status_code == 403 and "text/html" in r.headers["content-type"]
    other = site.http()  # another browser's token is not this session's
    assert other.post(url, data={"csrf": csrf_of(other.get("/dich-vu-cong/dang-nhap").text)}).status_code == 303
    with site.work() as w:
        assert model.load(w.session, code).status == "awaiting_payment"
    r = client.post(url, data={"reason": "Nộp nhầm thủ tục", "csrf": token})
    assert r.status_code == 303
    with site.work() as w:
        assert model.load(w.session, code).status == "withdrawn"
    assert client.post("/dich-vu-cong/dang-xuat", data={}).status_code == 403  # logging out needs it too


def test_the_session_cookie_is_signed_http_only_and_lax(site: Site) -> None:
    header = next(h for h in site.http().get("/dich-vu-cong/").headers.get_list("set-cookie") if COOKIE in h)
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header and "Secure" not in header
    client = site.http()
    http_vneid_login(site, client)
    cookie = next(c for c in client.cookies.jar if c.name == COOKIE)
    assert cookie.has_nonstandard_attr("HttpOnly")
    r = client.get("/dich-vu-cong/ho-so")
    assert r.status_code == 200
    assert "Content-Security-Policy" in r.headers and r.headers["X-Frame-Options"] == "DENY"
    payload, signature = str(cookie.value).split(".")
    for value in (payload + "." + signature[::-1], payload[:-2] + "." + signature):
        forged = site.http()
        forged.cookies.set(COOKIE, value, domain=cookie.domain)
        assert forged.get("/dich-vu-cong/ho-so").status_code == 303  # not logged in


def test_login_returns_to_local_pages_only_and_checks_the_state(site: Site) -> None:
    client = site.http()
    csrf = csrf_of(client.get("/dich-vu-cong/dang-nhap").text)
    r = client.post("/dich-vu-cong/dang-nhap/dev", data={"csrf": csrf, "role": "analyst", "subject": "thong-ke",
                                                          "next": "//evil.example/phish"})
    assert r.headers["location"] == "/dich-vu-cong/bao-cao"  # not the other site: the analyst's own page
    # a callback whose state this browser never asked for logs nobody in
    stranger = site.http()
    r = stranger.get("/dich-vu-cong/dang-nhap/vneid/callback", params={"code": "abc", "state": "forged"})
    assert r.headers["location"] == "/dich-vu-cong/dang-nhap"
    assert stranger.get("/dich-vu-cong/ho-so").status_code == 303


def test_development_offers_vneid_under_vneid_and_the_staff_form(site: Site) -> None:
    page = site.http().get("/dich-vu-cong/dang-nhap").text
    assert 'id="login-vneid"' in page and 'id="dev-login"' in page
    meta = site.http().get("/vneid/.well-known/openid-configuration").json()
    assert meta["issuer"] == site.url("/vneid")


def test_production_has_no_staff_form_no_embedded_vneid_and_secure_cookies(
        db: Any, tmp_path: Path, signing_material: str) -> None:
    with running_site(db, tmp_path, signing_material, environment="production") as prod:
        client = prod.http()
        r = client.get("/dich-vu-cong/dang-nhap")
        assert r.status_code == 200
        assert 'id="dev-login"' not in r.text and 'id="login-vneid"' not in r.text
        assert all("Secure" in h for h in r.headers.get_list("set-cookie"))
        r = client.post("/dich-vu-cong/dang-nhap/dev", data={"csrf": "x", "role": "admin", "subject": "root"})
        assert r.status_code == 404
        assert client.get("/vneid/.well-known/openid-configuration").status_code == 404
        assert client.get("/dich-vu-cong/dang-nhap/vneid").status_code == 503


def test_pages_are_vietnamese_by_default_and_english_on_request(site: Site) -> None:
    client = site.http()
    assert '<html lang="vi">' in client.get("/dich-vu-cong/").text
    english = site.http().get("/dich-vu-cong/", headers={"Accept-Language": "en-GB,en;q=0.9,vi;q=0.5"})
    assert '<html lang="en">' in english.text and "Administrative procedures" in english.text
    chosen = client.get("/dich-vu-cong/?lang=en")
    assert "lang=en" in chosen.headers["set-cookie"]
    assert '<html lang="en">' in client.get("/dich-vu-cong/thu-tuc/kcb-gphn").text  # remembered
    missing = client.get("/dich-vu-cong/thu-tuc/khong-co")
    assert missing.status_code == 404 and "No procedure" in missing.text
    assert '<html lang="vi">' in client.get("/dich-vu-cong/?lang=vi").text
