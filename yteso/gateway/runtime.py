"""The gateway's moving parts inside the server: the queue and its workers."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from yteso.gateway.processing.service import process_many
from yteso.gateway.queue.base import DossierQueue, make_queue
from yteso.gateway.tables import QUEUED, dossier
from yteso.settings import Settings

log = logging.getLogger("yteso.gateway")


def start(sessions: sessionmaker[Session], settings: Settings) -> DossierQueue:
    """Open the configured queue; with in-process workers, re-queue what a previous run left queued."""
    q = make_queue(
        settings.queue_url,
        lambda pks: process_many(sessions, settings, pks),
        workers=settings.gateway_workers,
        batch=settings.gateway_batch,
        find_work=lambda n: waiting(sessions, n),
    )
    if not settings.queue_url or settings.queue_url == "inprocess":
        try:
            q.publish(queued(sessions))
        except SQLAlchemyError as exc:  # the server starts anyway; /healthz tells the database is down
            log.warning("gateway_requeue_failed error=%s", exc)
    return q


def waiting(sessions: sessionmaker[Session], limit: int) -> list[int]:
    """Up to ``limit`` queued dossiers no worker is storing right now (oldest first)."""
    with sessions() as s, s.begin():
        q = select(dossier.c.pk).where(dossier.c.state == QUEUED).order_by(dossier.c.pk).limit(limit)
        if s.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        return list(s.execute(q).scalars())


def queued(sessions: sessionmaker[Session], limit: int = 100_000) -> list[int]:
    with sessions() as s:
        return list(
            s.execute(
                select(dossier.c.pk).where(dossier.c.state == QUEUED).order_by(dossier.c.pk).limit(limit)
            ).scalars()
        )
