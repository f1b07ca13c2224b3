"""Receive a GIAMDINHHS envelope: check every dossier, store a receipt, queue the good ones.

One dossier (one MA_LK) is accepted or rejected whole; a bad dossier does not block the others.
A rejected dossier keeps only its error list, never its data. Envelope-level problems (not
XML, entities, oversize, another facility's code) refuse the whole document and store nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from yteso.core.db import insert_with_keys
from yteso.core.timez import now_utc
from yteso.gateway.errors import envelope_refused, error_dict, other_facility
from yteso.gateway.tables import QUEUED, REJECTED, dossier, receipt
from yteso.gateway.xml4750 import EnvelopeError, EnvelopeValidator, open_envelope
from yteso.gateway.xml4750.parse import Source


@dataclass
class Received:
    """What a receipt says right after receiving: its id and each dossier's first state."""

    id: str
    received_at: datetime
    facility: str
    dossiers: list[dict[str, Any]] = field(default_factory=list)
    queued: list[int] = field(default_factory=list)
    notes: list[dict[str, object]] = field(default_factory=list)


def receive(
    session: Session, source: Source, *, facility: str | None, source_kind: str, sender: str | None, max_bytes: int
) -> Received:
    """Parse and check ``source`` and store the receipt with its dossiers (in the caller's transaction).

    ``facility`` is the caller's facility code: the envelope's MACSKCB must equal it (None lets an
    operator ingest any facility's files). The returned ``queued`` pks go to the processing queue
    after the transaction commits.
    """
    now = now_utc()
    try:
        reader = open_envelope(source, max_bytes=max_bytes)
    except EnvelopeError as exc:
        raise envelope_refused(exc) from None
    with reader:
        declared = reader.header.facility_code
        if facility is not None and declared != facility:
            raise other_facility(declared, facility)
        checker = EnvelopeValidator(reader.header)
        rows: list[dict[str, Any]] = []
        try:
            for item in reader:
                problems = checker.check(item)
                rows.append(
                    {
                        "position": item.index,
                        "ma_lk": (item.ma_lk or "")[:100] or None,
                        "state": REJECTED if problems else QUEUED,
                        "errors": [error_dict(p) for p in problems] if problems else None,
                        "payload": None if problems else item.tables,
                    }
                )
        except EnvelopeError as exc:
            raise envelope_refused(exc) from None
        notes = [error_dict(p) for p in checker.finish()]
    result = Received(str(uuid.uuid4()), now, declared, notes=notes)
    session.execute(
        insert(receipt).values(
            id=result.id,
            facility=declared,
            received_at=now,
            source=source_kind,
            dossier_count=len(rows),
            sender=sender,
            notes=notes or None,
        )
    )
    if rows:
        inserted = insert_with_keys(
            session,
            dossier,
            [{**r, "receipt_id": result.id, "facility": declared, "received_at": now, "attempts": 0} for r in rows],
        )
        result.queued = [pk for pk, r in zip(inserted, rows, strict=True) if r["state"] == QUEUED]
    result.dossiers = [
        {"position": r["position"], "ma_lk": r["ma_lk"], "state": r["state"], "errors": r["errors"] or []} for r in rows
    ]
    return result
