"""Plumbing shared by the services' routers: the runtime of the app and running work as the caller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from yteso.core.request import audit_context, caller_of, in_transaction
from yteso.core.timez import now_utc
from yteso.services import access
from yteso.services.context import Runtime, Work

T = TypeVar("T")


def runtime_of_app(app: Any) -> Runtime:
    """The services' runtime of this app (settings from ``app.state.services_settings`` or the environment)."""
    rt: Runtime | None = getattr(app.state, "services_runtime", None)
    if rt is None:
        rt = Runtime.build(app.state.settings, getattr(app.state, "services_settings", None))
        app.state.services_runtime = rt
    return rt


def runtime_of(request: Request) -> Runtime:
    return runtime_of_app(request.app)


async def as_caller(request: Request, work: Callable[[Work], T]) -> T:
    """Run ``work`` as the authenticated caller, in the request's one transaction."""
    caller = caller_of(request)
    rt, ctx = runtime_of(request), audit_context(request, caller)
    return await in_transaction(request, lambda s: work(Work(s, rt, access.actor_of(s, caller, ctx), now_utc())))
