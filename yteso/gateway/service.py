"""The gateway's public functions: receive an envelope, read a receipt, statistics.

Other packages and the routes use only this module.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.auth import Caller
from yteso.core.errors import Forbidden, NotFound
from yteso.core.timez import VN_TZ, fhir_instant
from yteso.gateway.intake.service import Received, receive
from yteso.gateway.tables import dossier, receipt

__all__ = ["Received", "read_receipt", "receipt_view", "receive", "stats"]


def receipt_view(r: Received) -> dict[str, Any]:
    """The 202 answer: ``{id, received_at, dossiers}``."""
    return {
        "id": r.id,
        "received_at": fhir_instant(r.received_at),
        "facility": r.facility,
        "dossiers": r.dossiers,
        "notes": r.notes,
    }


def read_receipt(session: Session, caller: Caller, receipt_id: str) -> dict[str, Any]:
    """Each dossier's state: ``queued``, ``accepted`` or ``rejected`` with its errors."""
    head = session.execute(select(receipt).where(receipt.c.id == receipt_id)).first()
    if head is None or not _may_see(caller, head.facility):
        raise NotFound(f"Receipt {receipt_id} not found", f"Không tìm thấy biên nhận {receipt_id}")
    rows = session.execute(
        select(
            dossier.c.position,
            dossier.c.ma_lk,
            dossier.c.state,
            dossier.c.errors,
            dossier.c.patient_id,
            dossier.c.link_status,
            dossier.c.processed_at,
        )
        .where(dossier.c.receipt_id == receipt_id)
        .order_by(dossier.c.position)
    ).all()
    return {
        "id": head.id,
        "facility": head.facility,
        "received_at": fhir_instant(head.received_at),
        "notes": head.notes or [],
        "dossiers": [
            {
                "position": r.position,
                "ma_lk": r.ma_lk,
                "state": r.state,
                "errors": r.errors or [],
                **({"patient": f"Patient/{r.patient_id}", "link": r.link_status} if r.patient_id else {}),
                **({"processed_at": fhir_instant(r.processed_at)} if r.processed_at else {}),
            }
            for r in rows
        ],
    }


def stats(
    session: Session, caller: Caller, *, facility: str | None, day_from: date | None, day_to: date | None, top: int = 5
) -> list[dict[str, Any]]:
    """Per facility and day (Vietnam time): received, accepted, rejected, queued, top error rules."""
    if caller.role == "facility" or caller.role == "clinician":
        if facility not in (None, caller.facility):
            raise Forbidden("A facility sees only its own statistics", "Cơ sở chỉ xem được số liệu của mình")
        facility = caller.facility
    elif not caller.is_admin and caller.role != "officer":
        raise Forbidden("Not allowed to read gateway statistics", "Không được xem số liệu cổng tiếp nhận")
    today = datetime.now(VN_TZ).date()
    day_to = day_to or today
    day_from = day_from or day_to - timedelta(days=6)
    start = _utc_naive(day_from)
    end = _utc_naive(day_to + timedelta(days=1))
    q = select(dossier.c.facility, dossier.c.received_at, dossier.c.state, dossier.c.errors).where(
        dossier.c.received_at >= start, dossier.c.received_at < end
    )
    if facility:
        q = q.where(dossier.c.facility == facility)
    buckets: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    rules: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in session.execute(q):
        day = _vn_day(row.received_at)
        key = (row.facility, day)
        buckets[key]["received"] += 1
        buckets[key][row.state] += 1
        for err in row.errors or []:
            rules[key][err.get("rule", "?")] += 1
    return [
        {
            "facility": fac,
            "day": day,
            "received": c["received"],
            "accepted": c["accepted"],
            "rejected": c["rejected"],
            "queued": c["queued"],
            "top_errors": [{"rule": rule, "count": n} for rule, n in rules[(fac, day)].most_common(top)],
        }
        for (fac, day), c in sorted(buckets.items())
    ]


def _may_see(caller: Caller, facility: str) -> bool:
    return caller.is_admin or caller.role == "officer" or caller.facility == facility


def _utc_naive(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), VN_TZ).astimezone(UTC).replace(tzinfo=None)


def _vn_day(naive_utc: datetime) -> str:
    return naive_utc.replace(tzinfo=UTC).astimezone(VN_TZ).date().isoformat()
