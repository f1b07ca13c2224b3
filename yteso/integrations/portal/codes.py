"""Codes and formats of the National Public Service Portal (Cổng DVC quốc gia, DVCQG).

``PORTAL_STATUS`` is the dossier-status list ministries push to the portal (the same list in
several independent systems, see shared/reference/public-services.md). "Overdue" (quá hạn) is not
a status: it follows from the due date. Statuses 5, 6 and 8 suspend the processing clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import IntEnum

from yteso.core.timez import VN_TZ


class PortalStatus(IntEnum):
    """DVCQG dossier status (``TrangThaiHoSo`` / ``TrangThai``)."""

    NEW = 1
    RECEIVED = 2
    NOT_ACCEPTED = 3
    IN_PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    PAYMENT_REQUESTED = 6
    WITHDRAWN = 7
    STOPPED = 8
    DECIDED = 9
    RESULT_RETURNED = 10


PORTAL_STATUS: dict[int, str] = {
    PortalStatus.NEW: "Mới đăng ký",
    PortalStatus.RECEIVED: "Được tiếp nhận",
    PortalStatus.NOT_ACCEPTED: "Không được tiếp nhận",
    PortalStatus.IN_PROCESSING: "Đang xử lý",
    PortalStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    PortalStatus.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    PortalStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    PortalStatus.STOPPED: "Dừng xử lý",
    PortalStatus.DECIDED: "Đã xử lý xong",
    PortalStatus.RESULT_RETURNED: "Đã trả kết quả",
}
"""Status code → its Vietnamese name as the portal shows it."""

PORTAL_STATUS_EN: dict[int, str] = {
    1: "newly submitted",
    2: "received",
    3: "not accepted",
    4: "in processing",
    5: "supplement requested",
    6: "payment requested",
    7: "withdrawn by the applicant",
    8: "processing stopped",
    9: "decided",
    10: "result returned",
}

CLOCK_STOPPING = frozenset({PortalStatus.SUPPLEMENT_REQUESTED, PortalStatus.PAYMENT_REQUESTED, PortalStatus.STOPPED})
"""Statuses during which the legal time limit does not run (the due date moves by the time spent)."""

APPLICANT_TYPES = {1: "Công dân", 2: "Doanh nghiệp / tổ chức"}
"""``LoaiDoiTuong``: 1 citizen, 2 business or organisation."""

TIME_FORMAT = "%Y%m%d%H%M%S"
"""Portal date-times: ``yyyyMMddHHmmss`` in Vietnam time, e.g. ``20250115083000``."""


def format_portal_time(value: datetime | date) -> str:
    """``yyyyMMddHHmmss`` in Vietnam time. A naive ``datetime`` is taken as UTC (how yteso stores
    times); a ``date`` is its midnight in Vietnam."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), VN_TZ).strftime(TIME_FORMAT)
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(VN_TZ).strftime(TIME_FORMAT)


def parse_portal_time(text: str) -> datetime:
    """Read ``yyyyMMddHHmmss`` (Vietnam time) into an aware ``datetime``; ``ValueError`` if malformed."""
    if len(text) != 14 or not text.isdigit():
        raise ValueError(f"{text!r} is not yyyyMMddHHmmss")
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=VN_TZ)
