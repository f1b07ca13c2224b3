"""Pages of dossiers: the list, one dossier (its status, due date, history, documents, results and the
actions open to the visitor), the actions themselves, supplements, paying the fee, documents, and
the applicant's data store. Access is the services' (an applicant sees only their own dossiers)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from yteso.core.errors import DomainError
from yteso.core.request import audit_context, sessions_of
from yteso.services import access, documents, payment, service
from yteso.services.context import Work
from yteso.services.schemas import ActionIn
from yteso.web.fields import Upload, check_declared_size, posted_components, read_uploads
from yteso.web.page import Page, PageRoute, page_of
from yteso.web.state import PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 50


@router.get("/ho-so")
async def dossier_list(
    status: str | None = None, offset: int = Query(0, ge=0), page: Page = Depends(page_of)
) -> Response:
    """The applicant's dossiers (newest first), an officer's unit's (most urgent first), or all (admin)."""
    found = await page.as_user(
        lambda w: service.list_dossiers(w, status=status or None, limit=PAGE_SIZE, offset=offset)
    )
    return page.render(
        "dossiers.html",
        dossiers=found["items"],
        total=found["total"],
        status=status or "",
        offset=offset,
        page_size=PAGE_SIZE,
    )


@router.get("/ho-so/{code}")
async def dossier_page(
    code: str, fee_code: str | None = None, status: str | None = None, page: Page = Depends(page_of)
) -> Response:
    """One dossier as the services show it to the visitor (404 for another applicant's dossier)."""
    d = await page.as_user(lambda w: service.get_dossier(w, code))
    proc = service.get_procedure(page.web.runtime, d["procedure"]["code"])
    return page.render(
        "dossier.html",
        d=d,
        proc=proc,
        supplement=_supplement_request(d),
        back_from_payment=status if fee_code else None,
        labels=_labels(proc, page),
    )


def _supplement_request(d: dict[str, Any]) -> dict[str, Any] | None:
    """What the last supplement request asked for (components and reason), while it is open."""
    if d["status"] != "supplement_requested":
        return None
    asked = next((e for e in reversed(d["events"]) if e["action"] == "request_supplement"), None)
    data = (asked or {}).get("data") or {}
    return {
        "requirements": list(data.get("requirements") or []),
        "reason": (asked or {}).get("note"),
        "due_at": d["supplement"]["due_at"],
    }


def _labels(proc: dict[str, Any], page: Page) -> dict[str, Any]:
    """Names of the procedure's fields, components and steps in the page language."""
    return {
        "fields": {f["key"]: page.text(f["label"], f["label_en"]) for f in proc["form"]},
        "choices": {f["key"]: {c["code"]: c["label"] for c in f["choices"]} for f in proc["form"]},
        "types": {f["key"]: f["type"] for f in proc["form"]},
        "documents": {r["key"]: page.text(r["name"], r["name_en"]) for r in proc["documents"]},
        "steps": {s["id"]: page.text(s["name"], s["name_en"]) for s in proc["steps"]},
    }


def action_body(form: FormData) -> ActionIn:
    """The action's fields as posted (only those given)."""
    body: dict[str, Any] = {}
    for name in ("note", "reason", "officer", "comment", "new_due_date"):
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            body[name] = value.strip()
    requirements = [str(r) for r in form.getlist("requirements") if str(r)]
    if requirements:
        body["requirements"] = requirements
    rating = form.get("rating")
    if isinstance(rating, str) and rating.isdigit():
        body["rating"] = int(rating)
    return ActionIn(**body)


@router.post("/ho-so/{code}/thao-tac/{action}")
async def act(code: str, action: str, page: Page = Depends(page_of)) -> Response:
    """Any action of the state machine the visitor may do (the services decide: 403/409 otherwise)."""
    form = await page.form()
    try:
        body = action_body(form)
        await page.as_user(lambda w: service.act(w, code, action, body))
    except DomainError as exc:
        page.flash_error(exc)
    except ValueError as exc:  # pydantic: a field out of its bounds
        page.session.add_flash("error", str(exc).splitlines()[0], str(exc).splitlines()[0])
    else:
        page.flash("ok", "dossier.done", action=page.action_name(action))
    return page.redirect(f"{PREFIX}/ho-so/{code}")


@router.post("/ho-so/{code}/bo-sung")
async def supplement(code: str, page: Page = Depends(page_of)) -> Response:
    """The applicant's supplement: the files asked for (uploaded into their store) and a note."""
    rt = page.web.runtime
    page.caller()
    check_declared_size(page.request.headers.get("content-length"), 8, rt.config)
    form = await page.form()
    keys = posted_components(form)
    note = str(form.get("note") or "").strip() or None
    try:
        uploads = await read_uploads(form, keys, rt.config)
        await page.as_user(lambda w: _supplement(w, code, uploads, note))
    except DomainError as exc:
        page.flash_error(exc)
    else:
        page.flash("ok", "dossier.done", action=page.action_name("supplement"))
    return page.redirect(f"{PREFIX}/ho-so/{code}")


def _supplement(w: Work, code: str, uploads: list[Upload], note: str | None) -> Any:
    refs: dict[str, list[str]] = {}
    for up in uploads:
        doc = documents.upload(
            w.session,
            w.rt.config,
            w.actor,
            content=up.content,
            declared_type=up.media_type,
            filename=up.filename,
            doc_type=up.requirement,
            title=up.filename,
            now=w.now,
        )
        refs.setdefault(up.requirement, []).append(doc["id"])
    return service.act(w, code, "supplement", ActionIn(note=note, documents=refs or None))


@router.post("/ho-so/{code}/thanh-toan")
async def pay(code: str, page: Page = Depends(page_of)) -> Response:
    """Start (or resume) paying the fee online, then off to the gateway's pay page."""
    await page.form()
    caller = page.caller()
    rt, ctx, sessions = page.web.runtime, audit_context(page.request, caller), sessions_of(page.request)

    def run() -> dict[str, Any]:
        with sessions() as s:
            actor = access.actor_of(s, caller, ctx)
        return payment.start(sessions, rt, actor, code, f"{page.web.base_url}{PREFIX}/ho-so/{code}")

    try:
        started = await run_in_threadpool(run)
    except DomainError as exc:
        page.flash_error(exc)
        return page.redirect(f"{PREFIX}/ho-so/{code}")
    return page.redirect(str(started["pay_url"]))


@router.get("/giay-to/{doc_id}")
async def document(doc_id: str, page: Page = Depends(page_of)) -> Response:
    """A document's file, for its owner or an officer of a unit holding it (404 for anyone else)."""
    row = await page.as_user(lambda w: documents.fetch(w.session, w.actor, doc_id))
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(row.media_type, "bin")
    name = f"{(row.number or row.id).replace('/', '-')}.{extension}"
    return page.finish(
        Response(
            documents.content_of(row),
            media_type=row.media_type,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    )


@router.get("/kho-du-lieu")
async def data_store(page: Page = Depends(page_of)) -> Response:
    """The applicant's electronic data store (Kho dữ liệu điện tử)."""
    store = await page.as_user(lambda w: service.data_store(w))
    return page.render("store.html", documents=store["documents"])
