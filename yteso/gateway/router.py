"""HTTP routes of the health-data gateway (cổng tiếp nhận dữ liệu)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from yteso.core.errors import Forbidden
from yteso.core.http import JsonResponse, read_body
from yteso.core.request import caller_of, in_transaction, settings_of
from yteso.gateway import service

router = APIRouter(prefix="/gateway", tags=["gateway"])
_XML_TYPES = ("application/xml", "text/xml", "application/octet-stream", "")


@router.post("/xml", status_code=202)
async def receive_xml(request: Request) -> JsonResponse:
    """Receive one GIAMDINHHS envelope; 202 with the receipt, dossiers processed asynchronously."""
    caller = caller_of(request)
    if caller.role != "facility" and not caller.is_admin:
        raise Forbidden(
            "Only a facility (or an operator) sends claims XML", "Chỉ cơ sở KCB (hoặc quản trị) được gửi hồ sơ XML"
        )
    settings = settings_of(request)
    body = await read_body(
        request,
        settings.gateway_max_bytes,
        media_types=_XML_TYPES,
        expected="the GIAMDINHHS document as application/xml",
    )
    facility = None if caller.is_admin else caller.facility

    def work(session: Session) -> service.Received:
        return service.receive(
            session,
            body,
            facility=facility,
            source_kind="http",
            sender=caller.subject,
            max_bytes=settings.gateway_max_bytes,
        )

    received = await in_transaction(request, work)
    request.app.state.gateway_queue.publish(received.queued)
    return JsonResponse(service.receipt_view(received), status_code=202)


@router.get("/receipts/{receipt_id}")
async def get_receipt(receipt_id: str, request: Request) -> JsonResponse:
    caller = caller_of(request)
    return JsonResponse(await in_transaction(request, lambda s: service.read_receipt(s, caller, receipt_id)))


@router.get("/stats")
async def get_stats(
    request: Request,
    facility: str | None = None,
    date_from: date | None = Query(None),
    date_to: date | None = Query(None),
) -> JsonResponse:
    """Per facility and day: received, accepted, rejected, top error rules."""
    caller = caller_of(request)

    def work(session: Session) -> list[dict[str, Any]]:
        return service.stats(session, caller, facility=facility, day_from=date_from, day_to=date_to)

    return JsonResponse({"stats": await in_transaction(request, work)})
