"""Vietnamese public holidays (ngày nghỉ lễ, tết) — Labour Code 2019, Art. 112 — and the operator's table.

The seed computes, for each year: New Year (1/1), lunar New Year (Tết Nguyên đán: the last day of
the lunar year and the first four days of the new one), Hùng Kings' day (10/3 lunar), Reunification
day (30/4), Labour day (1/5) and National day (2/9 and one adjacent day), plus a compensatory day
off (nghỉ bù) on the next working day for each holiday falling on a Saturday or Sunday (Art. 111).
Each year the Prime Minister fixes the exact Tết and 2/9 days and swaps (làm bù on a Saturday):
the operator edits the table (``yteso services holidays add/remove``), the seed is a starting point.

Lunar dates come from ``lunardate`` (the Chinese calendar, UTC+8). The Vietnamese calendar (UTC+7)
agrees on every Tết and Hùng Kings' day of 2020-2035 (checked by the tests); outside that range an
operator should check the rare years where they differ (e.g. 2007).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lunardate import LunarDate
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from yteso.core.errors import Invalid, Issue, NotFound
from yteso.services import workdays
from yteso.services.tables import holiday

SEED_YEARS = (2020, 2035)


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day differing from the Monday-Friday week: a day off, or (``is_working``) a swapped working day."""

    day: date
    name: str
    is_working: bool = False
    source: str = "seed"

    def as_json(self) -> dict[str, object]:
        return {"day": self.day.isoformat(), "name": self.name, "is_working": self.is_working, "source": self.source}


def lunar_to_solar(year: int, month: int, day: int) -> date:
    """The solar date of a (non-leap) lunar date."""
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def holidays_of_year(year: int) -> list[Holiday]:
    """The statutory days off of ``year`` with compensatory days, sorted by day."""
    tet = lunar_to_solar(year, 1, 1)
    days: list[Holiday] = [Holiday(date(year, 1, 1), "Tết Dương lịch")]
    days.append(Holiday(tet - timedelta(days=1), "Tết Nguyên đán (ngày cuối năm âm lịch)"))
    days += [Holiday(tet + timedelta(days=k), f"Tết Nguyên đán (mùng {k + 1})") for k in range(4)]
    days.append(Holiday(lunar_to_solar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
    days.append(Holiday(date(year, 4, 30), "Ngày Chiến thắng (30/4)"))
    days.append(Holiday(date(year, 5, 1), "Ngày Quốc tế lao động (1/5)"))
    national = date(year, 9, 2)
    days.append(Holiday(national, "Quốc khánh (2/9)"))
    adjacent = national + timedelta(days=1) if national.weekday() == 0 else national - timedelta(days=1)
    days.append(Holiday(adjacent, "Quốc khánh (ngày liền kề)"))
    return _with_compensation(days)


def _with_compensation(days: list[Holiday]) -> list[Holiday]:
    """Add a day off on the next free working day for each holiday falling on a weekend."""
    taken = {h.day for h in days}
    out = list(days)
    for h in sorted(days, key=lambda h: h.day):
        if h.day.weekday() < 5:
            continue
        cursor = h.day + timedelta(days=1)
        while cursor.weekday() >= 5 or cursor in taken:
            cursor += timedelta(days=1)
        taken.add(cursor)
        out.append(Holiday(cursor, f"Nghỉ bù: {h.name}"))
    return sorted(out, key=lambda h: h.day)


def seed_rows(first: int = SEED_YEARS[0], last: int = SEED_YEARS[1]) -> list[dict[str, object]]:
    """Rows for the holiday table, years ``first``..``last`` inclusive."""
    rows: dict[date, dict[str, object]] = {}
    for year in range(first, last + 1):
        for h in holidays_of_year(year):
            rows.setdefault(h.day, {"day": h.day, "name": h.name, "is_working": False, "source": "seed"})
    return [rows[d] for d in sorted(rows)]


# --- the operator's table ------------------------------------------------------------------------


def list_days(session: Session, year: int | None = None) -> list[Holiday]:
    """The table's days (of ``year`` if given), sorted."""
    stmt = select(holiday).order_by(holiday.c.day)
    if year is not None:
        stmt = stmt.where(holiday.c.day >= date(year, 1, 1), holiday.c.day <= date(year, 12, 31))
    return [Holiday(r.day, r.name, r.is_working, r.source) for r in session.execute(stmt)]


def add_day(session: Session, day: date, name: str, *, is_working: bool = False) -> Holiday:
    """Add or replace one day (a day off, or a weekend day declared a working day)."""
    if not name.strip():
        raise Invalid(
            "A holiday needs a name",
            "Ngày nghỉ cần có tên",
            issues=[Issue("A name is required", "Cần nhập tên", expression="name", rule="holiday.name")],
        )
    if is_working and day.weekday() < 5:
        raise Invalid(
            "Only a Saturday or Sunday can be declared a working day",
            "Chỉ có thể khai báo thứ Bảy hoặc Chủ nhật là ngày làm việc (làm bù)",
            issues=[
                Issue(
                    "not a weekend day",
                    "không phải ngày cuối tuần",
                    expression="day",
                    value=day.isoformat(),
                    rule="holiday.working-weekday",
                )
            ],
        )
    session.execute(delete(holiday).where(holiday.c.day == day))
    session.execute(holiday.insert().values(day=day, name=name.strip(), is_working=is_working, source="operator"))
    workdays.clear_cache()
    return Holiday(day, name.strip(), is_working, "operator")


def remove_day(session: Session, day: date) -> None:
    """Remove one day from the table (404 if absent)."""
    if session.execute(delete(holiday).where(holiday.c.day == day)).rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound(f"{day.isoformat()} is not in the holiday table", f"Ngày {day.isoformat()} không có trong bảng")
    workdays.clear_cache()
