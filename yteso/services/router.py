"""HTTP routes of the administrative-procedure system under ``/api/services`` (HTTP only: parse, call
one service function in the request's transaction, shape the answer). Contract: docs/services.md."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from yteso.core.http import JsonResponse
from yteso.core.request import audit_context, caller_of, in_transaction, sessions_of
from yteso.services import access, documents, payment, prefill, results, service, states, worker
from yteso.services.documents import Owner
from yteso.services.router_admin import admin_router
from yteso.services.routing import as_caller, runtime_of
from yteso.services.schemas import ActionIn, SubmitIn

router = APIRouter(prefix="/api/services", tags=["services"], lifespan=worker.lifespan)
router.include_router(admin_router)


# --- procedures (public) -------------------------------------------------------------------------


@router.get("/procedures")
def procedures(request: Request, applicant: str | None = Query(None, pattern="^(citizen|business)$")) -> Any:
    """The procedures on offer (thủ tục hành chính), optionally for citizens or businesses only."""
    return {"procedures": service.list_procedures(runtime_of(request), applicant=applicant)}


@router.get("/procedures/{code}")
def procedure(request: Request, code: str) -> Any:
    """One procedure: form fields and rules, documents, fee, time limit, steps, result."""
    return service.get_procedure(runtime_of(request), code)


@router.get("/states")
def state_machine() -> Any:
    """The dossier state machine as a table (action, from, to, who)."""
    return {"transitions": states.table(), "portal_codes": {s.value: c for s, c in states.PORTAL_CODE.items()}}


@router.get("/procedures/{code}/prefill")
async def procedure_prefill(request: Request, code: str) -> Any:
    """Values and stored documents offered to the caller for a new dossier (population DB, business
    registry, data store)."""
    caller = caller_of(request)
    fresh, sources = await run_in_threadpool(prefill.national_data, runtime_of(request), caller)
    return await as_caller(request, lambda w: prefill.prefill(w, code, fresh, sources))


# --- dossiers ------------------------------------------------------------------------------------


@router.post("/dossiers", status_code=201)
async def submit(request: Request, body: SubmitIn) -> Any:
    """File a dossier → its ``code``, ``status`` and ``due_at`` (set once received)."""
    return JsonResponse(await as_caller(request, lambda w: service.submit(w, body)), status_code=201)


@router.get("/dossiers")
async def dossiers(
    request: Request, status: str | None = None, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
) -> Any:
    """The caller's dossiers (applicant), the unit's (officer), or all (admin)."""
    return await as_caller(request, lambda w: service.list_dossiers(w, status=status, limit=limit, offset=offset))


@router.get("/dossiers/{code}")
async def dossier(request: Request, code: str) -> Any:
    """One dossier with its history, documents, payments, and the actions open to the caller."""
    return await as_caller(request, lambda w: service.get_dossier(w, code))


@router.post("/dossiers/{code}/actions/{action}")
async def act(request: Request, code: str, action: str, body: ActionIn | None = None) -> Any:
    """An officer's or applicant's action (see ``GET /api/services/states``); 409 when not allowed now."""
    return await as_caller(request, lambda w: service.act(w, code, action, body or ActionIn()))


@router.post("/dossiers/{code}/payment")
async def start_payment(request: Request, code: str, return_url: str | None = None) -> Any:
    """Start (or resume) paying the fee online: the fee identifier and the gateway's ``pay_url``."""
    caller = caller_of(request)
    rt, ctx, sessions = runtime_of(request), audit_context(request, caller), sessions_of(request)

    def run() -> dict[str, Any]:
        with sessions() as s:
            actor = access.actor_of(s, caller, ctx)
        return payment.start(sessions, rt, actor, code, return_url)

    return await run_in_threadpool(run)


@router.post("/payments/callback")
async def payment_callback(request: Request) -> Any:
    """The gateway's signed callback (idempotent; a tampered one is refused with 400)."""
    from yteso.integrations.payments import SIGNATURE_HEADER

    body, signature = await request.body(), request.headers.get(SIGNATURE_HEADER)
    rt = runtime_of(request)
    return await in_transaction(request, lambda s: payment.callback(s, rt, body, signature))


@router.get("/queue")
async def queue(
    request: Request,
    step: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    mine: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> Any:
    """The officer's unit queue, earliest due date first."""
    return await as_caller(
        request,
        lambda w: service.queue(w, step=step, status=status, overdue=overdue, mine=mine, limit=limit, offset=offset),
    )


# --- documents and the data store ----------------------------------------------------------------


@router.post("/documents", status_code=201)
async def upload(
    request: Request,
    file: UploadFile = File(...),
    doc_type: str = Form(...),
    title: str | None = Form(None),
    applicant_kind: str | None = Form(None),
    applicant_id: str | None = Form(None),
) -> Any:
    """Upload a document into the caller's data store (a clerk: into the named applicant's)."""
    rt = runtime_of(request)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > rt.config.max_upload_bytes + 64 * 1024:
        documents.check_size(int(declared), rt.config)
    content = await file.read(rt.config.max_upload_bytes + 1)
    documents.check_size(len(content), rt.config)
    owner = Owner(applicant_kind, applicant_id) if applicant_kind and applicant_id else None
    return JsonResponse(
        await as_caller(
            request,
            lambda w: documents.upload(
                w.session,
                rt.config,
                w.actor,
                content=content,
                declared_type=file.content_type,
                filename=file.filename,
                doc_type=doc_type,
                title=title,
                now=w.now,
                for_owner=owner,
            ),
        ),
        status_code=201,
    )


@router.get("/documents/{doc_id}")
async def document_info(request: Request, doc_id: str) -> Any:
    return await as_caller(request, lambda w: documents.describe(documents.fetch(w.session, w.actor, doc_id)))


@router.get("/documents/{doc_id}/content")
async def document_content(request: Request, doc_id: str) -> Response:
    row = await as_caller(request, lambda w: documents.fetch(w.session, w.actor, doc_id))
    return Response(
        documents.content_of(row),
        media_type=row.media_type,
        headers={"Content-Disposition": f'inline; filename="{row.id}"'},
    )


@router.get("/store")
async def data_store(request: Request, doc_type: str | None = None) -> Any:
    """The caller's electronic data store (Kho dữ liệu điện tử)."""
    return await as_caller(request, lambda w: service.data_store(w, doc_type))


# --- public verification -------------------------------------------------------------------------


@router.get("/verify/{doc_id}")
async def verify_code(request: Request, doc_id: str) -> Any:
    """What was issued under this code (from the QR code of a result)."""
    return await in_transaction(request, lambda s: results.public_record(s, doc_id))


@router.post("/verify")
async def verify_file(request: Request) -> Any:
    """Is this PDF (the request body) a genuine and unchanged result of ours?"""
    rt = runtime_of(request)
    pdf = await request.body()
    documents.check_size(len(pdf), rt.config)
    return await in_transaction(request, lambda s: results.verify_file(s, rt, pdf))
