"""Due dates in working days across lunar New Year, Hùng Kings' day and operator-edited days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.services.conftest import Svc
from yteso.core.timez import parse_instant
from yteso.services.holidays import holidays_of_year, seed_rows
from yteso.services.workdays import WorkCalendar, close_of

SEED = WorkCalendar.of(r["day"] for r in seed_rows())  # type: ignore[misc]

# Tết Nguyên đán (mùng 1) in Vietnam, 2020-2035, as published by the Vietnamese calendar (UTC+7).
TET = {2020: "01-25", 2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17",
       2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11", 2033: "01-31",
       2034: "02-19", 2035: "02-08"}
HUNG_KINGS = {2023: "04-29", 2024: "04-18", 2025: "04-07", 2026: "04-26"}


def vn(text: str) -> datetime:
    """A Vietnam-time ``YYYY-MM-DD HH:MM`` as naive UTC."""
    return parse_instant(text)


@pytest.mark.parametrize("year", sorted(TET))
def test_seed_has_the_vietnamese_new_year(year: int) -> None:
    days = {h.day: h.name for h in holidays_of_year(year)}
    tet = date.fromisoformat(f"{year}-{TET[year]}")
    assert "mùng 1" in days[tet]
    assert (tet.toordinal() - 1) in {d.toordinal() for d in days}  # the last day of the lunar year


def test_seed_has_hung_kings_day_with_compensation() -> None:
    for year, day in HUNG_KINGS.items():
        assert date.fromisoformat(f"{year}-{day}") in {h.day for h in holidays_of_year(year)}
    # 2026: 10/3 lunar is a Sunday, so Monday 27/4 is the compensatory day off
    assert not SEED.is_working(date(2026, 4, 27))


def test_three_working_days_across_tet_2025() -> None:
    # Received Monday 27/01/2025 09:00; days off 28/01-01/02 (Tết) and Monday 03/02 (nghỉ bù mùng 4)
    due = SEED.due_at(vn("2025-01-27 09:00"), 3)
    assert due == close_of(date(2025, 2, 6))
    assert due == datetime(2025, 2, 6, 10, 0)  # 17:00 in Hà Nội


def test_receipt_after_hours_or_on_a_day_off_counts_from_the_next_working_day() -> None:
    assert SEED.due_at(vn("2025-01-24 16:59"), 1) == close_of(date(2025, 1, 27))  # Friday → Monday
    assert SEED.due_at(vn("2025-01-24 17:30"), 1) == close_of(date(2025, 2, 4))  # counted from Mon 27 → Tết
    assert SEED.due_at(vn("2025-02-01 10:00"), 1) == close_of(date(2025, 2, 5))  # Saturday in Tết


def test_twenty_one_days_of_a_product_declaration_over_tet_2026() -> None:
    # Received Wednesday 04/02/2026; Tết 16-20/02/2026 takes five working days out
    due = SEED.due_at(vn("2026-02-04 10:00"), 21)
    assert due == close_of(date(2026, 3, 12))


def test_national_day_and_april_holidays() -> None:
    assert not SEED.is_working(date(2025, 9, 1)) and not SEED.is_working(date(2025, 9, 2))
    assert not SEED.is_working(date(2025, 4, 30)) and not SEED.is_working(date(2025, 5, 1))
    assert SEED.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 2)


def test_suspension_moves_the_due_date_by_working_days_suspended() -> None:
    cal = WorkCalendar.of()
    due = close_of(date(2025, 3, 20))  # Thursday
    new_due, days = cal.shift(due, vn("2025-03-10 09:00"), vn("2025-03-12 15:00"))  # Mon → Wed
    assert days == 2 and new_due == close_of(date(2025, 3, 24))
    same_day, zero = cal.shift(due, vn("2025-03-10 09:00"), vn("2025-03-10 16:00"))
    assert zero == 0 and same_day == due


def test_swapped_saturday_counts_as_a_working_day() -> None:
    cal = WorkCalendar.of(days_off=[date(2025, 5, 2)], extra_working=[date(2025, 4, 26)])
    assert cal.is_working(date(2025, 4, 26)) and not cal.is_working(date(2025, 5, 2))
    assert cal.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)


def test_operator_edits_the_table_and_new_due_dates_follow(svc: Svc) -> None:
    admin, anyone = svc.client("admin"), svc.anonymous()
    r = anyone.get("/api/services/holidays", params={"year": 2025})
    assert r.status_code == 200 and len(r.json()["days"]) >= 11
    assert svc.citizen().post("/api/services/holidays", json={"day": "2025-06-02", "name": "x"}).status_code == 403
    r = admin.post("/api/services/holidays", json={"day": "2025-06-02", "name": "Nghỉ theo quyết định của TTg"})
    assert r.status_code == 201, r.text
    r = admin.post("/api/services/holidays", json={"day": "2025-06-03", "name": "x", "is_working": True})
    assert r.status_code == 400  # a Tuesday cannot be declared a swapped working day
    with svc.work() as w:
        assert not w.cal.is_working(date(2025, 6, 2))
        assert w.cal.due_at(vn("2025-05-30 10:00"), 1) == close_of(date(2025, 6, 3))
    assert admin.delete("/api/services/holidays/2025-06-02").status_code == 204
    assert admin.delete("/api/services/holidays/2025-06-02").status_code == 404
    with svc.work() as w:
        assert w.cal.is_working(date(2025, 6, 2))
