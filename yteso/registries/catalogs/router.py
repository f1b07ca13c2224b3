"""HTTP routes of the terminology operations under ``/fhir`` (included before the generic FHIR routes,
so ``/fhir/CodeSystem/$lookup`` is not taken for a read of id ``$lookup``). Every route needs a
bearer token, like the rest of ``/fhir`` except ``metadata``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from yteso.core.http import FhirResponse, read_json
from yteso.core.request import audit_context, caller_of, in_transaction, settings_of
from yteso.fhir.access import AccessPolicy
from yteso.fhir.repository import FhirRepository
from yteso.fhir.service import FhirContext
from yteso.registries.catalogs import service
from yteso.registries.catalogs.schemas import OpParams

router = APIRouter(prefix="/fhir", tags=["FHIR R4 terminology"])

Work = Callable[[Session, FhirContext, OpParams], dict[str, Any]]


async def _run(request: Request, res_type: str, work: Work) -> FhirResponse:
    caller = caller_of(request)
    caller.require_scope(res_type, write=False)
    settings = settings_of(request)
    body = None
    if request.method == "POST":
        body = await read_json(request, settings.max_body_bytes)
    params = OpParams.parse(list(request.query_params.multi_items()), body)
    base = f"{str(request.base_url).rstrip('/')}/fhir"

    def _work(session: Session) -> dict[str, Any]:
        repo = FhirRepository(session, AccessPolicy.for_caller(session, caller), audit_context(request, caller))
        return work(session, FhirContext(repo, settings, request_base=base), params)

    return FhirResponse(await in_transaction(request, _work))


@router.get("/CodeSystem/$lookup")
@router.post("/CodeSystem/$lookup")
async def codesystem_lookup(request: Request) -> FhirResponse:
    """Details of a code: display, designations (English name), properties."""
    return await _run(request, "CodeSystem", service.lookup)


@router.get("/CodeSystem/$validate-code")
@router.post("/CodeSystem/$validate-code")
async def codesystem_validate_code(request: Request) -> FhirResponse:
    """Is the code in the code system (``url``), with that ``display``?"""
    return await _run(request, "CodeSystem", service.validate_code_cs)


@router.get("/ValueSet/$validate-code")
@router.post("/ValueSet/$validate-code")
async def valueset_validate_code(request: Request) -> FhirResponse:
    """Is the code (``system``, ``code``, ``display`` or ``coding``) in the value set ``url``?"""
    return await _run(request, "ValueSet", service.validate_code_vs)


@router.get("/ValueSet/$expand")
@router.post("/ValueSet/$expand")
async def valueset_expand(request: Request) -> FhirResponse:
    """The codes of value set ``url``, filtered (diacritic-insensitive) and paged (``count``, ``offset``)."""
    return await _run(request, "ValueSet", service.expand)


@router.get("/ValueSet/{res_id}/$expand")
@router.post("/ValueSet/{res_id}/$expand")
async def valueset_instance_expand(res_id: str, request: Request) -> FhirResponse:
    def work(session: Session, ctx: FhirContext, params: OpParams) -> dict[str, Any]:
        return service.expand(session, ctx, params, url=_url_of(ctx, res_id))

    return await _run(request, "ValueSet", work)


@router.get("/ValueSet/{res_id}/$validate-code")
@router.post("/ValueSet/{res_id}/$validate-code")
async def valueset_instance_validate_code(res_id: str, request: Request) -> FhirResponse:
    def work(session: Session, ctx: FhirContext, params: OpParams) -> dict[str, Any]:
        return service.validate_code_vs(session, ctx, params, url=_url_of(ctx, res_id))

    return await _run(request, "ValueSet", work)


def _url_of(ctx: FhirContext, res_id: str) -> str:
    stored = ctx.repo.read("ValueSet", res_id)
    return str((stored.body or {}).get("url"))
