"""Working-day arithmetic for legal time limits (thời hạn giải quyết tính theo ngày làm việc).

Rules (documented in docs/services.md):
- a working day is Monday-Friday, minus the days off of the holiday table, plus the weekend days it
  declares working (làm bù);
- the day of receipt is not counted; a dossier received after 17:00 or on a day off counts as
  received on the next working day;
- a limit of N working days ends at 17:00 (Vietnam time) on the N-th working day counted;
- a suspension (supplement requested, awaiting payment) moves the due date by the working days in
  (suspension day, resumption day].
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.timez import VN_TZ
from yteso.services.tables import holiday

CLOSE_OF_BUSINESS = time(17, 0)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days; pure arithmetic over them."""

    days_off: frozenset[date] = frozenset()
    extra_working: frozenset[date] = frozenset()

    @classmethod
    def of(cls, days_off: Iterable[date] = (), extra_working: Iterable[date] = ()) -> WorkCalendar:
        return cls(frozenset(days_off), frozenset(extra_working))

    def is_working(self, day: date) -> bool:
        if day in self.extra_working:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working(self, day: date) -> date:
        """``day`` if it is a working day, else the first working day after it."""
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted); ``n == 0`` gives
        ``start`` if working, else the next working day."""
        if n <= 0:
            return self.next_working(start)
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_working(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (``start``, ``end``]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working(day)
        return count

    def counting_day(self, received_utc: datetime) -> date:
        """The Vietnam-time day a receipt counts from (after-hours and days off move to the next working day)."""
        local = received_utc.replace(tzinfo=UTC).astimezone(VN_TZ)
        day = local.date()
        if local.time() >= CLOSE_OF_BUSINESS or not self.is_working(day):
            day = self.next_working(day + timedelta(days=1))
        return day

    def due_at(self, received_utc: datetime, working_days: int) -> datetime:
        """Naive-UTC deadline of a limit of ``working_days`` starting at ``received_utc``."""
        return close_of(self.add_working_days(self.counting_day(received_utc), working_days))

    def shift(self, due_utc: datetime, suspended_utc: datetime, resumed_utc: datetime) -> tuple[datetime, int]:
        """Move ``due_utc`` by the working days of a suspension; returns (new due, days moved)."""
        days = self.working_days_between(vn_day(suspended_utc), vn_day(resumed_utc))
        return close_of(self.add_working_days(vn_day(due_utc), days)), days

    def working_days_left(self, now_utc: datetime, due_utc: datetime) -> int:
        """Working days from today to the due day (negative when overdue)."""
        today, due = vn_day(now_utc), vn_day(due_utc)
        if due >= today:
            return self.working_days_between(today, due)
        return -self.working_days_between(due, today)


def vn_day(naive_utc: datetime) -> date:
    return naive_utc.replace(tzinfo=UTC).astimezone(VN_TZ).date()


def close_of(day: date) -> datetime:
    """17:00 Vietnam time on ``day``, as naive UTC."""
    return datetime.combine(day, CLOSE_OF_BUSINESS, VN_TZ).astimezone(UTC).replace(tzinfo=None)


_CACHE_TTL = 30.0
_cache: dict[str, tuple[float, WorkCalendar]] = {}
_lock = threading.Lock()


def load(session: Session) -> WorkCalendar:
    """The calendar of the holiday table, cached per database for 30 s (edits in this process clear it)."""
    engine = session.get_bind().engine
    key = f"{engine.url}|{id(engine)}"
    now = _time.monotonic()
    with _lock:
        hit = _cache.get(key)
        if hit and now - hit[0] < _CACHE_TTL:
            return hit[1]
    off: list[date] = []
    extra: list[date] = []
    for day, is_working in session.execute(select(holiday.c.day, holiday.c.is_working)):
        (extra if is_working else off).append(day)
    cal = WorkCalendar.of(off, extra)
    with _lock:
        _cache[key] = (now, cal)
    return cal


def clear_cache() -> None:
    with _lock:
        _cache.clear()
