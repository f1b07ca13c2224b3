"""Reconciliation with the national portal: does the portal hold every dossier, with our status?

Dossiers with messages still in the outbox are in flight and reported apart. With ``fix`` a
difference is repaired by queueing the full dossier again (the portal replaces it by ``MaHoSo``)
followed by its current status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.timez import now_utc
from yteso.services import outbox, workdays
from yteso.services.catalog import Procedure
from yteso.services.model import Dossier
from yteso.services.states import PORTAL_CODE, Status
from yteso.services.tables import dossier
from yteso.services.tables import outbox as outbox_table


@dataclass
class ReconcileReport:
    checked: int = 0
    in_flight: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    differing: list[tuple[str, int, int]] = field(default_factory=list)
    """(dossier code, our portal status, the portal's)."""
    fixed: int = 0

    @property
    def consistent(self) -> bool:
        return not self.missing and not self.differing


def reconcile(
    session: Session,
    client: Any,
    catalog: dict[str, Procedure],
    *,
    since: datetime | None = None,
    fix: bool = False,
    now: datetime | None = None,
) -> ReconcileReport:
    """Compare our dossiers (updated since ``since``) with the portal; queue repairs with ``fix``."""
    now = now or now_utc()
    report = ReconcileReport()
    with session.begin():
        stmt = select(dossier).order_by(dossier.c.pk)
        if since is not None:
            stmt = stmt.where(dossier.c.updated_at >= since)
        ours = [Dossier.from_row(r) for r in session.execute(stmt)]
        pending = set(
            session.execute(
                select(outbox_table.c.dossier_code).where(
                    outbox_table.c.target == outbox.PORTAL, outbox_table.c.state == outbox.PENDING
                )
            ).scalars()
        )
    broken: list[Dossier] = []
    for d in ours:
        report.checked += 1
        if d.code in pending:
            report.in_flight.append(d.code)
            continue
        remote = client.lookup(d.code)
        expected = PORTAL_CODE[Status(d.status)]
        if remote is None:
            report.missing.append(d.code)
            broken.append(d)
        elif int(remote.get("TrangThaiHoSo", 0)) != expected:
            report.differing.append((d.code, expected, int(remote.get("TrangThaiHoSo", 0))))
            broken.append(d)
    if fix and broken:
        with session.begin():
            cal = workdays.load(session)
            for d in broken:
                proc = catalog[d.procedure_code]
                outbox.enqueue_dossier(session, d, proc, now, cal=cal)
                outbox.enqueue_progress(session, d, proc, now, "Đồng bộ lại trạng thái hồ sơ")
                report.fixed += 1
    return report
