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
        find_work=lambda n: queued(sessions, n, skip_locked=True),
    )
    if not settings.queue_url or settings.queue_url == "inprocess":
        try:
            q.publish(queued(sessions))
        except SQLAlchemyError as exc:  # the server starts anyway; /healthz tells the database is down
            log.warning("gateway_requeue_failed error=%s", exc)
    return q


def queued(sessions: sessionmaker[Session], limit: int = 100_000, *, skip_locked: bool = False) -> list[int]:
    """Up to ``limit`` queued dossiers, oldest first; with ``skip_locked`` (PostgreSQL) not those a
    worker is storing right now (a small batch: locking rows costs a write each)."""
    with sessions() as s, s.begin():
        q = select(dossier.c.pk).where(dossier.c.state == QUEUED).order_by(dossier.c.pk).limit(limit)
        if skip_locked and s.get_bind().dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        return list(s.execute(q).scalars())
