"""Journey 1 in a real browser: a citizen logs in through the development VNeID, browses the procedures,
opens the practising certificate ("cấp chứng chỉ hành nghề"), finds the fields prefilled from the
population database, uploads the documents, is told what is missing, submits, and sees the dossier
code and the due date."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import CITIZEN, PDF, PHONE, PNG, Site, snap, vneid_login
from yteso.services import model
from yteso.web.render import vndate


def _file(name: str, content: bytes, mime: str) -> dict[str, Any]:
    return {"name": name, "mimeType": mime, "buffer": content}


def test_citizen_logs_in_with_vneid_and_submits_a_prefilled_dossier(site: Site, new_page: Any) -> None:
    page = new_page(**PHONE)  # on a phone
    page.goto(site.url("/dich-vu-cong/"))
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#q", "chung chi hanh nghe")  # search without diacritics
    page.click("form[role=search] button")
    page.click("#procedures a:has-text('chứng chỉ hành nghề')")
    assert "Cấp giấy phép hành nghề khám bệnh" in page.text_content("h1")
    page.click("#apply")

    # not logged in: the login page, then VNeID (password + one-time code), then back to the form
    page.wait_for_url("**/dich-vu-cong/dang-nhap?next=*")
    page.click("#login-vneid")
    page.wait_for_url("**/vneid/authorize?*")
    vneid_login(page, CITIZEN.cccd)
    page.wait_for_url("**/dich-vu-cong/thu-tuc/kcb-gphn/nop-ho-so")
    assert CITIZEN.full_name in page.text_content(".who")

    # prefilled from the national population database
    assert page.input_value("#f-full_name") == CITIZEN.full_name
    assert page.input_value("#f-birth_date") == CITIZEN.birth_date.isoformat()
    assert page.input_value("#f-cccd") == CITIZEN.cccd
    assert page.input_value("#f-phone") == CITIZEN.phone
    assert page.locator(".source[data-source=citizen]").count() == 4
    snap(page, f"submit-form-phone-{site.backend}")

    page.fill("#f-address", "12 Phố Huế, Hai Bà Trưng, Hà Nội")
    page.select_option("#f-profession", "bac-si")
    page.fill("#f-qualification", "Bác sĩ đa khoa, Đại học Y Hà Nội 2014")
    page.fill("#f-practice_scope", "Khám bệnh, chữa bệnh nội khoa")
    page.fill("#f-practice_months", "6")  # under the 9 months required
    page.click("#submit")

    # refused: each problem beside its field, what was typed kept
    assert page.locator("#form-errors").is_visible()
    assert "9" in page.text_content(".field.invalid:has(#f-practice_months) .error")
    assert page.input_value("#f-address") == "12 Phố Huế, Hai Bà Trưng, Hà Nội"
    page.fill("#f-practice_months", "18")
    page.set_input_files("#d-degree", _file("bang-bac-si.pdf", PDF, "application/pdf"))
    page.click("#submit")
    assert page.locator(".field.invalid:has(#d-photo) .error").count() == 1  # documents missing
    assert page.locator(".field.invalid .error").count() == 3

    page.fill("#f-practice_months", "18")
    page.set_input_files("#d-degree", _file("bang-bac-si.pdf", PDF, "application/pdf"))
    page.set_input_files("#d-practice_confirmation", _file("xac-nhan-thuc-hanh.pdf", PDF, "application/pdf"))
    page.set_input_files("#d-health_certificate", _file("giay-kham-suc-khoe.pdf", PDF, "application/pdf"))
    page.set_input_files("#d-photo", _file("anh-4x6.png", PNG, "image/png"))
    page.click("#submit")

    page.wait_for_url("**/dich-vu-cong/ho-so/*")
    code = page.text_content("#dossier-code").strip()
    assert code.startswith("KCB-")
    assert code in page.text_content(".flash.ok")
    with site.work() as w:
        d = model.load(w.session, code)
    assert d.applicant_id == CITIZEN.cccd and d.due_at is not None
    assert d.fields_prefilled >= 4  # the prefilled values were kept
    assert page.text_content("#due-at").strip() == vndate(d.due_at)
    assert page.get_attribute("#status", "data-status") == "awaiting_payment"  # received at once; the fee is due
    assert page.locator("#pay").is_visible()
    assert page.locator("#documents li").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    snap(page, f"dossier-submitted-phone-{site.backend}")

    # the dossier is in "my dossiers"
    page.goto(site.url("/dich-vu-cong/ho-so"))
    assert page.locator(f"#dossier-table tr[data-code='{code}']").count() == 1
