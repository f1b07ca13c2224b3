"""Store queued dossiers as FHIR, exactly once, a batch per transaction.

The dossier rows are locked (PostgreSQL skips rows another worker holds), their state checked
(a dossier already stored is skipped, so a redelivered queue message does nothing), each
patient linked, the tables mapped to FHIR with deterministic ids, everything written, and the
rows marked ``accepted`` — all in one commit. A worker that dies half-way leaves the
transaction uncommitted: the dossiers are still queued. If a batch fails, its dossiers are
retried one by one, so one bad dossier is rejected alone.

The audit trail gets one entry per dossier: the gateway wrote this visit (Encounter) of this
patient, naming the dossier and how many resources it produced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import bindparam, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from yteso.core import audit
from yteso.core.db import by_key
from yteso.core.timez import now_utc
from yteso.fhir.service import system_context
from yteso.gateway.processing.linking import link_patients
from yteso.gateway.tables import ACCEPTED, QUEUED, REJECTED, dossier
from yteso.gateway.xml4750 import Dossier
from yteso.settings import Settings

log = logging.getLogger("yteso.gateway")
AGENT = "system:gateway"
_RETRIES = 3


@dataclass(frozen=True)
class Outcome:
    pk: int
    state: str
    resources: int = 0


def process_many(sessions: sessionmaker[Session], settings: Settings, pks: Sequence[int]) -> list[Outcome]:
    """Store the dossiers ``pks`` that are still queued; a dossier whose data cannot be stored is
    rejected with the reason, and never blocks the others."""
    for attempt in range(_RETRIES):
        try:
            with sessions() as session, session.begin():
                return _store(session, settings, list(pks))
        except (IntegrityError, OperationalError) as exc:
            # e.g. two workers creating the same new citizen at once: the loser retries and links
            if len(pks) > 1:
                break
            if attempt == _RETRIES - 1:
                return [_reject(sessions, pks[0], exc)]
            time.sleep(0.05 * (attempt + 1))
        except Exception as exc:  # a dossier that cannot be stored must not block the queue
            if len(pks) > 1:
                break
            return [_reject(sessions, pks[0], exc)]
    return [process_many(sessions, settings, [pk])[0] for pk in pks]


def _reject(sessions: sessionmaker[Session], pk: int, exc: Exception) -> Outcome:
    log.error("gateway_dossier_failed dossier=%s error=%r", pk, exc)
    error = {
        "table": "HOSO",
        "row": None,
        "field": None,
        "value": None,
        "rule": "STORE_FAILED",
        "message_vi": f"Không lưu được hồ sơ: {exc}",
        "message_en": f"The dossier could not be stored: {exc}",
    }
    with sessions() as session, session.begin():
        session.execute(
            update(dossier)
            .where(dossier.c.pk == pk, dossier.c.state == QUEUED)
            .values(state=REJECTED, errors=[error], payload=None, processed_at=now_utc())
        )
    return Outcome(pk, REJECTED)


def _store(session: Session, settings: Settings, pks: list[int]) -> list[Outcome]:
    from yteso.gateway.mapping import demographics, map_dossier, patient_resource

    q = select(dossier).where(dossier.c.pk.in_(pks), dossier.c.state == QUEUED).order_by(dossier.c.pk)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    rows = session.execute(q).all()
    outcomes = {pk: Outcome(pk, "skipped") for pk in pks}
    if not rows:
        return list(outcomes.values())
    ctx = system_context(session, settings, agent=AGENT)
    items: dict[tuple[str, str], tuple[dict[str, Any], str | None]] = {}
    done: list[dict[str, Any]] = []
    audited: list[audit.Access] = []
    retired: list[tuple[str, str]] = []
    dossiers = [Dossier(index=r.position, facility_code=r.facility, tables=r.payload or {}) for r in rows]
    demos = [demographics(item) for item in dossiers]
    requests = [
        (demo, row.facility, (item.summary or {}).get("MA_BN") or row.ma_lk or "")
        for row, item, demo in zip(rows, dossiers, demos, strict=True)
    ]
    _lock_visits_and_people(session, rows, requests)
    previous = _previous(session, rows)
    links = link_patients(ctx.repo, requests)
    for row, item, demo, link in zip(rows, dossiers, demos, links, strict=True):
        bodies = map_dossier(item, facility_code=row.facility, patient_id=link.patient_id)
        if not link.exists and ("Patient", link.patient_id) not in items:
            bodies.insert(0, patient_resource(demo, link.patient_id))
        for body in bodies:
            items[(body["resourceType"], body["id"])] = (body, row.facility)
        refs = [f"{b['resourceType']}/{b['id']}" for b in bodies]
        current = {(b["resourceType"], b["id"]) for b in bodies}
        for ref in previous.get((row.facility, row.ma_lk), []):
            res_type, res_id = ref.split("/", 1)
            if (res_type, res_id) not in current and res_type != "Patient":
                retired.append((res_type, res_id))
        done.append(
            {
                "b_pk": row.pk,
                "b_patient": link.patient_id,
                "b_link": link.status,
                "b_attempts": row.attempts + 1,
                "b_resources": refs,
            }
        )
        outcomes[row.pk] = Outcome(row.pk, ACCEPTED, len(bodies))
        visit = next((b["id"] for b in bodies if b["resourceType"] == "Encounter"), None)
        audited.append(
            audit.Access(
                "update" if previous.get((row.facility, row.ma_lk)) else "create",
                "Encounter",
                visit,
                link.patient_id,
                query=f"gateway dossier {row.pk} ({row.facility}/{row.ma_lk}): {len(bodies)} resources",
            )
        )
    _pause_for_crash_tests()
    repo = ctx.repo
    writes = repo.prepare_upserts(list(items.values()))
    writes += repo.prepare_deletes([key for key in retired if key not in items])
    repo.write_many(writes, audit_as=audited)
    _mark_accepted(session, done)
    return [outcomes[pk] for pk in pks]


_ACCEPT_PG = text(
    "UPDATE gateway_dossier AS d SET state = :state, processed_at = :now, payload = NULL,"
    " patient_id = k.patient, link_status = k.link, attempts = k.attempts, resources = CAST(k.resources AS jsonb)"
    " FROM unnest(CAST(:pks AS bigint[]), CAST(:patients AS varchar[]), CAST(:links AS varchar[]),"
    " CAST(:attempts AS integer[]), CAST(:resources AS text[])) AS k(pk, patient, link, attempts, resources)"
    " WHERE d.pk = k.pk"
)


def _mark_accepted(session: Session, done: list[dict[str, Any]]) -> None:
    """Mark the stored dossiers accepted, with their patient, link and resources (one statement
    on PostgreSQL), and drop their payloads."""
    now = now_utc()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            _ACCEPT_PG,
            {
                "state": ACCEPTED,
                "now": now,
                "pks": [d["b_pk"] for d in done],
                "patients": [d["b_patient"] for d in done],
                "links": [d["b_link"] for d in done],
                "attempts": [d["b_attempts"] for d in done],
                "resources": [orjson.dumps(d["b_resources"]).decode() for d in done],
            },
        )
        return
    session.execute(
        update(dossier)
        .where(dossier.c.pk == bindparam("b_pk"))
        .values(
            state=ACCEPTED,
            processed_at=now,
            payload=None,
            patient_id=bindparam("b_patient"),
            link_status=bindparam("b_link"),
            attempts=bindparam("b_attempts"),
            resources=bindparam("b_resources"),
        ),
        done,
    )


def _lock_visits_and_people(session: Session, rows: Sequence[Any], requests: Sequence[tuple[Any, str, str]]) -> None:
    """Serialise this batch with any concurrent batch holding the same visit (a re-send) or the same
    new person, so that the second one sees the first one's resources and updates them instead of
    failing on the unique key and being retried dossier by dossier (PostgreSQL; SQLite has one
    writer). Locks are taken in key order in one statement, so two batches cannot deadlock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    names = {f"visit:{row.facility}:{row.ma_lk}" for row in rows if row.ma_lk}
    for demo, facility, patient_key in requests:
        names.add(f"cccd:{demo.cccd}" if demo.cccd else f"provisional:{facility}:{patient_key}")
    keys = sorted(
        {int.from_bytes(hashlib.blake2b(n.encode(), digest_size=8).digest(), "big", signed=True) for n in names}
    )
    session.execute(
        text(
            "SELECT pg_advisory_xact_lock(k) FROM (SELECT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS ordered"
        ),
        {"keys": keys},
    )


def _previous(session: Session, rows: Sequence[Any]) -> dict[tuple[str, str], list[str]]:
    """Resources the latest earlier accepted dossier of each visit (facility, MA_LK) produced."""
    pairs = sorted({(r.facility, r.ma_lk) for r in rows if r.ma_lk})
    if not pairs:
        return {}
    with by_key(session):
        found = session.execute(
            select(dossier.c.facility, dossier.c.ma_lk, dossier.c.resources)
            .where(tuple_(dossier.c.facility, dossier.c.ma_lk).in_(pairs), dossier.c.state == ACCEPTED)
            .order_by(dossier.c.pk)
        ).all()
    return {(f, m): list(res or []) for f, m, res in found}


def _pause_for_crash_tests() -> None:
    # Lets the crash test kill a worker in the middle of a dossier (never set in production).
    delay = os.environ.get("YTESO_GATEWAY_TEST_PAUSE")
    if delay:
        time.sleep(float(delay))
