"""Vietnam time (UTC+7): the zone dates are shown in and date-only values are read in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now_utc() -> datetime:
    """Naive UTC now, the form stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def fhir_instant(naive_utc: datetime) -> str:
    """FHIR ``instant`` in Vietnam time, e.g. ``2026-11-24T21:05:03.123+07:00``."""
    local = naive_utc.replace(tzinfo=UTC).astimezone(VN_TZ)
    return local.isoformat(timespec="milliseconds")


def parse_instant(text: str) -> datetime:
    """Parse an ISO date/dateTime (no zone = Vietnam time) to naive UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(UTC).replace(tzinfo=None)
