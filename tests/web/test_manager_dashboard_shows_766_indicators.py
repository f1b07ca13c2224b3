"""Journey 4 in a real browser: a manager (analyst role, development login) opens the Decision 766
dashboard and reads the same indicators as the API, with charts drawn as inline SVG; the page is
also there in English. Applicants may not open it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.web.conftest import (
    PDF,
    Site,
    business_actor,
    file_dossier,
    http_vneid_login,
    officer_actor,
    snap,
    staff_login,
)
from yteso.services import service
from yteso.services.schemas import ActionIn

TPBVSK_FORM = {
    "enterprise_code": "0101234565", "enterprise_name": "Công ty TNHH Dược phẩm Sao Mai",
    "enterprise_address": "5 Láng Hạ, Hà Nội", "representative": "Lê Văn Cường", "phone": "0243123456",
    "email": "lienhe@saomai.vn", "product_name": "Viên uống Bổ gan Sao Mai", "manufacturer": "Nhà máy Sao Mai",
    "origin": "trong-nuoc", "ingredients": "Cao actiso 200 mg", "uses": "Hỗ trợ chức năng gan",
    "shelf_life_months": 24,
}
DOCS = {k: PDF for k in ("test_report", "scientific_evidence", "gmp_certificate", "label_draft")}


def do(site: Site, actor: Any, code: str, action: str, **body: Any) -> None:
    with site.work(actor) as w:
        service.act(w, code, action, ActionIn(**body))


def seed(site: Site) -> None:
    """Two dossiers of the food-safety unit: one finished on time and rated, one awaiting its fee."""
    done = file_dossier(site, business_actor(), "attp-tpbvsk", TPBVSK_FORM, DOCS)
    file_dossier(site, business_actor(), "attp-tpbvsk", TPBVSK_FORM, DOCS)
    do(site, officer_actor("ATTP", "clerk"), done, "confirm_payment")
    do(site, officer_actor("ATTP", "specialist"), done, "complete_step")
    do(site, officer_actor("ATTP", "head"), done, "complete_step")
    do(site, officer_actor("ATTP", "leader"), done, "approve")
    do(site, officer_actor("ATTP", "clerk"), done, "return_result")
    do(site, business_actor(), done, "rate", rating=3)


def test_manager_reads_the_766_indicators_with_charts(site: Site, new_page: Any) -> None:
    # in another thread: signing runs asyncio.run(), and Playwright's loop is running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(seed, site).result()
    expected = site.api("analyst").get("/api/services/metrics", params={"group": "unit_procedure"}).json()
    total = expected["total"]
    assert total["counts"]["received"] == 2 and total["counts"]["finished"] == 1

    page = new_page()
    staff_login(page, site, "analyst", "lanh-dao-vu", next_path="/dich-vu-cong/bao-cao")
    assert "766" in page.text_content("h1")
    cards = page.locator("#indicators .indicator")
    assert cards.count() == 8
    for i in range(cards.count()):
        card = cards.nth(i)
        key, shown = card.get_attribute("data-indicator"), card.get_attribute("data-value")
        assert shown == ("" if total[key] is None else str(total[key])), key
        assert card.locator("svg[role=img]").count() == 1
    assert page.text_content("[data-indicator=on_time_rate] .value").strip() == "100,0 %"
    assert page.text_content("[data-indicator=satisfaction_rate] .value").strip() == "100,0 %"
    assert page.locator("#chart-on-time svg rect").count() >= 2  # track and bar of the one group
    assert page.locator("#chart-counts svg title").text_content() == "Số hồ sơ"
    rows = page.locator("#indicator-table tbody tr")
    assert rows.count() == len(expected["groups"]) == 1
    assert "Cục An toàn thực phẩm" in rows.nth(0).text_content()
    snap(page, f"dashboard-{site.backend}")

    page.goto(site.url("/dich-vu-cong/bao-cao?group=unit&lang=en"))
    assert "Decision 766" in page.text_content("h1")
    assert page.text_content("[data-indicator=on_time_rate] .value").strip() == "100.0 %"

    # an applicant is refused the dashboard
    citizen = site.http()
    http_vneid_login(site, citizen)
    r = citizen.get("/dich-vu-cong/bao-cao")
    assert r.status_code == 403 and "text/html" in r.headers["content-type"]
