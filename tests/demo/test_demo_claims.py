"""Demo claims go through the gateway once; loading again sends nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from yteso.core.db import session_factory
from yteso.demo.claims import load_claims
from yteso.fhir.tables import resource


def test_demo_claims_are_stored_once(db):
    sessions = session_factory(db.engine)
    settings = db.settings()
    first = load_claims(sessions, settings, seed=3, facility_codes=["01001", "79001"], per_facility=3)
    assert first == {"claims_accepted": 6, "claims_rejected": 0}
    again = load_claims(sessions, settings, seed=3, facility_codes=["01001", "79001"], per_facility=3)
    assert again == {"claims_accepted": 0, "claims_rejected": 0}
    with sessions() as s:
        encounters = s.execute(
            select(func.count()).select_from(resource).where(resource.c.res_type == "Encounter")
        ).scalar_one()
    assert encounters == 6
