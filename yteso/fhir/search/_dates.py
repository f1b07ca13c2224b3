"""FHIR date/dateTime/instant strings as inclusive UTC epoch-second ranges (re-exported by extract)."""

from __future__ import annotations

import re
from functools import lru_cache

FAR_PAST = -62135596800  # 0001-01-01T00:00:00Z: the low end of a Period without a start
FAR_FUTURE = 253402300799  # 9999-12-31T23:59:59Z: the high end of a Period without an end
LOCAL_OFFSET = 7 * 3600  # Vietnam (UTC+7, no daylight saving): the zone of values without one

_DATE_RE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?"
)


def _days(y: int, m: int, d: int) -> int:
    """Days from 1970-01-01 to the proleptic Gregorian date y-m-d."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def _month_days(y: int, m: int) -> int:
    if m == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if m in (4, 6, 9, 11) else 31


@lru_cache(maxsize=16384)  # the same instants recur across a dossier's resources
def date_range(value: str) -> tuple[int, int]:
    """Inclusive UTC epoch-second range covered by a FHIR date/dateTime/instant string.

    The range spans the value's precision: ``1990`` is the whole year, ``1990-02`` the month,
    ``1990-02-03`` the day, ``...T10:30`` the minute and ``...T10:30:15.250`` that second.
    Values without a timezone are Vietnam time (UTC+7). Raises ``ValueError`` if malformed.
    """
    m = _DATE_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None:
        raise ValueError(f"not a FHIR date/dateTime: {value!r}")
    year, month, day, hour, minute, second, tz = m.groups()
    y = int(year)
    mo = int(month) if month else 1
    d = int(day) if day else 1
    if not 1 <= mo <= 12 or not 1 <= d <= _month_days(y, mo):
        raise ValueError(f"not a valid date: {value!r}")
    offset = LOCAL_OFFSET
    if tz and tz != "Z":
        tz_h, tz_m = int(tz[1:3]), int(tz[4:6])
        if tz_h > 14 or tz_m > 59:
            raise ValueError(f"not a valid timezone: {value!r}")
        offset = (1 if tz[0] == "+" else -1) * (tz_h * 3600 + tz_m * 60)
    elif tz == "Z":
        offset = 0
    if hour is not None:
        h, mi, s = int(hour), int(minute), min(int(second), 59) if second else 0
        if h > 23 or mi > 59:
            raise ValueError(f"not a valid time: {value!r}")
        low = _days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset
        return low, low + (0 if second else 59)
    start = _days(y, mo, d) * 86400 - offset
    if day:
        return start, start + 86399
    if month:
        return start, start + _month_days(y, mo) * 86400 - 1
    return start, _days(y + 1, 1, 1) * 86400 - offset - 1
