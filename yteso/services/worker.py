"""The background worker: portal outbox, interlinked requests, deadlines — one round every few seconds.

Started by the app's lifespan when ``YTESO_PORTAL_URL`` (or ``YTESO_JUSTICE_URL``) is set, and
runnable by hand (``yteso services outbox run``, ``yteso services deadlines run``). Rounds of
several processes do not step on each other: outbox rows are claimed, dossiers locked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from yteso.services import deadlines, interlink, outbox
from yteso.services.context import Runtime

log = logging.getLogger("yteso.services.worker")


def run_once(sessions: sessionmaker[Session], rt: Runtime) -> dict[str, Any]:
    """One round; returns what was done (each part isolated: a failure of one does not stop the others)."""
    done: dict[str, Any] = {}
    portal = rt.portal()
    if portal is not None:
        done["portal"] = _guard("portal", lambda s: outbox.deliver_outbox(s, portal, rt.config.outbox_batch), sessions)
    justice = rt.justice()
    if justice is not None:
        done["justice_sent"] = _guard("justice", lambda s: interlink.deliver_requests(s, rt, justice), sessions)
        done["justice_answered"] = _guard("justice_poll", lambda s: interlink.poll(s, rt, justice), sessions)
    done["deadlines"] = _guard("deadlines", lambda s: deadlines.sweep(s, rt), sessions)
    return done


def _guard(name: str, job: Any, sessions: sessionmaker[Session]) -> Any:
    try:
        with sessions() as session:
            return job(session)
    except Exception:
        log.exception("services_worker_failed", extra={"job": name})
        return None


async def loop(sessions: sessionmaker[Session], rt: Runtime) -> None:
    while True:
        await run_in_threadpool(run_once, sessions, rt)
        await asyncio.sleep(rt.config.worker_interval_seconds)


def should_run(rt: Runtime) -> bool:
    return rt.config.worker and bool(rt.config.portal_url or rt.config.justice_url)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """Build the services' runtime at start; run the worker while the app runs, if configured."""
    from yteso.services.routing import runtime_of_app

    rt = runtime_of_app(app)
    task = asyncio.create_task(loop(app.state.sessions, rt)) if should_run(rt) else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        rt.close()
