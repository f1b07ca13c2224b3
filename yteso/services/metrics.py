"""Service-quality indicators of Decision 766/QĐ-TTg, per unit, procedure and period, from the dossiers.

- on time: finished dossiers decided by their due date, plus dossiers in process not yet overdue,
  over finished plus in process (an apology does not make a late dossier on time);
- online: dossiers received that were filed online;
- digitisation: received dossiers with every component digitised; results issued as signed files;
  components reused from the data store;
- online payment: fees paid online over fees paid;
- satisfaction: rated dossiers, mean rating (1-3) and the share rated satisfied or better;
- prefill: the share of filled form fields whose value the platform offered (target >= 20%).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.orm import Session

from yteso.core.timez import VN_TZ
from yteso.services.states import CLOCK_RUNNING, OPEN
from yteso.services.tables import dossier

PREFILL_TARGET = 0.20
GROUPS = {"unit": ("unit_code",), "procedure": ("procedure_code",), "unit_procedure": ("unit_code", "procedure_code")}


def _start_of(day: date) -> datetime:
    """Midnight of ``day`` in Vietnam, as naive UTC."""
    return datetime.combine(day, time(0), VN_TZ).astimezone(UTC).replace(tzinfo=None)


def _n(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0))


def compute(
    session: Session,
    *,
    start: date,
    end: date,
    now: datetime,
    group: str = "unit_procedure",
    unit: str | None = None,
    procedure: str | None = None,
) -> dict[str, Any]:
    """Indicators for dossiers of [``start``, ``end``] (Vietnam days), grouped by ``group``."""
    lo, hi = _start_of(start), _start_of(date.fromordinal(end.toordinal() + 1))
    c = dossier.c
    received = and_(c.received_at >= lo, c.received_at < hi)
    finished = and_(c.decided_at >= lo, c.decided_at < hi)
    open_now = and_(c.status.in_([s.value for s in OPEN]), c.received_at.is_not(None), c.received_at < hi)
    running = c.status.in_([s.value for s in CLOCK_RUNNING])
    paid = and_(c.paid_at >= lo, c.paid_at < hi, c.fee_vnd > 0)
    rated = and_(c.rated_at >= lo, c.rated_at < hi)
    keys = [getattr(c, k) for k in GROUPS[group]]
    columns = [
        _n(received).label("received"),
        _n(and_(received, c.channel == "online")).label("online"),
        _n(and_(received, c.docs_total > 0)).label("digitised"),
        _n(finished).label("finished"),
        _n(and_(finished, c.decided_at <= c.due_at)).label("finished_on_time"),
        _n(open_now).label("in_process"),
        _n(and_(open_now, running, c.due_at < now)).label("in_process_overdue"),
        _n(and_(finished, c.decision == "approved")).label("approved"),
        _n(and_(finished, c.decision == "approved", c.result_document_pk.is_not(None))).label("results_digitised"),
        func.sum(case((received, c.docs_total), else_=0)).label("docs_total"),
        func.sum(case((received, c.docs_reused), else_=0)).label("docs_reused"),
        func.sum(case((received, c.fields_total), else_=0)).label("fields_total"),
        func.sum(case((received, c.fields_prefilled), else_=0)).label("fields_prefilled"),
        _n(paid).label("paid"),
        _n(and_(paid, c.paid_online.is_(True))).label("paid_online"),
        _n(rated).label("rated"),
        func.sum(case((rated, c.rating), else_=0)).cast(Integer).label("rating_sum"),
        _n(and_(rated, c.rating >= 2)).label("satisfied"),
    ]
    stmt = select(*keys, *columns).group_by(*keys).order_by(*keys)
    if unit:
        stmt = stmt.where(c.unit_code == unit)
    if procedure:
        stmt = stmt.where(c.procedure_code == procedure)
    rows = [dict(r._mapping) for r in session.execute(stmt)]
    groups = [
        _indicators(r, GROUPS[group])
        for r in rows
        if any(r[k] for k in ("received", "finished", "in_process", "paid", "rated"))
    ]
    total = _indicators({k: sum(int(r[k] or 0) for r in rows) for k in (col.name for col in columns)}, ())
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "group_by": group,
        "groups": groups,
        "total": total,
        "prefill_target": PREFILL_TARGET,
    }


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _indicators(r: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    v = {k: int(r.get(k) or 0) for k in r if k not in keys}
    on_time = v["finished_on_time"] + v["in_process"] - v["in_process_overdue"]
    out: dict[str, Any] = {k: r[k] for k in keys}
    out["counts"] = v
    out["on_time_rate"] = _rate(on_time, v["finished"] + v["in_process"])
    out["online_rate"] = _rate(v["online"], v["received"])
    out["digitisation_rate"] = _rate(v["digitised"], v["received"])
    out["result_digitisation_rate"] = _rate(v["results_digitised"], v["approved"])
    out["reuse_rate"] = _rate(v["docs_reused"], v["docs_total"])
    out["prefill_rate"] = _rate(v["fields_prefilled"], v["fields_total"])
    out["online_payment_rate"] = _rate(v["paid_online"], v["paid"])
    out["satisfaction_rate"] = _rate(v["satisfied"], v["rated"])
    out["mean_rating"] = round(v["rating_sum"] / v["rated"], 2) if v["rated"] else None
    return out
