"""The public verification page (the URL in the QR code of every result): what was issued under a
code, and whether a PDF is a genuine, unchanged result of ours. No login needed; the holder's ID is
masked by the services."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from yteso.core.errors import NotFound
from yteso.core.request import in_transaction
from yteso.services import documents, results
from yteso.web.page import Page, PageRoute, page_of
from yteso.web.state import PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
aliases = APIRouter(include_in_schema=False)
"""The addresses the services print (QR code ``/services/verify/{id}``, payment return
``/services/dossiers/{code}``), sent on to the Vietnamese pages."""


@router.get("/xac-thuc")
async def verify_home(code: str | None = None, page: Page = Depends(page_of)) -> Response:
    if code and code.strip():
        return page.redirect(f"{PREFIX}/xac-thuc/{quote(code.strip(), safe='')}")
    return page.render("verify.html", record=None, checked=None, not_found=False, code="")


@router.get("/xac-thuc/{doc_id}")
async def verify_code(doc_id: str, page: Page = Depends(page_of)) -> Response:
    """What was issued under this code: title, number, issuer, dates, the holder's masked ID."""
    try:
        record = await in_transaction(page.request, lambda s: results.public_record(s, doc_id))
    except NotFound:
        return page.render("verify.html", http_status=404, record=None, checked=None, not_found=True, code=doc_id)
    return page.render(
        "verify.html", record=record, checked=None, not_found=False, code=doc_id, in_force=_in_force(record)
    )


@router.post("/xac-thuc")
async def verify_upload(page: Page = Depends(page_of)) -> Response:
    """Is the uploaded PDF genuine (our CA's signature over the whole file) and issued by us?"""
    rt = page.web.runtime
    form = await page.form()
    item = form.get("file")
    pdf = await item.read(rt.config.max_upload_bytes + 1) if isinstance(item, UploadFile) else b""
    documents.check_size(len(pdf), rt.config)
    checked = await in_transaction(page.request, lambda s: results.verify_file(s, rt, pdf))
    record = checked.get("issued")
    return page.render(
        "verify.html",
        record=record,
        checked=checked,
        not_found=False,
        code=record["id"] if record else "",
        in_force=_in_force(record) if record else None,
    )


def _in_force(record: dict[str, Any]) -> bool:
    until = record.get("valid_until")
    return until is None or until >= datetime.now(UTC).replace(tzinfo=None)


@aliases.get("/services/verify/{doc_id}")
async def qr_alias(doc_id: str) -> Response:
    return RedirectResponse(f"{PREFIX}/xac-thuc/{quote(doc_id, safe='')}", status_code=307)


@aliases.get("/services/dossiers/{code}")
async def dossier_alias(code: str, request: Request) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{PREFIX}/ho-so/{quote(code, safe='')}{query}", status_code=307)
