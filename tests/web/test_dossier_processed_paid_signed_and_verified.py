"""Journeys 2 and 3 in a real browser. An officer sees the unit's queue ordered by due date and receives
a dossier filed for manual reception; the citizen pays the practising-certificate fee on the
reference gateway's pay page; the criminal-record certificate arrives through the interlink; the
officer asks for a supplement, the citizen supplements, the officer completes the steps, approves
(the result is signed) and returns it; the citizen downloads the signed PDF and rates the service.
The public verification page (the QR code's address) then says the document is genuine, and so does
checking the downloaded file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import (
    CCHN_DOCS,
    CITIZEN,
    GPHD_FORM,
    OTHER,
    PDF,
    Site,
    business_actor,
    cchn_form,
    citizen_actor,
    citizen_login,
    file_dossier,
    snap,
    staff_login,
    wait_until,
)

POSITIONS = ("clerk", "specialist", "head", "leader")


def status_of(page: Any) -> tuple[str | None, str | None]:
    step = page.get_attribute("#step", "data-step") if page.locator("#step").count() else None
    return page.get_attribute("#status", "data-status"), step


def reload_until(page: Any, status: str, step: str | None = None) -> None:
    def reached() -> bool:
        page.reload()
        return status_of(page) == (status, step) if step else status_of(page)[0] == status

    try:
        wait_until(reached, timeout=20, interval=0.3)
    except AssertionError:
        raise AssertionError(f"still {status_of(page)}: {page.text_content('#history')}") from None


def act(page: Any, action: str, **fields: str) -> None:
    form = page.locator(f"#action-{action}")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".flash.ok").count() == 1, page.text_content("main")


def test_dossier_is_received_paid_supplemented_signed_returned_rated_and_verified(site: Site, new_page: Any) -> None:
    mine = file_dossier(site, citizen_actor(CITIZEN.cccd), "kcb-gphn", cchn_form(CITIZEN), CCHN_DOCS)
    older = file_dossier(site, citizen_actor(OTHER.cccd), "kcb-gphn", cchn_form(OTHER), CCHN_DOCS, days_ago=50)
    counter = file_dossier(site, business_actor(), "kcb-gphd", GPHD_FORM, {k: PDF for k in (
        "registration", "director_licence", "staff_list", "equipment_list")})

    # the officer's queue: earliest due date first; the dossier awaiting manual reception (no due date) last
    officer = new_page()
    staff_login(officer, site, "officer", "officer:KCB:lan", "KCB", POSITIONS, "/dich-vu-cong/can-bo/hang-doi")
    assert officer.url.endswith("/dich-vu-cong/can-bo/hang-doi")
    rows = officer.locator("#dossier-table tbody tr")
    codes = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
    dues = [rows.nth(i).get_attribute("data-due") for i in range(rows.count())]
    assert codes == [older, mine, counter]
    assert dues[0] < dues[1] and dues[2] == ""
    snap(officer, f"queue-{site.backend}")

    # the officer receives the dossier filed for manual reception
    officer.click(f"#dossier-table a:text('{counter}')")
    act(officer, "receive", note="Hồ sơ đủ thành phần")
    assert status_of(officer)[0] == "awaiting_payment" and officer.text_content("#due-at").strip()

    # the citizen pays the fee on the gateway's page and comes back
    citizen = new_page()
    citizen_login(citizen, site, CITIZEN.cccd, f"/dich-vu-cong/ho-so/{mine}")
    assert citizen.text_content("#dossier-code").strip() == mine
    citizen.click("#pay")
    citizen.wait_for_url("**/pay/*")
    assert "360.000" in citizen.text_content("body")
    citizen.click("button[value=paid]")
    citizen.wait_for_url(f"**/dich-vu-cong/ho-so/{mine}?*")
    # the gateway's callback, then the justice service's certificate through the interlink
    reload_until(citizen, "in_processing", "appraisal")
    assert citizen.locator("#documents li").count() == 5  # the criminal-record certificate was added
    assert citizen.locator("#pay").count() == 0

    # the specialist asks for a new health certificate; the citizen supplies it
    officer.goto(site.url(f"/dich-vu-cong/ho-so/{mine}"))
    officer.check("#action-request_supplement input[value=health_certificate]")
    act(officer, "request_supplement", reason="Giấy khám sức khỏe quá 6 tháng")
    assert status_of(officer)[0] == "supplement_requested"

    citizen.reload()
    assert "Giấy khám sức khỏe quá 6 tháng" in citizen.text_content("#supplement")
    citizen.set_input_files("#s-health_certificate", {"name": "gksk-moi.pdf", "mimeType": "application/pdf",
                                                      "buffer": PDF})
    citizen.click("#send-supplement")
    citizen.wait_for_load_state()
    assert status_of(citizen) == ("in_processing", "appraisal")

    # the steps, the approval (the licence is rendered and signed), the return of the result
    officer.reload()
    act(officer, "complete_step")
    assert status_of(officer) == ("in_processing", "council")
    act(officer, "complete_step")
    assert status_of(officer) == ("in_processing", "decision")
    act(officer, "approve", note="Đồng ý cấp giấy phép")
    assert status_of(officer)[0] == "decided"
    act(officer, "return_result")
    assert status_of(officer)[0] == "result_returned"

    # the citizen downloads the signed licence and rates the service
    citizen.reload()
    doc_id = citizen.get_attribute("#download-1", "data-doc")
    with citizen.expect_download() as download:
        citizen.click("#download-1")
    path = download.value.path()
    pdf = Path(path).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf  # a signed PDF
    citizen.check("#rating-3")
    citizen.fill("#comment", "Nhanh, không phải đi lại")
    citizen.click("#send-rating")
    citizen.wait_for_load_state()
    assert citizen.locator("#rated").count() == 1
    snap(citizen, f"dossier-returned-{site.backend}")

    # journey 3: the QR code's address is the public verification page, which needs no login
    visitor = new_page()
    visitor.goto(site.runtime.verify_url(doc_id))
    assert visitor.url.endswith(f"/dich-vu-cong/xac-thuc/{doc_id}")
    assert visitor.get_attribute("#verdict", "data-genuine") == "true"
    assert "/BYT-GPHN" in visitor.text_content("#record")
    assert CITIZEN.cccd not in visitor.text_content("body")  # the holder's ID is masked
    visitor.set_input_files("#file", path)
    visitor.click("#check-file")
    visitor.wait_for_load_state()
    assert visitor.get_attribute("#file-verdict", "data-genuine") == "true"
    visitor.set_input_files("#file", {"name": "sua.pdf", "mimeType": "application/pdf",
                                      "buffer": pdf.replace(b"%%EOF", b"%%EOF\n% sua doi\n", 1)})
    visitor.click("#check-file")
    visitor.wait_for_load_state()
    assert visitor.get_attribute("#file-verdict", "data-genuine") == "false"
