"""A worker process killed in the middle of a dossier loses nothing and duplicates nothing (NATS JetStream)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from sqlalchemy import func, select

from yteso.core.db import session_factory, transaction
from yteso.fhir.tables import resource
from yteso.gateway.tables import dossier
from yteso.gateway.xml4750.generate import generate_envelope

NATS_URL = os.environ.get("YTESO_TEST_NATS_URL", "nats://127.0.0.1:4222")

WORKER = """
import asyncio, sys
from yteso.core.db import make_engine, session_factory
from yteso.gateway.processing.service import process_many
from yteso.gateway.queue.nats import consume
from yteso.settings import Settings
settings = Settings()
sessions = session_factory(make_engine(settings.database_url, schema=settings.database_schema))
stream, subject = sys.argv[1], sys.argv[2]
print("worker ready", flush=True)
asyncio.run(consume(sys.argv[3], lambda pks: process_many(sessions, settings, pks), ack_wait=2.0, batch=1,
                    idle_exit=float(sys.argv[4]), stream=stream, subject=subject, durable="crash-test"))
"""


def _nats_reachable() -> bool:
    import socket

    host, port = NATS_URL.removeprefix("nats://").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
        return True
    except OSError:
        return False


def _worker(db, stream, subject, idle_exit, pause=None):
    env = {**os.environ, "YTESO_DATABASE_URL": db.url, "YTESO_ENVIRONMENT": "test"}
    if db.schema:
        env["YTESO_DATABASE_SCHEMA"] = db.schema
    if pause:
        env["YTESO_GATEWAY_TEST_PAUSE"] = str(pause)
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, stream, subject, NATS_URL, str(idle_exit)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_killed_worker_loses_nothing_and_duplicates_nothing(db):
    if not _nats_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"NATS must be reachable in CI at {NATS_URL}")
        pytest.skip("NATS not reachable")
    from yteso.gateway.queue.nats import NatsPublisher
    from yteso.gateway.service import receive

    sessions = session_factory(db.engine)
    with transaction(sessions) as s:
        got = receive(
            s,
            generate_envelope("01001", 4, seed=21),
            facility=None,
            source_kind="test",
            sender="t",
            max_bytes=10_000_000,
        )
    assert len(got.queued) == 4
    tag = uuid.uuid4().hex[:10]
    stream, subject = f"T{tag}", f"yteso.test.{tag}"
    publisher = NatsPublisher(NATS_URL, stream=stream, subject=subject)
    publisher.publish(got.queued)
    publisher.close()

    doomed = _worker(db, stream, subject, idle_exit=30, pause=3.0)
    assert doomed.stdout is not None and "ready" in doomed.stdout.readline()
    time.sleep(2.0)  # it has taken the first dossier and is inside its transaction
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)

    survivor = _worker(db, stream, subject, idle_exit=5)
    survivor.wait(timeout=120)
    assert survivor.returncode == 0

    with sessions() as s:
        rows = s.execute(select(dossier.c.state, dossier.c.attempts)).all()
        encounters = s.execute(
            select(func.count()).select_from(resource).where(resource.c.res_type == "Encounter")
        ).scalar_one()
        versions = s.execute(select(func.max(resource.c.version)).where(resource.c.res_type == "Encounter")).scalar()
    assert [r.state for r in rows] == ["accepted"] * 4
    assert all(r.attempts == 1 for r in rows), "the killed attempt must not have committed anything"
    assert encounters == 4 and versions == 1
