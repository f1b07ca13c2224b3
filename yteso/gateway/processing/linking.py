"""Which citizen a dossier belongs to (liên kết người bệnh): CCCD first, then the insurance card.

A dossier whose patient cannot be linked with certainty is still stored, on a provisional
Patient (no CCCD), and reported with link status ``review`` for the master patient index.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM, IdentifierError, validate_cccd
from yteso.fhir.access import patients_by_identifier
from yteso.fhir.tables import resource

if TYPE_CHECKING:
    from yteso.gateway.mapping import Demographics

_NS = uuid.UUID("6f1c1f4e-4b7a-4a53-9a39-0d6b0a8f3c21")


@dataclass(frozen=True)
class Link:
    """The Patient a dossier is stored under, and how it was found."""

    patient_id: str
    status: str
    """``cccd`` (existing citizen), ``new`` (first record of a valid CCCD), ``bhyt`` (by insurance
    card), ``review`` (provisional patient, to be resolved by an operator)."""
    exists: bool


def link_patients(session: Session, requests: list[tuple[Demographics, str, str]]) -> list[Link]:
    """Find or name the Patient of each ``(demographics, facility, MA_BN)``: a valid CCCD first
    (one lookup for all of them), then the insurance card, else a provisional Patient named by
    facility + MA_BN."""
    cccds = [_valid_cccd(demo) for demo, _f, _k in requests]
    known = _by_identifiers(session, CCCD_SYSTEM, sorted({c for c in cccds if c}))
    links = []
    for (demo, facility, patient_key), cccd in zip(requests, cccds, strict=True):
        if cccd:
            found = known.get(cccd)
            links.append(
                Link(found, "cccd", True) if found else Link(str(uuid.uuid5(_NS, f"cccd:{cccd}")), "new", False)
            )
            continue
        if demo.bhyt_card:
            found = _by_identifiers(session, BHYT_SYSTEM, [demo.bhyt_card]).get(demo.bhyt_card)
            if found:
                links.append(Link(found, "bhyt", True))
                continue
        provisional = str(uuid.uuid5(_NS, f"provisional:{facility}:{patient_key}"))
        exists = (
            session.execute(
                select(resource.c.pk).where(resource.c.res_type == "Patient", resource.c.res_id == provisional)
            ).first()
            is not None
        )
        links.append(Link(provisional, "review", exists))
    return links


def _valid_cccd(demo: Demographics) -> str | None:
    if not demo.cccd:
        return None
    try:
        validate_cccd(demo.cccd)
    except IdentifierError:
        return None
    return demo.cccd


def _by_identifiers(session: Session, system: str, values: list[str]) -> dict[str, str]:
    """Identifier value → id of the oldest live Patient carrying it."""
    return {value: ids[0] for value, ids in patients_by_identifier(session, system, values).items()}
