"""Processing (giải quyết hồ sơ): the officers' queue and their actions on each step.

Each step names the position acting in it; the officer holding that position in the dossier's unit
completes the step, sends it back, or asks for a supplement (where the step allows it, within the
procedure's number of rounds). The deciding step approves (the result is rendered and signed) or
refuses with reasons; the clerk returns the result.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, not_, select

from yteso.core.errors import Conflict, Invalid, Issue
from yteso.services import lifecycle, results
from yteso.services.access import Actor
from yteso.services.catalog import Procedure
from yteso.services.context import Work
from yteso.services.model import Dossier
from yteso.services.schemas import ActionIn
from yteso.services.states import CLOCK_RUNNING, OPEN
from yteso.services.submission import require_reason
from yteso.services.tables import dossier, staff
from yteso.services.workdays import close_of, vn_day


def assign(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """A head or leader gives the current step to one officer of the unit (phân công)."""
    t = lifecycle.check(w, d, proc, "assign")
    officer = (body.officer or "").strip()
    unit = w.session.execute(select(staff.c.unit_code).where(staff.c.subject == officer)).scalar()
    if unit != d.unit_code:
        raise Invalid(
            "The officer is not on the unit's staff",
            "Cán bộ không thuộc đơn vị",
            issues=[
                Issue("unknown officer", "không có cán bộ", expression="officer", value=officer, rule="assign.officer")
            ],
        )
    d.assignee = officer
    lifecycle.finish(w, d, proc, t, note=body.note, data={"officer": officer})


def complete_step(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """Finish the current step and pass the dossier to the next one."""
    t = lifecycle.check(w, d, proc, "complete_step")
    _check_assignee(w.actor, d)
    step = proc.step(d.step)
    following = proc.next_step(d.step)
    if step is None or step.decides or following is None:
        raise Conflict(
            "This step ends with a decision: approve or refuse",
            "Bước này kết thúc bằng quyết định: phê duyệt hoặc từ chối",
        )
    lifecycle.enter_step(w, d, proc, following)
    lifecycle.finish(w, d, proc, t, note=body.note, data={"from_step": step.id, "to_step": following.id})


def send_back(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """Return the dossier to the previous officer step (e.g. the head asks the specialist to redo)."""
    t = lifecycle.check(w, d, proc, "send_back")
    _check_assignee(w.actor, d)
    back = proc.previous_step(d.step)
    if back is None or back.role == "system":
        raise Conflict("There is no earlier officer step", "Không có bước xử lý trước để trả lại")
    current = d.step
    lifecycle.enter_step(w, d, proc, back)
    lifecycle.finish(w, d, proc, t, note=require_reason(body), data={"from_step": current, "to_step": back.id})


def request_supplement(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """Ask the applicant for a supplement (the clock stops) within the procedure's rounds."""
    t = lifecycle.check(w, d, proc, "request_supplement")
    step = proc.step(d.step)
    if step is None or not step.supplement:
        raise Conflict(f"Step {d.step} does not ask for supplements", f"Bước {d.step} không yêu cầu bổ sung")
    if d.supplement_rounds >= proc.supplement.max_rounds:
        raise Conflict(
            f"The procedure allows {proc.supplement.max_rounds} supplement round(s)",
            f"Thủ tục chỉ cho phép yêu cầu bổ sung {proc.supplement.max_rounds} lần",
        )
    unknown = set(body.requirements or []) - {r.key for r in proc.documents}
    if unknown:
        raise Invalid(
            "Unknown document components",
            "Thành phần hồ sơ không tồn tại",
            issues=[
                Issue("unknown", "không có", expression="requirements", value=k, rule="supplement.requirement")
                for k in sorted(unknown)
            ],
        )
    reason = require_reason(body)
    d.supplement_rounds += 1
    d.supplement_due_at = close_of(
        w.cal.add_working_days(w.cal.counting_day(w.now), proc.supplement.respond_within_days)
    )
    lifecycle.finish(
        w, d, proc, t, note=reason, data={"requirements": body.requirements or [], "round": d.supplement_rounds}
    )


