"""HTTP routes of the master patient index: ``POST /fhir/Patient/$match`` and ``/api/mpi/...``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from yteso.core.http import FhirResponse, JsonResponse, read_json
from yteso.core.request import audit_context, caller_of, in_transaction, settings_of
from yteso.identity.mpi import service
from yteso.identity.mpi.schemas import MergeRequest, ReviewDecision, UnmergeRequest

router = APIRouter(tags=["MPI"])


@router.post("/fhir/Patient/$match")
async def patient_match(request: Request) -> FhirResponse:
    """FHIR ``Patient/$match``: a Parameters resource in, a searchset Bundle out (scores, match grades)."""
    caller = caller_of(request)
    settings = settings_of(request)
    body = await read_json(request, settings.max_body_bytes)
    base = f"{str(request.base_url).rstrip('/')}/fhir"
    actor = audit_context(request, caller)

    def work(session: Session) -> dict[str, Any]:
        return service.match(session, settings, caller, actor, body, base)

    return FhirResponse(await in_transaction(request, work))


@router.post("/api/mpi/link")
async def link(request: Request) -> JsonResponse:
    """Link an incoming Patient to the person it is, or register it (band ``link``/``review``/``no_link``)."""
    caller = caller_of(request)
    settings = settings_of(request)
    body = await read_json(request, settings.max_body_bytes)
    actor = audit_context(request, caller)
    return JsonResponse(await in_transaction(request, lambda s: service.link(s, settings, caller, actor, body)))


@router.get("/api/mpi/reviews")
async def list_reviews(request: Request, status: str = "pending", limit: int = 50, offset: int = 0) -> JsonResponse:
    """Review items (possible duplicates) for an operator, oldest first."""
    caller = caller_of(request)
    actor = audit_context(request, caller)
    return JsonResponse(
        await in_transaction(
            request, lambda s: service.list_reviews(s, caller, actor, status=status, limit=limit, offset=offset)
        )
    )


@router.post("/api/mpi/reviews")
async def decide_review(decision: ReviewDecision, request: Request) -> JsonResponse:
    """Decide one review item: ``link`` (merge the new record into the candidate) or ``no-link``."""
    caller = caller_of(request)
    settings = settings_of(request)
    actor = audit_context(request, caller)
    return JsonResponse(
        await in_transaction(
            request,
            lambda s: service.decide_review(
                s, settings, caller, actor, decision.review_id, decision.decision, decision.note
            ),
        )
    )


@router.post("/api/mpi/merge")
async def merge(body: MergeRequest, request: Request) -> JsonResponse:
    """Merge a duplicate Patient into the survivor (admin)."""
    caller = caller_of(request)
    settings = settings_of(request)
    actor = audit_context(request, caller)
    return JsonResponse(
        await in_transaction(
            request, lambda s: service.merge_patients(s, settings, caller, actor, body.source, body.target, body.reason)
        )
    )


@router.post("/api/mpi/unmerge")
async def unmerge(body: UnmergeRequest, request: Request) -> JsonResponse:
    """Undo a merge exactly (admin)."""
    caller = caller_of(request)
    settings = settings_of(request)
    actor = audit_context(request, caller)
    return JsonResponse(
        await in_transaction(
            request,
            lambda s: service.unmerge_patients(s, settings, caller, actor, merge_id=body.merge_id, source=body.source),
        )
    )
