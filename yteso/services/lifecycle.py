"""Applying the state machine to a dossier: the checks (409/403), the clock, the history, the outbox.

Use-case modules call :func:`check` before changing anything and :func:`finish` after their own
changes; :func:`finish` moves the state, stops or restarts the clock, appends the event (the
process-control slip) and writes the portal message in the same transaction.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import insert

from yteso.core.errors import Conflict, Forbidden, Issue
from yteso.services import outbox
from yteso.services.access import APPLICANT, OFFICER, SYSTEM, Actor, system_actor
from yteso.services.catalog import Procedure, Step
from yteso.services.context import Work
from yteso.services.model import Dossier, save
from yteso.services.states import STEP_ROLE, SUSPENDED, VI_NAME, Status, Transition, transition
from yteso.services.tables import dossier_event
from yteso.services.workdays import close_of

log = logging.getLogger("yteso.services")


def check(w: Work, d: Dossier, proc: Procedure, action: str) -> Transition:
    """The transition for ``action`` if the dossier's state and the actor allow it: 409 for a state
    that does not allow it, 403 for an actor who may not do it."""
    t = transition(action)
    if t is None:
        raise Conflict(f"Unknown action {action!r}", f"Không có thao tác {action!r}")
    if d.state not in t.sources:
        raise Conflict(
            f"Action {action!r} is not allowed when the dossier is {d.status!r}",
            f"Không thể thực hiện '{t.vi}' khi hồ sơ ở trạng thái '{VI_NAME[d.state]}'",
            issues=[
                Issue(
                    f"not allowed from {d.status}",
                    f"không được phép từ trạng thái {d.status}",
                    expression="status",
                    value=d.status,
                    rule=f"transition.{action}",
                )
            ],
        )
    _check_actor(w.actor, t, d, proc)
    return t


def _check_actor(actor: Actor, t: Transition, d: Dossier, proc: Procedure) -> None:
    if actor.kind == SYSTEM:
        return
    if t.actor == SYSTEM:
        raise Forbidden(f"{t.action!r} is done by the system only", f"Thao tác '{t.vi}' chỉ do hệ thống thực hiện")
    if t.actor == APPLICANT:
        if not actor.owns(d):
            raise Forbidden("Only the applicant may do this", "Chỉ người nộp hồ sơ được thực hiện thao tác này")
        return
    if t.actor == OFFICER:
        if not actor.is_officer or actor.unit != d.unit_code:
            raise Forbidden(
                "Only an officer of the dossier's unit may do this",
                "Chỉ cán bộ của đơn vị giải quyết hồ sơ được thực hiện thao tác này",
            )
        needed = set(t.positions)
        if STEP_ROLE in needed:
            step = proc.step(d.step)
            needed = {step.role} if step else set()
        if not needed & actor.positions:
            raise Forbidden(
                f"{t.action!r} needs the position {'/'.join(sorted(needed)) or '-'}",
                f"Thao tác '{t.vi}' cần vị trí {'/'.join(sorted(needed)) or '-'}",
            )


def finish(
    w: Work, d: Dossier, proc: Procedure, t: Transition, *, note: str | None = None, data: dict[str, Any] | None = None
) -> None:
    """Record the transition: state, clock, event, portal message; saves the dossier."""
    old = d.state
    new = t.target or old
    d.status = new.value
    _clock(w, d, old, new)
    record_event(w, d, t.action, old, note=note, data=data)
    save(w.session, d, w.now)
    if new != old:
        outbox.enqueue_progress(w.session, d, proc, w.now, note or t.vi)
        log.info("dossier_%s", t.action, extra={"dossier": d.code, "from": old.value, "to": new.value})


def record_event(
    w: Work, d: Dossier, action: str, old: Status | None, *, note: str | None = None, data: dict[str, Any] | None = None
) -> None:
    """Append one line to the dossier's history (also for actions that change no state)."""
    w.session.execute(
        insert(dossier_event).values(
            dossier_pk=d.pk,
            at=w.now,
            actor=w.actor.subject,
            actor_role=w.actor.kind,
            action=action,
            from_status=old.value if old else None,
            to_status=d.status,
            step=d.step,
            note=note,
            data=data,
        )
    )


def _clock(w: Work, d: Dossier, old: Status, new: Status) -> None:
    """Stop the clock entering a suspension; on leaving it move the due dates by the days suspended."""
    if new in SUSPENDED and old not in SUSPENDED:
        d.suspended_at = w.now
    elif old in SUSPENDED and new not in SUSPENDED and d.suspended_at is not None:
        if d.due_at is not None and new in (Status.IN_PROCESSING, Status.RECEIVED):
            d.due_at, days = w.cal.shift(d.due_at, d.suspended_at, w.now)
            d.suspended_days += days
            if d.step_due_at is not None:
                d.step_due_at, _ = w.cal.shift(d.step_due_at, d.suspended_at, w.now)
            if d.promised_at is not None:
                d.promised_at, _ = w.cal.shift(d.promised_at, d.suspended_at, w.now)
        d.suspended_at = None


def receive(w: Work, d: Dossier, proc: Procedure, *, note: str | None = None) -> None:
    """Receive (tiếp nhận): the due date is issued; then payment is requested or processing starts."""
    t = check(w, d, proc, "receive")
    d.received_at = w.now
    d.due_at = w.cal.due_at(w.now, proc.time_limit_days)
    finish(w, d, proc, t, note=note)
    system = Work(w.session, w.rt, system_actor("yteso-services"), w.now)
    if d.fee_vnd > 0 and d.paid_at is None:
        finish(system, d, proc, check(system, d, proc, "request_payment"))
    else:
        start_processing(system, d, proc)


def start_processing(w: Work, d: Dossier, proc: Procedure, action: str = "start") -> None:
    """Move a received (or paid) dossier to its first step."""
    t = check(w, d, proc, action)
    enter_step(w, d, proc, proc.steps[0])
    finish(w, d, proc, t)


def enter_step(w: Work, d: Dossier, proc: Procedure, step: Step) -> None:
    """Put the dossier in ``step`` with that step's own deadline; a system step asks its service."""
    d.step = step.id
    d.assignee = None
    d.step_due_at = close_of(w.cal.add_working_days(w.cal.counting_day(w.now), step.days))
    if step.service:
        outbox.enqueue_interlink(w.session, d, step.service, w.now)
