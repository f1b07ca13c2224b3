"""The managers' dashboard: the Decision 766/QĐ-TTg service indicators per unit and procedure, with
charts drawn on the server. Same figures and same access as ``GET /api/services/metrics``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from yteso.core.errors import Forbidden, Invalid
from yteso.core.request import in_transaction
from yteso.core.timez import now_utc
from yteso.services import metrics
from yteso.services.router_admin import DASHBOARD_ROLES
from yteso.services.workdays import vn_day
from yteso.web import charts
from yteso.web.page import Page, PageRoute, page_of
from yteso.web.render import percent
from yteso.web.state import PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
INDICATORS = (
    "on_time_rate",
    "online_rate",
    "digitisation_rate",
    "result_digitisation_rate",
    "reuse_rate",
    "prefill_rate",
    "online_payment_rate",
    "satisfaction_rate",
)
COUNTS = ("received", "finished", "in_process", "in_process_overdue")


@router.get("/bao-cao")
async def dashboard(
    start: date | None = Query(None, alias="from"),
    end: date | None = Query(None, alias="to"),
    group: str = Query("unit_procedure", pattern="^(unit|procedure|unit_procedure)$"),
    page: Page = Depends(page_of),
) -> Response:
    """Indicators over [from, to] (default: the last 30 days), for admins, analysts and officers."""
    caller = page.caller()
    if caller.role not in DASHBOARD_ROLES:
        raise Forbidden(
            "The dashboard is for managers, analysts and officers",
            "Trang báo cáo dành cho lãnh đạo, cán bộ thống kê và cán bộ",
        )
    now = now_utc()
    end = end or vn_day(now)
    start = start or end - timedelta(days=29)
    if start > end:
        raise Invalid("'from' is after 'to'", "Ngày bắt đầu sau ngày kết thúc")
    data = await in_transaction(
        page.request,
        lambda s: metrics.compute(s, start=start, end=end, now=now, group=group, unit=None, procedure=None),
    )
    names = _group_names(page, data["groups"])
    total, target = data["total"], data["prefill_target"]
    cards = [
        {
            "key": k,
            "value": total[k],
            "chart": charts.meter(
                total[k], page.t(f"ind.{k}"), _pct(page, total[k]), target if k == "prefill_rate" else None
            ),
            "target": target if k == "prefill_rate" else None,
        }
        for k in INDICATORS
    ]
    on_time = charts.rate_bars(
        [(n, g["on_time_rate"]) for n, g in zip(names, data["groups"], strict=True)],
        page.t("ind.on_time_rate"),
        lambda v: _pct(page, v),
    )
    counts = charts.count_bars(
        [(n, [g["counts"][c] for c in COUNTS]) for n, g in zip(names, data["groups"], strict=True)],
        [page.t(f"count.{c}") for c in COUNTS],
        page.t("dash.counts"),
    )
    return page.render(
        "dashboard.html",
        data=data,
        cards=cards,
        names=names,
        on_time_chart=on_time,
        counts_chart=counts,
        indicators=INDICATORS,
        counts=COUNTS,
        start=start,
        end=end,
        group=group,
        mean_rating=total["mean_rating"],
    )


def _pct(page: Page, value: float | None) -> str:
    return percent(value, page.lang) if value is not None else page.t("dash.no_data")


def _group_names(page: Page, groups: list[dict[str, Any]]) -> list[str]:
    """Each group's name: the unit's and the procedure's names from the catalog (codes if unknown)."""
    catalog = page.web.runtime.catalog
    units = {p.unit.code: p.unit.name for p in catalog.values()}
    out = []
    for g in groups:
        parts = []
        if "unit_code" in g:
            parts.append(units.get(g["unit_code"], g["unit_code"]))
        if "procedure_code" in g:
            proc = catalog.get(g["procedure_code"])
            parts.append(page.text(proc.name, proc.name_en) if proc else g["procedure_code"])
        out.append(" — ".join(parts))
    return out
