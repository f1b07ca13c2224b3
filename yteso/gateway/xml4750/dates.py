"""Date formats of the standard: yyyyMMdd (8), yyyyMMddHHmm (12), and NGAY_SINH with unknown parts."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache

DATE = "yyyyMMdd"
DATETIME = "yyyyMMddHHmm"
BIRTH = "birth"
"""12 characters like DATETIME, but unknown month/day may be 00 (``yyyy0000``) and time 0000."""


@lru_cache(maxsize=16384)
def is_valid(value: str, fmt: str) -> bool:
    """True when ``value`` is a real date/time in ``fmt`` (``a|b`` accepts either format)."""
    return _is_valid(value, fmt)


@cache
def validator(fmt: str) -> Callable[[str], bool]:
    """A cached one-argument validity check for ``fmt`` (fast path of the field checks)."""

    @lru_cache(maxsize=16384)
    def valid(value: str) -> bool:
        return _is_valid(value, fmt)

    return valid


def _is_valid(value: str, fmt: str) -> bool:
    if "|" in fmt:
        return any(_is_valid(value, part) for part in fmt.split("|"))
    if not value.isdecimal() or not value.isascii():
        return False
    if fmt == DATE:
        return len(value) == 8 and _day_ok(value, unknown_allowed=False)
    if fmt in (DATETIME, BIRTH):
        return len(value) == 12 and _day_ok(value, unknown_allowed=fmt == BIRTH) and _time_ok(value[8:])
    raise ValueError(f"unknown date format {fmt!r}")


_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""Days in each month, February of a leap year."""


def _day_ok(value: str, *, unknown_allowed: bool) -> bool:
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    if year < 1800:
        return False
    if unknown_allowed and day == 0 and month <= 12:
        return True
    if not (1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month]):
        return False
    return day < 29 or month != 2 or calendar.isleap(year)


def _time_ok(hhmm: str) -> bool:
    return int(hhmm[:2]) <= 23 and int(hhmm[2:]) <= 59


def day_of(value: str) -> date | None:
    """The calendar day of a valid 8- or 12-character value (None if invalid or partly unknown)."""
    if len(value) < 8 or not value[:8].isdecimal():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def before(later: str, earlier: str) -> bool:
    """True when ``later`` is strictly before ``earlier``; 8-char dates compare by day only."""
    if len(later) == 12 and len(earlier) == 12:
        return later < earlier
    return later[:8] < earlier[:8]
