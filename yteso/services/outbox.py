"""The outbox: messages to external systems, written in the transaction of the change they report.

Nothing is sent from a request. A worker (:func:`deliver_outbox`, ``yteso services outbox run``, the
app's background loop) claims pending rows in order, sends them, and marks them delivered; a failed
send is retried later with exponential backoff, and later messages of the same dossier wait, so the
portal sees each dossier's changes in order. Claims expire, so a crashed worker loses nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from yteso.core.timez import now_utc
from yteso.integrations.portal.codes import format_portal_time
from yteso.services import workdays
from yteso.services.catalog import Procedure
from yteso.services.model import Dossier
from yteso.services.states import PORTAL_CODE, Status
from yteso.services.tables import outbox
from yteso.services.workdays import WorkCalendar

log = logging.getLogger("yteso.services.outbox")

PORTAL, JUSTICE = "portal", "justice"
PENDING, DELIVERED, REJECTED = "pending", "delivered", "rejected"
CLAIM_SECONDS = 120
MAX_BACKOFF_SECONDS = 900


def _portal_time(value: datetime | None) -> str | None:
    """The portal's timestamp format ``yyyyMMddHHmmss`` in Vietnam time."""
    return format_portal_time(value) if value is not None else None


def dossier_payload(
    d: Dossier, proc: Procedure, cal: WorkCalendar, results: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The portal's dossier document (DongBoHoSoMC) for ``d``. Before reception the portal still
    needs the two dates: the submission time and the due date it would have if received now."""
    due = d.promised_at or d.due_at or cal.due_at(d.submitted_at, proc.time_limit_days)
    return {
        "MaHoSo": d.code,
        "MaTTHC": proc.code,
        "TenTTHC": proc.name,
        "MaLinhVuc": proc.field,
        "ChuHoSo": d.applicant_name or d.applicant_id,
        "LoaiDoiTuong": 1 if d.applicant_kind == "citizen" else 2,
        "MaDoiTuong": d.applicant_id,
        "SoDienThoai": d.form.get("phone"),
        "Email": d.form.get("email"),
        "TrichYeuHoSo": f"{proc.name} — {d.applicant_name or d.applicant_id}",
        "NgayTiepNhan": _portal_time(d.received_at or d.submitted_at),
        "NgayHenTra": _portal_time(due),
        "TrangThaiHoSo": PORTAL_CODE[Status(d.status)],
        "NgayTra": _portal_time(d.returned_at),
        "DonViXuLy": proc.unit.name,
        "HinhThuc": 1 if d.channel == "online" else 0,
        "DanhSachLePhi": [{"TenPhiLePhi": proc.fee.name, "MucPhi": d.fee_vnd}] if proc.fee else [],
        "DanhSachGiayToKetQua": results or [],
    }


def enqueue(
    session: Session, target: str, kind: str, dossier_code: str, payload: dict[str, Any], now: datetime
) -> None:
    session.execute(
        insert(outbox).values(
            target=target,
            kind=kind,
            dossier_code=dossier_code,
            payload=payload,
            created_at=now,
            state=PENDING,
            attempts=0,
            next_attempt_at=now,
        )
    )


def enqueue_dossier(
    session: Session,
    d: Dossier,
    proc: Procedure,
    now: datetime,
    results: list[dict[str, Any]] | None = None,
    cal: WorkCalendar | None = None,
) -> None:
    """The full dossier document (on submission and when the result is returned)."""
    payload = dossier_payload(d, proc, cal or workdays.load(session), results)
    enqueue(session, PORTAL, "dossier", d.code, payload, now)


def enqueue_progress(session: Session, d: Dossier, proc: Procedure, now: datetime, note: str) -> None:
    """One status change (CapNhatTienDoHoSoMC)."""
    payload = {
        "MaHoSo": d.code,
        "TrangThai": PORTAL_CODE[Status(d.status)],
        "ThoiDiemXuLy": now.isoformat(),
        "NoiDungXuLy": note,
        "PhongBanXuLy": proc.unit.name,
        "NgayKetThucTheoQuyDinh": _portal_time(d.due_at),
    }
    enqueue(session, PORTAL, "progress", d.code, payload, now)


def enqueue_interlink(session: Session, d: Dossier, service: str, now: datetime) -> None:
    """A request to another agency's service (e.g. ``justice.criminal_record``) for this dossier."""
    target = service.split(".", 1)[0]
    payload = {"service": service, "cccd": d.applicant_cccd, "full_name": d.applicant_name, "dossier": d.code}
    enqueue(session, target, service, d.code, payload, now)


# --- delivery ------------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)


def claim(session: Session, target: str, limit: int, now: datetime) -> list[Any]:
    """Claim up to ``limit`` due rows of ``target``, oldest first, skipping any row that has an earlier
    undelivered row of the same dossier not claimable now (order per dossier). Commits the claim."""
    rows = session.execute(
        select(outbox)
        .where(outbox.c.target == target, outbox.c.state == PENDING)
        .order_by(outbox.c.pk)
        .limit(limit * 10)
    ).all()
    picked, blocked = [], set()
    for row in rows:
        free = row.claimed_until is None or row.claimed_until < now
        if row.dossier_code in blocked or not free or row.next_attempt_at > now:
            blocked.add(row.dossier_code)
            continue
        picked.append(row.pk)
        if len(picked) >= limit:
            break
    if not picked:
        session.commit()
        return []
    token = uuid.uuid4().hex
    session.execute(
        update(outbox)
        .where(outbox.c.pk.in_(picked), or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now))
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS), claim_token=token)
    )
    session.commit()
    mine = session.execute(select(outbox).where(outbox.c.claim_token == token).order_by(outbox.c.pk)).all()
    session.commit()
    return list(mine)


