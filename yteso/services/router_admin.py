"""Routes for operators and dashboards: Decision 766 indicators, the holiday table, unit staff, and
the business login exchange (``/api/services/...``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from yteso.core.errors import Forbidden, Invalid, Issue
from yteso.core.request import caller_of, in_transaction
from yteso.core.timez import now_utc
from yteso.services import holidays, metrics, prefill, staff
from yteso.services.routing import runtime_of
from yteso.services.schemas import BusinessLoginIn, HolidayIn, StaffIn
from yteso.services.workdays import vn_day

admin_router = APIRouter()
DASHBOARD_ROLES = ("admin", "analyst", "officer")


def _require(request: Request, *roles: str) -> None:
    caller = caller_of(request)
    if caller.role not in roles:
        needed = " or ".join(roles)
        raise Forbidden(f"This needs the role {needed}", f"Chức năng này cần vai trò {needed}")


@admin_router.get("/metrics")
async def indicators(
    request: Request,
    start: date | None = Query(None, alias="from"),
    end: date | None = Query(None, alias="to"),
    group: str = Query("unit_procedure", pattern="^(unit|procedure|unit_procedure)$"),
    unit: str | None = None,
    procedure: str | None = None,
) -> Any:
    """Decision 766 indicators per unit and procedure over [from, to] (default: the last 30 days)."""
    _require(request, *DASHBOARD_ROLES)
    now = now_utc()
    end = end or vn_day(now)
    start = start or end - timedelta(days=29)
    if start > end:
        raise Invalid(
            "'from' is after 'to'",
            "'from' sau 'to'",
            issues=[Issue("bad period", "khoảng thời gian sai", expression="from", rule="metrics.period")],
        )
    return await in_transaction(
        request,
        lambda s: metrics.compute(s, start=start, end=end, now=now, group=group, unit=unit, procedure=procedure),
    )


@admin_router.get("/holidays")
async def holiday_list(request: Request, year: int | None = Query(None, ge=1900, le=2200)) -> Any:
    """The holiday table (public): days off and weekend days declared working."""
    return {"days": [h.as_json() for h in await in_transaction(request, lambda s: holidays.list_days(s, year))]}


@admin_router.post("/holidays", status_code=201)
async def holiday_add(request: Request, body: HolidayIn) -> Any:
    _require(request, "admin")
    day = await in_transaction(request, lambda s: holidays.add_day(s, body.day, body.name, is_working=body.is_working))
    return day.as_json()


@admin_router.delete("/holidays/{day}", status_code=204)
async def holiday_remove(request: Request, day: date) -> None:
    _require(request, "admin")
    await in_transaction(request, lambda s: holidays.remove_day(s, day))


@admin_router.get("/staff")
async def staff_list(request: Request, unit: str | None = None) -> Any:
    _require(request, "admin")
    return {"staff": await in_transaction(request, lambda s: staff.list_staff(s, unit))}


@admin_router.put("/staff/{subject}")
async def staff_put(request: Request, subject: str, body: StaffIn) -> Any:
    _require(request, "admin")
    await in_transaction(
        request, lambda s: staff.put_staff(s, subject, body.unit_code, list(body.positions), body.name)
    )
    return {"subject": subject, "unit_code": body.unit_code, "positions": sorted(set(body.positions))}


@admin_router.delete("/staff/{subject}", status_code=204)
async def staff_remove(request: Request, subject: str) -> None:
    _require(request, "admin")
    await in_transaction(request, lambda s: staff.remove_staff(s, subject))


@admin_router.post("/auth/business")
async def business_login(request: Request, body: BusinessLoginIn) -> Any:
    """A citizen logged in with VNeID gets a token acting for an enterprise they legally represent."""
    caller = caller_of(request)
    return await run_in_threadpool(prefill.business_login, runtime_of(request), caller, body.enterprise_code)
