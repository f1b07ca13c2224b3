"""Demo claims: synthetic QĐ 130/4750 envelopes of the demo facilities, sent through the gateway.

The gateway links each dossier's patient by CCCD (creating the citizen's record when new),
maps it to FHIR and stores it, exactly as for a hospital's upload. Loading twice sends nothing
the second time (a facility that already has demo claims is skipped).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from yteso.gateway.processing.service import process_many
from yteso.gateway.service import receive
from yteso.gateway.tables import receipt
from yteso.gateway.xml4750.generate import generate_envelope
from yteso.settings import Settings

SOURCE = "demo"
TABLES = ("XML1", "XML2", "XML3", "XML4", "XML13", "XML14")


def load_claims(
    sessions: sessionmaker[Session], settings: Settings, *, seed: int, facility_codes: list[str], per_facility: int
) -> dict[str, int]:
    """Send ``per_facility`` dossiers for each facility; returns accepted and rejected counts."""
    counts = {"claims_accepted": 0, "claims_rejected": 0}
    for i, code in enumerate(facility_codes):
        with sessions() as s:
            done = s.execute(select(receipt.c.id).where(receipt.c.facility == code, receipt.c.source == SOURCE)).first()
        if done or per_facility <= 0:
            continue
        envelope = generate_envelope(code, per_facility, seed=seed * 1000 + i, tables=TABLES)
        with sessions() as s, s.begin():
            got = receive(s, envelope, facility=code, source_kind=SOURCE, sender="demo", max_bytes=len(envelope) + 1)
        counts["claims_rejected"] += sum(1 for d in got.dossiers if d["state"] == "rejected")
        for outcome in process_many(sessions, settings, got.queued):
            counts["claims_accepted" if outcome.state == "accepted" else "claims_rejected"] += 1
    return counts
