"""Officers of each unit and their positions (clerk, specialist, head, leader); edited by an admin."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from yteso.core.errors import NotFound
from yteso.services.tables import staff


def list_staff(session: Session, unit: str | None = None) -> list[dict[str, Any]]:
    stmt = select(staff).order_by(staff.c.unit_code, staff.c.subject)
    if unit:
        stmt = stmt.where(staff.c.unit_code == unit)
    return [
        {"subject": r.subject, "unit_code": r.unit_code, "positions": r.positions.split(","), "name": r.name}
        for r in session.execute(stmt)
    ]


def put_staff(session: Session, subject: str, unit_code: str, positions: list[str], name: str | None = None) -> None:
    """Add or replace an officer (the token subject) in a unit with these positions."""
    session.execute(delete(staff).where(staff.c.subject == subject))
    session.execute(
        insert(staff).values(
            subject=subject, unit_code=unit_code, positions=",".join(sorted(set(positions))), name=name
        )
    )


def remove_staff(session: Session, subject: str) -> None:
    if session.execute(delete(staff).where(staff.c.subject == subject)).rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound(f"No officer {subject!r}", f"Không có cán bộ {subject!r}")
