"""Which citizen a dossier belongs to (liên kết người bệnh): CCCD first, then the insurance card,
then the master patient index's matching.

A dossier whose patient cannot be linked with certainty is still stored, on a provisional Patient
(named by facility + MA_BN, so a re-send lands on the same one), and reported with link status
``review``; when the index found a likely but uncertain match, the pair is also queued for an
operator (``mpi_review``, see docs/mpi.md).

Cost per batch: one query for all CCCDs. Only when some dossiers have no valid CCCD: one query
for all their cards, one for which provisional Patients exist, one for merged records (when any
of those exist or a card was found), then one blocking query per dossier that is matched, and an
upsert per review queued plus one audit statement for the batch's matching outcomes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yteso.core import audit
from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM, IdentifierError, validate_cccd
from yteso.fhir.access import patients_by_identifier
from yteso.identity.mpi import service as mpi

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from yteso.fhir.repository import FhirRepository
    from yteso.gateway.mapping import Demographics

_NS = uuid.UUID("6f1c1f4e-4b7a-4a53-9a39-0d6b0a8f3c21")

CCCD, NEW, BHYT, MATCHED, REVIEW = "cccd", "new", "bhyt", "matched", "review"
"""The link statuses (``gateway_dossier.link_status``, ``link`` in a receipt)."""


@dataclass(frozen=True)
class Link:
    """The Patient a dossier is stored under, and how it was found."""

    patient_id: str
    status: str
    """``cccd`` (existing citizen, by CCCD), ``new`` (first record of a valid CCCD), ``bhyt`` (by
    insurance card), ``matched`` (by the master patient index's matching: name, birth date, sex,
    phone... in its link band, or an operator merged the dossier's provisional Patient into that
    one), ``review`` (provisional patient, to be resolved by an operator)."""
    exists: bool
    """False when the caller must create the Patient (``new`` and a first provisional one)."""
    candidate: str | None = None
    """``review`` only: the Patient the index thinks it may be (queued in ``mpi_review``)."""
    score: float | None = None
    """``matched`` / ``review`` by matching: the match probability of the best candidate."""


def link_patients(repo: FhirRepository, requests: Sequence[tuple[Demographics, str, str]]) -> list[Link]:
    """Find or name the Patient of each ``(demographics, facility, MA_BN)``, in ``repo``'s transaction.

    A valid CCCD first (one lookup for all of them: a batch where every dossier has one costs that
    single query). The others: their provisional Patient if an operator merged it into another
    (then that one); else the insurance card; else the master patient index's matching on the
    demographics (no population-database call), leaving the dossier's own provisional Patient out:
    ``link`` band → that Patient; ``review`` band → the provisional Patient and a review item
    (queued once, whatever the re-sends); no link → the provisional Patient.
    """
    session = repo.session
    cccds = [_valid_cccd(demo) for demo, _f, _k in requests]
    known = _by_identifiers(session, CCCD_SYSTEM, sorted({c for c in cccds if c}))
    links: list[Link | None] = []
    rest: list[int] = []
    for i, cccd in enumerate(cccds):
        if cccd:
            found = known.get(cccd)
            links.append(Link(found, CCCD, True) if found else Link(str(uuid.uuid5(_NS, f"cccd:{cccd}")), NEW, False))
        else:
            links.append(None)
            rest.append(i)
    if rest:
        _link_without_cccd(repo, requests, rest, links)
    done = [link for link in links if link is not None]
    assert len(done) == len(requests)
    return done


def provisional_id(facility: str, patient_key: str) -> str:
    """The provisional Patient of a facility's patient (MA_BN): the same for every re-send."""
    return str(uuid.uuid5(_NS, f"provisional:{facility}:{patient_key}"))


def _link_without_cccd(
    repo: FhirRepository, requests: Sequence[tuple[Demographics, str, str]], rest: list[int], links: list[Link | None]
) -> None:
    session = repo.session
    own = {i: provisional_id(requests[i][1], requests[i][2]) for i in rest}
    existing = {res_id for _t, res_id in repo.current_rows([("Patient", p) for p in own.values()])}
    cards = sorted({card for i in rest if (card := requests[i][0].bhyt_card)})
    carriers = patients_by_identifier(session, BHYT_SYSTEM, cards) if cards else {}
    # a card on the dossier's own provisional Patient (a re-send) says nothing about who it is
    by_card = {
        i: next((p for p in carriers.get(requests[i][0].bhyt_card or "", ()) if p != own[i]), None) for i in rest
    }
    merged = mpi.survivors(session, {own[i] for i in rest if own[i] in existing} | {p for p in by_card.values() if p})
    accesses: list[audit.Access] = []
    queued: set[tuple[str, str]] = set()
    for i in rest:
        demo, facility, _key = requests[i]
        mine = own[i]
        if mine in merged:  # an operator decided this patient is that one
            links[i] = Link(merged[mine], MATCHED, True)
            continue
        card_holder = by_card[i]
        if card_holder:
            links[i] = Link(merged.get(card_holder, card_holder), BHYT, True)
            continue
        found = mpi.match_person(
            repo,
            full_name=demo.full_name,
            birth_date=demo.birth_date,
            sex=demo.sex,
            phone=demo.phone,
            province_code=demo.province_code,
            bhyt=demo.bhyt_card,
            cccd=demo.cccd,  # well-formed but invalid: still evidence (a typo of the real one)
            exclude=(mine,),
        )
        if found.band == mpi.LINK and found.candidate_id:
            links[i] = Link(found.candidate_id, MATCHED, True, score=found.score)
            accesses.append(_audited(found.candidate_id, found.candidate_id, mpi.LINK))
            continue
        if found.band == mpi.REVIEW and found.candidate_id and found.score is not None:
            links[i] = Link(mine, REVIEW, mine in existing, found.candidate_id, found.score)
            if (mine, found.candidate_id) not in queued:
                queued.add((mine, found.candidate_id))
                mpi.queue_review(
                    session, mine, found.candidate_id, found.score, found.detail,
                    facility=facility, requested_by=repo.audit_ctx.agent,
                )  # fmt: skip
                accesses += [_audited(mine, p, mpi.REVIEW) for p in (mine, found.candidate_id)]
            continue
        links[i] = Link(mine, REVIEW, mine in existing)
    if accesses:
        audit.record_many(session, repo.audit_ctx, accesses)


def _audited(patient_id: str, about: str, band: str) -> audit.Access:
    return audit.Access("operation", "Patient", patient_id, about, query=f"mpi.link band={band} (gateway)")


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
