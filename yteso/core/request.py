"""Per-request plumbing: who calls (token), why (purpose), and the request's one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from yteso.core.audit import AuditContext
from yteso.core.auth import Caller, TokenVerifier
from yteso.core.errors import DomainError
from yteso.settings import Settings

T = TypeVar("T")


def caller_of(request: Request) -> Caller:
    """The authenticated caller, with the declared purpose of use (``purpose`` or ``X-Purpose-Of-Use``)."""
    verifier: TokenVerifier = request.app.state.verifier
    caller = verifier.caller(request.headers.get("authorization"))
    purpose = request.headers.get("x-purpose-of-use") or request.query_params.get("purpose")
    return caller.with_purpose(purpose)


def audit_context(request: Request, caller: Caller) -> AuditContext:
    return AuditContext(
        agent=caller.subject,
        role=caller.role,
        facility=caller.facility,
        purpose=caller.purpose,
        client_address=request.client.host if request.client else None,
        request_id=request.headers.get("x-request-id") or uuid.uuid4().hex,
    )


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def sessions_of(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


async def in_transaction(request: Request, work: Callable[[Session], T]) -> T:
    """Run ``work`` in a worker thread inside one transaction: all of it commits or none."""

    def _run() -> T:
        sessions = sessions_of(request)
        try:
            with sessions() as session, session.begin():
                return work(session)
        except DomainError as exc:
            # e.g. the audit row of a refused read: kept although the request's work rolled back
            if exc.after_rollback:
                with sessions() as session, session.begin():
                    for record in exc.after_rollback:
                        record(session)
            raise

    return await run_in_threadpool(_run)
