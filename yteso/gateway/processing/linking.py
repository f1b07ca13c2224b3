"""Which citizen a dossier belongs to (liên kết người bệnh): CCCD first, then the insurance card.

A dossier whose patient cannot be linked with certainty is still stored, on a provisional
Patient (no CCCD), and reported with link status ``review`` for the master patient index.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM, IdentifierError, validate_cccd
from yteso.fhir.tables import idx_token, resource

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


def link_patient(session: Session, demo: Demographics, *, facility: str, patient_key: str) -> Link:
    """Find or name the Patient of ``demo``; ``patient_key`` (facility's MA_BN) names a provisional one."""
    cccd = _valid_cccd(demo)
    if cccd:
        found = _by_identifier(session, CCCD_SYSTEM, cccd)
        if found:
            return Link(found, "cccd", True)
        return Link(str(uuid.uuid5(_NS, f"cccd:{cccd}")), "new", False)
    if demo.bhyt_card:
        found = _by_identifier(session, BHYT_SYSTEM, demo.bhyt_card)
        if found:
            return Link(found, "bhyt", True)
    provisional = str(uuid.uuid5(_NS, f"provisional:{facility}:{patient_key}"))
    exists = (
        session.execute(
            select(resource.c.pk).where(resource.c.res_type == "Patient", resource.c.res_id == provisional)
        ).first()
        is not None
    )
    return Link(provisional, "review", exists)


def _valid_cccd(demo: Demographics) -> str | None:
    if not demo.cccd:
        return None
    try:
        validate_cccd(demo.cccd)
    except IdentifierError:
        return None
    return demo.cccd


def _by_identifier(session: Session, system: str, value: str) -> str | None:
    row = session.execute(
        select(resource.c.res_id)
        .join(idx_token, idx_token.c.res_pk == resource.c.pk)
        .where(
            idx_token.c.res_type == "Patient",
            idx_token.c.param == "identifier",
            idx_token.c.code == value,
            idx_token.c.system == system,
            resource.c.deleted == false(),
        )
        .order_by(resource.c.pk)
        .limit(1)
    ).first()
    return row[0] if row else None
