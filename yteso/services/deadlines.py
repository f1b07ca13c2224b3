"""Deadlines: warnings before the due date, escalation when overdue, the apology the law requires.

Run by the worker (and ``yteso services deadlines run``). For each dossier whose clock runs:
- within the procedure's ``warn_days`` working days of the due date: a ``due_soon`` event (once);
- past the due date (or past the date promised in an apology): an ``overdue_escalated`` event and a
  signed apology letter with a new return date ``apology_extension_days`` working days later
  (Decree 61/2018: phiếu xin lỗi và hẹn lại ngày trả kết quả);
- a supplement not supplied within the procedure's period: the dossier lapses (decided, refused).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.timez import now_utc
from yteso.services import access, lifecycle, model, results
from yteso.services.context import Runtime, Work
from yteso.services.states import CLOCK_RUNNING, Status
from yteso.services.tables import dossier
from yteso.services.workdays import close_of, vn_day

log = logging.getLogger("yteso.services.deadlines")
AGENT = "deadline-monitor"


@dataclass
class SweepReport:
    warned: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    lapsed: list[str] = field(default_factory=list)


def sweep(session: Session, rt: Runtime, *, now: datetime | None = None) -> SweepReport:
    """One pass over the open dossiers; each change is committed on its own."""
    now = now or now_utc()
    report = SweepReport()
    with session.begin():
        running = (
            session.execute(
                select(dossier.c.code)
                .where(
                    dossier.c.status.in_([s.value for s in CLOCK_RUNNING]),
                    dossier.c.due_at <= now + timedelta(days=21),
                )
                .order_by(dossier.c.due_at)
            )
            .scalars()
            .all()
        )
        lapsing = (
            session.execute(
                select(dossier.c.code).where(
                    dossier.c.status == Status.SUPPLEMENT_REQUESTED.value,
                    dossier.c.supplement_due_at < now,
                )
            )
            .scalars()
            .all()
        )
    for code in running:
        with session.begin():
            _check_due(Work(session, rt, access.system_actor(AGENT), now), code, report)
    for code in lapsing:
        with session.begin():
            _lapse(Work(session, rt, access.system_actor(AGENT), now), code, report)
    return report


def _check_due(w: Work, code: str, report: SweepReport) -> None:
    d = model.load(w.session, code, for_update=True)
    if d.state not in CLOCK_RUNNING or d.due_at is None:
        return
    proc = w.rt.procedure(d.procedure_code)
    deadline = d.promised_at or d.due_at
    if deadline < w.now and (d.escalated_at is None or d.escalated_at < deadline):
        d.escalated_at = w.now
        new_due = close_of(w.cal.add_working_days(vn_day(w.now), w.rt.config.apology_extension_days))
        lifecycle.record_event(
            w,
            d,
            "overdue_escalated",
            d.state,
            note="Hồ sơ quá hạn, báo cáo lãnh đạo đơn vị",
            data={"due_at": deadline.isoformat()},
        )
        results.issue_apology(w, d, proc, new_due, "Hồ sơ chưa được giải quyết đúng hạn")
        lifecycle.record_event(w, d, "apology_issued", d.state, data={"new_due_at": new_due.isoformat()})
        model.save(w.session, d, w.now)
        report.escalated.append(code)
        log.warning("dossier_overdue", extra={"dossier": code, "unit": d.unit_code})
    elif d.warned_at is None and deadline >= w.now and w.cal.working_days_left(w.now, deadline) <= proc.warn_days:
        d.warned_at = w.now
        lifecycle.record_event(
            w, d, "due_soon", d.state, note="Hồ sơ sắp đến hạn trả kết quả", data={"due_at": deadline.isoformat()}
        )
        model.save(w.session, d, w.now)
        report.warned.append(code)


def _lapse(w: Work, code: str, report: SweepReport) -> None:
    d = model.load(w.session, code, for_update=True)
    if d.state != Status.SUPPLEMENT_REQUESTED or d.supplement_due_at is None or d.supplement_due_at >= w.now:
        return
    proc = w.rt.procedure(d.procedure_code)
    t = lifecycle.check(w, d, proc, "supplement_lapsed")
    d.decision, d.decided_at = "refused", w.now
    d.decision_reason = "Quá thời hạn bổ sung hồ sơ; hồ sơ không còn giá trị"
    lifecycle.finish(w, d, proc, t, note=d.decision_reason)
    report.lapsed.append(code)
