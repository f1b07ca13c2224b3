"""The procedure list on a phone-sized screen: one column, nothing wider than the screen, large enough
to tap. A screenshot is kept in tests/web/screenshots/ (ignored by git) for a person to look at."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import PHONE, SCREENSHOTS, Site


def test_procedure_list_fits_a_phone_screen(site: Site, new_page: Any) -> None:
    page = new_page(**PHONE)
    page.goto(site.url("/dich-vu-cong/"))
    assert page.locator("#procedures > li").count() == len(site.runtime.catalog)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    first = page.locator("#procedures > li").first.bounding_box()
    assert first is not None and first["width"] > 330  # cards use the whole width
    link = page.locator("#procedures h3 a").first.bounding_box()
    assert link is not None and link["height"] >= 20
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"procedures-phone-{site.backend}.png"), full_page=True)
    page.goto(site.url("/dich-vu-cong/thu-tuc/kcb-gphn?lang=en"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / f"procedure-phone-en-{site.backend}.png"), full_page=True)
