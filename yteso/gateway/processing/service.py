"""Store one queued dossier as FHIR, exactly once, in one transaction.

The dossier row is locked, its state checked (a dossier already stored is skipped, so a
redelivered queue message does nothing), the patient linked, the tables mapped to FHIR with
deterministic ids, everything written, and the row marked ``accepted`` — all in one commit.
A worker that dies half-way leaves the transaction uncommitted: the dossier is still queued.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from yteso.core.timez import now_utc
from yteso.fhir.service import system_context
from yteso.gateway.processing.linking import link_patient
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


def process(sessions: sessionmaker[Session], settings: Settings, pk: int) -> Outcome:
    """Store dossier ``pk`` if it is still queued; a failure of the data rejects it with the reason."""
    for attempt in range(_RETRIES):
        try:
            with sessions() as session, session.begin():
                return _store(session, settings, pk)
        except (IntegrityError, OperationalError) as exc:
            # e.g. two workers creating the same new citizen at once: the loser retries and links
            if attempt == _RETRIES - 1:
                return _reject(sessions, pk, exc)
            time.sleep(0.05 * (attempt + 1))
        except Exception as exc:  # a dossier that cannot be stored must not block the queue
            return _reject(sessions, pk, exc)
    raise AssertionError("unreachable")


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


def _store(session: Session, settings: Settings, pk: int) -> Outcome:
    q = select(dossier).where(dossier.c.pk == pk)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update()
    row = session.execute(q).first()
    if row is None or row.state != QUEUED:
        return Outcome(pk, row.state if row else "missing")
    from yteso.gateway.mapping import demographics, map_dossier, patient_resource

    item = Dossier(index=row.position, facility_code=row.facility, tables=row.payload or {})
    demo = demographics(item)
    summary = item.summary or {}
    link = link_patient(session, demo, facility=row.facility, patient_key=summary.get("MA_BN") or row.ma_lk or "")
    bodies = map_dossier(item, facility_code=row.facility, patient_id=link.patient_id)
    if not link.exists:
        bodies.insert(0, patient_resource(demo, link.patient_id))
    ctx = system_context(session, settings, agent=AGENT, facility=row.facility)
    repo = ctx.repo
    _pause_for_crash_tests()
    writes = repo.prepare_upserts(bodies, facility=row.facility)
    retired = _retired(session, row, {(b["resourceType"], b["id"]) for b in bodies})
    for res_type, res_id in retired:
        plan = repo.prepare_delete(res_type, res_id)
        if plan is not None:
            writes.append(plan)
    repo.write_many(writes)
    session.execute(
        update(dossier)
        .where(dossier.c.pk == pk)
        .values(
            state=ACCEPTED,
            processed_at=now_utc(),
            payload=None,
            patient_id=link.patient_id,
            link_status=link.status,
            attempts=row.attempts + 1,
            resources=[f"{b['resourceType']}/{b['id']}" for b in bodies],
        )
    )
    return Outcome(pk, ACCEPTED, len(bodies))


def _retired(session: Session, row: Any, current: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Resources an earlier accepted version of this visit produced that the re-send no longer has."""
    if not row.ma_lk:
        return []
    previous = session.execute(
        select(dossier.c.resources)
        .where(
            dossier.c.facility == row.facility,
            dossier.c.ma_lk == row.ma_lk,
            dossier.c.state == ACCEPTED,
            dossier.c.pk != row.pk,
        )
        .order_by(dossier.c.pk.desc())
        .limit(1)
    ).scalar()
    out = []
    for ref in previous or []:
        res_type, res_id = ref.split("/", 1)
        if (res_type, res_id) not in current and res_type != "Patient":
            out.append((res_type, res_id))
    return out


def _pause_for_crash_tests() -> None:
    # Lets the crash test kill a worker in the middle of a dossier (never set in production).
    delay = os.environ.get("YTESO_GATEWAY_TEST_PAUSE")
    if delay:
        time.sleep(float(delay))
