"""HTTP routes of the FHIR R4 REST API (``/fhir``): parse, call the service, shape the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from yteso.core.http import FhirResponse, read_json
from yteso.core.request import audit_context, caller_of, in_transaction, settings_of
from yteso.core.timez import fhir_instant
from yteso.fhir import bundles, service
from yteso.fhir.access import AccessPolicy
from yteso.fhir.capability import capability_statement
from yteso.fhir.operations.everything import everything
from yteso.fhir.repository import FhirRepository, Stored

router = APIRouter(prefix="/fhir", tags=["FHIR R4"])

_NOT_SEARCH = {"purpose"}


async def _run(request: Request, work: Callable[[service.FhirContext], Any]) -> Any:
    caller = caller_of(request)
    settings = settings_of(request)
    prefer = request.headers.get("prefer", "").replace(" ", "")
    strict = "handling=strict" in prefer
    minimal = "return=minimal" in prefer
    base = f"{str(request.base_url).rstrip('/')}/fhir"

    def _work(session: Session) -> Any:
        policy = AccessPolicy.for_caller(session, caller)
        repo = FhirRepository(session, policy, audit_context(request, caller))
        return work(service.FhirContext(repo, settings, strict, base, minimal))

    return await in_transaction(request, _work)


def _params(request: Request) -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.query_params.multi_items() if k not in _NOT_SEARCH]


def _resource_response(stored: Stored, status: int = 200, *, location: bool = False) -> FhirResponse:
    headers = {"ETag": stored.etag, "Last-Modified": fhir_instant(stored.last_updated)}
    if location:
        headers["Location"] = f"{stored.res_type}/{stored.res_id}/_history/{stored.version}"
    return FhirResponse(stored.body, status_code=status, headers=headers)


@router.get("/metadata")
def metadata() -> FhirResponse:
    """CapabilityStatement (open, no token needed)."""
    return FhirResponse(capability_statement())


@router.post("")
async def transaction_or_batch(request: Request) -> FhirResponse:
    body = await read_json(request, settings_of(request).max_body_bytes)
    return FhirResponse(await _run(request, lambda ctx: bundles.process(ctx, body)))


@router.get("/_history")
async def system_history(request: Request) -> FhirResponse:
    params = _params(request)
    return FhirResponse(await _run(request, lambda ctx: service.history(ctx, None, None, params)))


@router.get("/{res_type}")
async def search(res_type: str, request: Request) -> FhirResponse:
    params = _params(request)
    return FhirResponse(await _run(request, lambda ctx: service.search(ctx, res_type, params)))


@router.post("/{res_type}/_search")
async def search_post(res_type: str, request: Request) -> FhirResponse:
    ctype = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" not in ctype and (await request.body()).strip():
        from yteso.core.errors import UnsupportedMediaType

        raise UnsupportedMediaType(
            "POST _search takes application/x-www-form-urlencoded", "POST _search cần application/x-www-form-urlencoded"
        )
    form = parse_qsl((await request.body()).decode(), keep_blank_values=True)
    params = _params(request) + [(k, v) for k, v in form if k not in _NOT_SEARCH]
    return FhirResponse(await _run(request, lambda ctx: service.search(ctx, res_type, params)))


@router.post("/{res_type}")
async def create(res_type: str, request: Request) -> Response:
    body = await read_json(request, settings_of(request).max_body_bytes)
    if_none = request.headers.get("if-none-exist")
    stored = await _run(request, lambda ctx: service.create(ctx, res_type, body, if_none_exist=if_none))
    return _resource_response(stored, 201 if stored.created else 200, location=True)


@router.put("/{res_type}")
async def conditional_update(res_type: str, request: Request) -> Response:
    body = await read_json(request, settings_of(request).max_body_bytes)
    criteria = str(request.url.query)
    stored = await _run(request, lambda ctx: service.conditional_update(ctx, res_type, criteria, body))
    return _resource_response(stored, 201 if stored.created else 200, location=stored.created)


@router.get("/{res_type}/_history")
async def type_history(res_type: str, request: Request) -> FhirResponse:
    params = _params(request)
    return FhirResponse(await _run(request, lambda ctx: service.history(ctx, res_type, None, params)))


@router.get("/Patient/{res_id}/$everything")
@router.post("/Patient/{res_id}/$everything")
async def patient_everything(res_id: str, request: Request) -> FhirResponse:
    params = _params(request)
    return FhirResponse(await _run(request, lambda ctx: everything(ctx, res_id, params)))


@router.get("/{res_type}/{res_id}")
async def read(res_type: str, res_id: str, request: Request) -> Response:
    def work(ctx: service.FhirContext) -> Stored:
        service.check_type(res_type)
        return ctx.repo.read(res_type, res_id)

    return _resource_response(await _run(request, work))


@router.put("/{res_type}/{res_id}")
async def update(res_type: str, res_id: str, request: Request) -> Response:
    body = await read_json(request, settings_of(request).max_body_bytes)
    if_match = request.headers.get("if-match")
    stored = await _run(request, lambda ctx: service.update(ctx, res_type, res_id, body, if_match=if_match))
    return _resource_response(stored, 201 if stored.created else 200, location=stored.created)


@router.delete("/{res_type}/{res_id}")
async def delete(res_type: str, res_id: str, request: Request) -> Response:
    await _run(request, lambda ctx: service.delete(ctx, res_type, res_id))
    return Response(status_code=204)


@router.get("/{res_type}/{res_id}/_history")
async def instance_history(res_type: str, res_id: str, request: Request) -> FhirResponse:
    params = _params(request)
    return FhirResponse(await _run(request, lambda ctx: service.history(ctx, res_type, res_id, params)))


@router.get("/{res_type}/{res_id}/_history/{version}")
async def vread(res_type: str, res_id: str, version: int, request: Request) -> Response:
    def work(ctx: service.FhirContext) -> Stored:
        service.check_type(res_type)
        return ctx.repo.vread(res_type, res_id, version)

    return _resource_response(await _run(request, work))
