"""Every page showing a dossier goes through the services' access rules: an applicant sees only their
own dossiers and documents (another's answers 404, as the API does), an officer only their unit's
(403), and a visitor who is not logged in is sent to the login page."""

from __future__ import annotations

import re

from tests.web.conftest import (
    CCHN_DOCS,
    CITIZEN,
    ENTERPRISE,
    GPHD_FORM,
    OTHER,
    PDF,
    REPRESENTATIVE,
    Site,
    business_actor,
    cchn_form,
    citizen_actor,
    file_dossier,
    http_vneid_login,
)
from yteso.services import model


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found[1]


def test_an_applicant_sees_only_their_own_dossiers(site: Site) -> None:
    code = file_dossier(site, citizen_actor(CITIZEN.cccd), "kcb-gphn", cchn_form(CITIZEN), CCHN_DOCS)
    owner, stranger = site.http(), site.http()
    http_vneid_login(site, owner, CITIZEN.cccd)
    http_vneid_login(site, stranger, OTHER.cccd)

    mine = owner.get(f"/dich-vu-cong/ho-so/{code}")
    assert mine.status_code == 200 and code in mine.text
    document = re.search(r'/dich-vu-cong/giay-to/([0-9a-f-]{36})', mine.text)
    assert document
    assert owner.get(document[0]).status_code == 200

    refused = stranger.get(f"/dich-vu-cong/ho-so/{code}")
    assert refused.status_code == 404 and "text/html" in refused.headers["content-type"]
    assert CITIZEN.full_name not in refused.text
    assert stranger.get(document[0]).status_code == 404
    assert code not in stranger.get("/dich-vu-cong/ho-so").text
    assert code in owner.get("/dich-vu-cong/ho-so").text

    # the stranger's action on it is refused and changes nothing
    form = stranger.get("/dich-vu-cong/ho-so").text
    r = stranger.post(f"/dich-vu-cong/ho-so/{code}/thao-tac/withdraw", data={"csrf": csrf_of(form), "reason": "x"})
    assert r.status_code == 303
    with site.work() as w:
        assert model.load(w.session, code).status == "awaiting_payment"


def test_an_organisation_login_sees_the_enterprises_dossiers(site: Site) -> None:
    counter = file_dossier(site, business_actor(), "kcb-gphd", GPHD_FORM, {k: PDF for k in (
        "registration", "director_licence", "staff_list", "equipment_list")})
    as_company, as_person = site.http(), site.http()
    http_vneid_login(site, as_company, REPRESENTATIVE.cccd, enterprise=ENTERPRISE)
    http_vneid_login(site, as_person, REPRESENTATIVE.cccd)
    listed = as_company.get("/dich-vu-cong/ho-so").text
    assert counter in listed and ENTERPRISE in listed  # the enterprise is named in the header
    assert as_company.get(f"/dich-vu-cong/ho-so/{counter}").status_code == 200
    assert as_person.get(f"/dich-vu-cong/ho-so/{counter}").status_code == 404  # the person's own store


def test_officers_see_their_own_units_dossiers_only(site: Site) -> None:
    code = file_dossier(site, citizen_actor(CITIZEN.cccd), "kcb-gphn", cchn_form(CITIZEN), CCHN_DOCS)
    for unit, expected in (("ATTP", 403), ("KCB", 200)):
        officer = site.http()
        csrf = csrf_of(officer.get("/dich-vu-cong/dang-nhap").text)
        r = officer.post("/dich-vu-cong/dang-nhap/dev", data={"csrf": csrf, "role": "officer",
                                                               "subject": f"officer:{unit}:a", "unit": unit})
        assert r.status_code == 303
        assert officer.get(f"/dich-vu-cong/ho-so/{code}").status_code == expected
        queue = officer.get("/dich-vu-cong/can-bo/hang-doi")
        assert queue.status_code == 200 and (code in queue.text) == (unit == "KCB")


def test_a_visitor_is_sent_to_the_login_page(site: Site) -> None:
    code = file_dossier(site, citizen_actor(CITIZEN.cccd), "kcb-gphn", cchn_form(CITIZEN), CCHN_DOCS)
    r = site.http().get(f"/dich-vu-cong/ho-so/{code}")
    assert r.status_code == 303
    assert r.headers["location"] == f"/dich-vu-cong/dang-nhap?next=%2Fdich-vu-cong%2Fho-so%2F{code}"
