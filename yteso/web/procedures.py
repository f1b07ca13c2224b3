"""Pages of the procedures: the list (public), one procedure (public), and applying online with the
fields prefilled from national data and the data store, and the documents uploaded or reused."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from yteso.core.errors import DomainError, Invalid, TooLarge, UnsupportedMediaType
from yteso.core.text import fold
from yteso.services import documents, prefill, service
from yteso.services.context import Work
from yteso.services.schemas import SubmitIn
from yteso.web.fields import FieldErrors, Upload, check_declared_size, form_values, read_uploads
from yteso.web.page import Page, PageRoute, page_of
from yteso.web.state import PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
SHOWN_AS_REFUSAL = (Invalid, UnsupportedMediaType, TooLarge)
"""Errors that send the applicant back to the form with the problems marked (422, 415, 413)."""


@router.get("/")
async def procedure_list(q: str | None = None, applicant: str | None = None, page: Page = Depends(page_of)) -> Response:
    """The procedures on offer, searchable without diacritics (``q=chung chi hanh nghe``)."""
    procs = service.list_procedures(
        page.web.runtime, applicant=applicant if applicant in ("citizen", "business") else None
    )
    if q and q.strip():
        needle = fold(q)
        procs = [p for p in procs if needle in fold(f"{p['code']} {p['name']} {p['name_en']} {p['field']}")]
    return page.render("procedures.html", procedures=procs, q=q or "", applicant=applicant or "")


@router.get("/thu-tuc/{code}")
async def procedure_page(code: str, page: Page = Depends(page_of)) -> Response:
    return page.render("procedure.html", proc=service.get_procedure(page.web.runtime, code))


@router.get("/thu-tuc/{code}/nop-ho-so")
async def submit_form(code: str, page: Page = Depends(page_of)) -> Response:
    """The application form, filled in with what the population database, the business registry and
    the applicant's earlier dossiers already say (the same offer as ``GET .../prefill``)."""
    caller = page.caller()
    rt = page.web.runtime
    proc = service.get_procedure(rt, code)
    fresh, sources = await run_in_threadpool(prefill.national_data, rt, caller)
    offer = await page.as_user(lambda w: prefill.prefill(w, code, fresh, sources))
    values = {k: v["value"] for k, v in offer["values"].items()}
    origin = {k: str(v["source"]).split(".")[0] for k, v in offer["values"].items()}
    return page.render(
        "submit.html",
        proc=proc,
        values=values,
        origin=origin,
        candidates=offer["documents"],
        chosen={},
        errors=FieldErrors(),
        prefilled=bool(values),
    )


@router.post("/thu-tuc/{code}/nop-ho-so")
async def submit(code: str, page: Page = Depends(page_of)) -> Response:
    """File the dossier: uploads and submission in one transaction (all kept, or nothing)."""
    rt = page.web.runtime
    page.caller()
    proc = rt.procedure(code)
    check_declared_size(page.request.headers.get("content-length"), len(proc.documents), rt.config)
    form = await page.form()
    values = form_values(proc, form)
    keys = [r.key for r in proc.documents if not r.provided_by]
    reuse = {k: str(form.get(f"reuse_{k}") or "") for k in keys}
    try:
        uploads = await read_uploads(form, keys, rt.config)
        d = await page.as_user(lambda w: _file(w, code, values, uploads, reuse))
    except SHOWN_AS_REFUSAL as exc:
        return await _form_again(page, code, values, reuse, exc)
    page.flash("ok", "submit.sent", code=d["code"])
    return page.redirect(f"{PREFIX}/ho-so/{d['code']}")


def _file(w: Work, code: str, values: dict[str, Any], uploads: list[Upload], reuse: dict[str, str]) -> Any:
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
    for key, doc_id in reuse.items():
        if doc_id and key not in refs:
            refs[key] = [doc_id]
    return service.submit(w, SubmitIn(procedure=code, form=values, documents=refs))


async def _form_again(
    page: Page, code: str, values: dict[str, Any], reuse: dict[str, str], exc: DomainError
) -> Response:
    """The form with what was typed and each problem beside its field (files must be chosen again)."""
    proc = service.get_procedure(page.web.runtime, code)
    candidates = await page.as_user(lambda w: service.reusable(w, code))
    return page.render(
        "submit.html",
        http_status=exc.status,
        proc=proc,
        values=values,
        origin={},
        candidates=candidates,
        chosen=reuse,
        errors=FieldErrors.of(exc, page.lang),
        prefilled=False,
    )