def mark(session: Session, row: Any, now: datetime, *, error: str | None = None, final: bool = False) -> None:
    """Record the outcome of one send (delivered; retry later with backoff; or rejected for good)."""
    values: dict[str, Any] = {"claimed_until": None, "claim_token": None, "attempts": row.attempts + 1}
    if error is None:
        values.update(state=DELIVERED, delivered_at=now, last_error=None)
    elif final:
        values.update(state=REJECTED, last_error=error[:1000])
    else:
        wait = min(MAX_BACKOFF_SECONDS, 2 ** min(row.attempts + 1, 12))
        values.update(next_attempt_at=now + timedelta(seconds=wait), last_error=error[:1000])
    session.execute(update(outbox).where(and_(outbox.c.pk == row.pk)).values(**values))
    session.commit()


def release(session: Session, row: Any) -> None:
    session.execute(update(outbox).where(outbox.c.pk == row.pk).values(claimed_until=None, claim_token=None))
    session.commit()


def process(
    session: Session,
    target: str,
    limit: int,
    send: Callable[[Any], None],
    classify: Callable[[Exception], str | None],
    *,
    now: datetime | None = None,
) -> DeliveryReport:
    """Claim and send rows of ``target`` with ``send``; ``classify`` says what an exception means:
    ``"retry"``, ``"reject"`` (never retried) or ``None`` (not ours: re-raised after releasing)."""
    now = now or now_utc()
    report = DeliveryReport()
    blocked: set[str] = set()
    for row in claim(session, target, limit, now):
        if row.dossier_code in blocked:
            release(session, row)
            continue
        try:
            send(row)
        except Exception as exc:
            kind = classify(exc)
            if kind is None:
                release(session, row)
                raise
            mark(session, row, now, error=f"{type(exc).__name__}: {exc}", final=kind == "reject")
            report.errors.append(f"{row.dossier_code}: {exc}")
            if kind == "reject":
                report.rejected += 1
                log.warning("outbox_rejected", extra={"target": target, "dossier": row.dossier_code})
            else:
                report.retried += 1
                blocked.add(row.dossier_code)
            continue
        mark(session, row, now)
        report.delivered += 1
    return report


def deliver_outbox(session: Session, client: Any, limit: int = 100, *, now: datetime | None = None) -> DeliveryReport:
    """Send pending portal messages with ``client`` (a ``PortalClient``). ``session`` must not be in a
    transaction of the caller's: each claim and each outcome is committed on its own."""
    from yteso.integrations.portal import PortalRejected, PortalUnavailable

    def send(row: Any) -> None:
        p = row.payload
        if row.kind == "dossier":
            client.push_dossier(p)
        else:
            client.push_progress(
                p["MaHoSo"],
                p["TrangThai"],
                datetime.fromisoformat(p["ThoiDiemXuLy"]),
                p.get("NoiDungXuLy") or "",
                department=p.get("PhongBanXuLy"),
            )

    def classify(exc: Exception) -> str | None:
        if isinstance(exc, PortalRejected):
            return "reject"
        if isinstance(exc, PortalUnavailable):
            return "retry"
        return None

    return process(session, PORTAL, limit, send, classify, now=now)


def pending_counts(session: Session) -> dict[str, dict[str, int]]:
    """Rows per target and state (for ``yteso services outbox status``)."""
    from sqlalchemy import func

    out: dict[str, dict[str, int]] = {}
    for target, state, n in session.execute(
        select(outbox.c.target, outbox.c.state, func.count()).group_by(outbox.c.target, outbox.c.state)
    ):
        out.setdefault(target, {})[state] = n
    return out
