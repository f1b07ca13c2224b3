"""The officers' work queue: their unit's open dossiers, earliest due date first (overdue on top)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from yteso.services import service
from yteso.services.states import OPEN
from yteso.web.page import Page, PageRoute, page_of
from yteso.web.state import PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50


@router.get("/can-bo/hang-doi")
async def work_queue(
    status: str | None = None,
    overdue: bool = False,
    mine: bool = False,
    offset: int = Query(0, ge=0),
    page: Page = Depends(page_of),
) -> Response:
    """The queue as ``GET /api/services/queue`` gives it (officers only: 403 for anyone else)."""
    found = await page.as_user(
        lambda w: service.queue(
            w, status=status or None, overdue=True if overdue else None, mine=mine, limit=PAGE_SIZE, offset=offset
        )
    )
    return page.render(
        "queue.html",
        dossiers=found["items"],
        total=found["total"],
        status=status or "",
        overdue=overdue,
        mine=mine,
        offset=offset,
        page_size=PAGE_SIZE,
        statuses=sorted(s.value for s in OPEN),
    )