def approve(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The deciding officer approves: the result is rendered, signed and kept in the applicant's store."""
    t = lifecycle.check(w, d, proc, "approve")
    _at_decision(d, proc)
    d.decision, d.decided_at = "approved", w.now
    d.result_document_pk = results.issue_result(w, d, proc)
    results.run_effects(w, d, proc)
    lifecycle.finish(w, d, proc, t, note=body.note)


def refuse(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The deciding officer refuses, with reasons; a signed letter stating them is the result."""
    t = lifecycle.check(w, d, proc, "refuse")
    _at_decision(d, proc)
    d.decision, d.decided_at, d.decision_reason = "refused", w.now, require_reason(body)
    d.result_document_pk = results.issue_refusal(w, d, proc)
    lifecycle.finish(w, d, proc, t, note=d.decision_reason)


def return_result(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The clerk returns the result (trả kết quả); the portal receives the result documents."""
    t = lifecycle.check(w, d, proc, "return_result")
    d.returned_at = d.closed_at = w.now
    lifecycle.finish(w, d, proc, t, note=body.note)
    results.push_result(w, d, proc)


def rate(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The applicant rates the service once (3 very satisfied, 2 satisfied, 1 not satisfied)."""
    t = lifecycle.check(w, d, proc, "rate")
    if d.rating is not None:
        raise Conflict("The dossier is already rated", "Hồ sơ đã được đánh giá")
    if body.rating is None:
        raise Invalid(
            "A rating of 1-3 is required",
            "Cần chọn mức đánh giá 1-3",
            issues=[Issue("rating required", "cần mức đánh giá", expression="rating", rule="rate.rating")],
        )
    d.rating, d.rating_comment, d.rated_at = body.rating, body.comment, w.now
    lifecycle.finish(w, d, proc, t, data={"rating": body.rating})


def _at_decision(d: Dossier, proc: Procedure) -> None:
    step = proc.step(d.step)
    if step is None or not step.decides:
        raise Conflict("The dossier has not reached the deciding step", "Hồ sơ chưa đến bước phê duyệt")


def _check_assignee(actor: Actor, d: Dossier) -> None:
    if d.assignee and d.assignee != actor.subject:
        raise Conflict(f"The step is assigned to {d.assignee}", f"Bước này đã được phân công cho {d.assignee}")


def queue(
    w: Work,
    *,
    step: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    mine: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """The unit's open dossiers, most urgent (earliest due) first."""
    actor = w.actor
    stmt = select(dossier).where(dossier.c.unit_code == actor.unit)
    if status:
        stmt = stmt.where(dossier.c.status == status)
    else:
        stmt = stmt.where(dossier.c.status.in_([s.value for s in OPEN]))
    if step:
        stmt = stmt.where(dossier.c.step == step)
    if overdue is not None:
        late = and_(
            dossier.c.status.in_([s.value for s in CLOCK_RUNNING]),
            func.coalesce(dossier.c.promised_at, dossier.c.due_at) < w.now,
        )
        stmt = stmt.where(late if overdue else not_(late))
    if mine:
        stmt = stmt.where(dossier.c.assignee == actor.subject)
    total = w.session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    rows = w.session.execute(
        stmt.order_by(dossier.c.due_at.is_(None), dossier.c.due_at, dossier.c.pk).limit(limit).offset(offset)
    ).all()
    return {"total": total, "items": [Dossier.from_row(r) for r in rows]}


def apologize(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """A head or leader issues the apology for a late dossier with a new return date."""
    t = lifecycle.check(w, d, proc, "apologize")
    new_day = body.new_due_date
    today = vn_day(w.now)
    if new_day is None or new_day <= today or not w.cal.is_working(new_day):
        raise Invalid(
            "The new return date must be a future working day",
            "Ngày hẹn mới phải là ngày làm việc sắp tới",
            issues=[
                Issue(
                    "bad date", "ngày không hợp lệ", expression="new_due_date", value=str(new_day), rule="apology.date"
                )
            ],
        )
    results.issue_apology(w, d, proc, close_of(new_day), require_reason(body))
    lifecycle.finish(w, d, proc, t, note=body.reason, data={"new_due_date": new_day.isoformat()})
