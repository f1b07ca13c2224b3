"""The dossier state machine (Decree 61/2018/NĐ-CP, Decree 107/2021/NĐ-CP): one explicit transition table.

Every change of a dossier goes through :func:`yteso.services.lifecycle.apply`, which looks the
action up here: an action not allowed from the dossier's state answers 409, an actor without the
position answers 403. "Overdue" (quá hạn) is not a state: it is derived from ``due_at``.
Suspended states stop the clock; leaving them moves the due date by the working days suspended.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """States of a dossier (trạng thái hồ sơ)."""

    SUBMITTED = "submitted"  # Mới đăng ký
    RECEIVED = "received"  # Được tiếp nhận (dossier code and due date issued)
    NOT_ACCEPTED = "not_accepted"  # Không được tiếp nhận
    AWAITING_PAYMENT = "awaiting_payment"  # Yêu cầu thực hiện nghĩa vụ tài chính
    IN_PROCESSING = "in_processing"  # Đang xử lý (per step and officer)
    SUPPLEMENT_REQUESTED = "supplement_requested"  # Yêu cầu bổ sung giấy tờ
    DECIDED = "decided"  # Đã xử lý xong (approved or refused)
    RESULT_RETURNED = "result_returned"  # Đã trả kết quả
    WITHDRAWN = "withdrawn"  # Công dân rút hồ sơ


PORTAL_CODE: dict[Status, int] = {
    Status.SUBMITTED: 1,
    Status.RECEIVED: 2,
    Status.NOT_ACCEPTED: 3,
    Status.IN_PROCESSING: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.AWAITING_PAYMENT: 6,
    Status.WITHDRAWN: 7,
    Status.DECIDED: 9,
    Status.RESULT_RETURNED: 10,
}
"""Our states → the national public service portal's dossier status codes (TrangThaiHoSo).
Code 8 (Dừng xử lý, processing stopped) has no state of ours: a dossier whose supplement period
lapses is decided as refused, with the reason."""

VI_NAME: dict[Status, str] = {
    Status.SUBMITTED: "Mới đăng ký",
    Status.RECEIVED: "Đã tiếp nhận",
    Status.NOT_ACCEPTED: "Không được tiếp nhận",
    Status.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    Status.IN_PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung hồ sơ",
    Status.DECIDED: "Đã có kết quả",
    Status.RESULT_RETURNED: "Đã trả kết quả",
    Status.WITHDRAWN: "Đã rút hồ sơ",
}

SUSPENDED = frozenset({Status.AWAITING_PAYMENT, Status.SUPPLEMENT_REQUESTED})
"""States in which the legal clock stops (the portal's suspension codes 5 and 6)."""
CLOCK_RUNNING = frozenset({Status.RECEIVED, Status.IN_PROCESSING})
"""States in which the due date can pass."""
OPEN = frozenset(
    {Status.SUBMITTED, Status.RECEIVED, Status.AWAITING_PAYMENT, Status.IN_PROCESSING, Status.SUPPLEMENT_REQUESTED}
)
"""States of a dossier still being handled (the officers' queue)."""
FINISHED = frozenset({Status.DECIDED, Status.RESULT_RETURNED})

APPLICANT, OFFICER, SYSTEM = "applicant", "officer", "system"
STEP_ROLE = "step"
"""In ``positions``: the role named by the dossier's current step acts."""
POSITIONS = ("clerk", "specialist", "head", "leader")
"""Officer positions: one-stop clerk (bộ phận một cửa), specialist (chuyên viên), head of division
(lãnh đạo phòng), leader of the unit (lãnh đạo Cục/Vụ)."""


@dataclass(frozen=True, slots=True)
class Transition:
    """One row of the table: ``action`` moves a dossier from one of ``sources`` to ``target``
    (``None``: the state stays), done by ``actor`` holding one of ``positions`` (officers only)."""

    action: str
    sources: frozenset[Status]
    target: Status | None
    actor: str
    positions: tuple[str, ...] = ()
    vi: str = ""


def _t(
    action: str, sources: set[Status], target: Status | None, actor: str, positions: tuple[str, ...] = (), vi: str = ""
) -> tuple[str, Transition]:
    return action, Transition(action, frozenset(sources), target, actor, positions, vi)


S = Status
TRANSITIONS: dict[str, Transition] = dict(
    [
        _t("receive", {S.SUBMITTED}, S.RECEIVED, OFFICER, ("clerk",), "Tiếp nhận hồ sơ"),
        _t("not_accept", {S.SUBMITTED}, S.NOT_ACCEPTED, OFFICER, ("clerk",), "Từ chối tiếp nhận"),
        _t("request_payment", {S.RECEIVED}, S.AWAITING_PAYMENT, SYSTEM, (), "Yêu cầu nộp phí"),
        _t("start", {S.RECEIVED}, S.IN_PROCESSING, SYSTEM, (), "Chuyển xử lý"),
        _t("pay", {S.AWAITING_PAYMENT}, S.IN_PROCESSING, SYSTEM, (), "Đã nộp phí trực tuyến"),
        _t("confirm_payment", {S.AWAITING_PAYMENT}, S.IN_PROCESSING, OFFICER, ("clerk",), "Xác nhận nộp phí tại quầy"),
        _t("assign", {S.IN_PROCESSING}, None, OFFICER, ("head", "leader"), "Phân công xử lý"),
        _t("complete_step", {S.IN_PROCESSING}, None, OFFICER, (STEP_ROLE,), "Hoàn thành bước, chuyển bước sau"),
        _t("send_back", {S.IN_PROCESSING}, None, OFFICER, (STEP_ROLE,), "Trả lại bước trước"),
        _t("interlink_done", {S.IN_PROCESSING}, None, SYSTEM, (), "Nhận kết quả liên thông"),
        _t("request_supplement", {S.IN_PROCESSING}, S.SUPPLEMENT_REQUESTED, OFFICER, (STEP_ROLE,), "Yêu cầu bổ sung"),
        _t("supplement", {S.SUPPLEMENT_REQUESTED}, S.IN_PROCESSING, APPLICANT, (), "Nộp bổ sung hồ sơ"),
        _t("supplement_lapsed", {S.SUPPLEMENT_REQUESTED}, S.DECIDED, SYSTEM, (), "Quá hạn bổ sung, hồ sơ hết giá trị"),
        _t("approve", {S.IN_PROCESSING}, S.DECIDED, OFFICER, (STEP_ROLE,), "Phê duyệt, ký kết quả"),
        _t("refuse", {S.IN_PROCESSING}, S.DECIDED, OFFICER, (STEP_ROLE,), "Từ chối giải quyết (nêu lý do)"),
        _t("return_result", {S.DECIDED}, S.RESULT_RETURNED, OFFICER, ("clerk",), "Trả kết quả"),
        _t("withdraw", set(OPEN), S.WITHDRAWN, APPLICANT, (), "Rút hồ sơ"),
        _t("rate", {S.RESULT_RETURNED}, None, APPLICANT, (), "Đánh giá mức độ hài lòng"),
        _t("apologize", {S.RECEIVED, S.IN_PROCESSING}, None, OFFICER, ("head", "leader"), "Xin lỗi, hẹn lại ngày trả"),
    ]
)
"""The whole state machine. ``submit`` creates a dossier in ``submitted`` and is not a transition."""

USER_ACTIONS = frozenset(a for a, t in TRANSITIONS.items() if t.actor != SYSTEM)
"""Actions callers may ask for through the API; the others are the system's own."""


def transition(action: str) -> Transition | None:
    return TRANSITIONS.get(action)


def table() -> list[dict[str, object]]:
    """The table as data (for docs and ``GET /api/services/states``)."""
    return [
        {
            "action": t.action,
            "from": sorted(s.value for s in t.sources),
            "to": t.target.value if t.target else None,
            "actor": t.actor,
            "positions": list(t.positions),
            "vi": t.vi,
        }
        for t in TRANSITIONS.values()
    ]
