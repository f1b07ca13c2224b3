"""Candidates from the population database server (``POP`` given as a URL to ``yteso mpi clean``).

The protocol (docs/population-db.md) answers questions about a CCCD, it cannot search by name
and birth date. So, per chunk of records:

1. every record with a well-formed CCCD, a name and a birth date is sent to ``/verify/batch``
   (1,000 a request); a verified answer makes that citizen the candidate, with sex and province
   read from the CCCD itself (digits 2-4), which the register guarantees;
2. a CCCD that is registered but not verified (or a record without name or date) is looked up
   with ``GET /citizens/{cccd}`` and scored like any candidate;
3. a CCCD that is not registered is tried with each one-digit change and each swap of two
   neighbouring digits that is still well-formed; the variants the register verifies against
   the record's name and birth date become candidates ("one wrong CCCD digit").

Records without a CCCD get no candidate (``no_cccd``): in this mode only the CSV register can
find people by name and date. The phone is compared only for citizens fetched in step 2.
"""

from __future__ import annotations

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.identity.mpi.features import Person, birth_iso, cccd_neighbours
from yteso.identity.mpi.matcher import Candidate, rank
from yteso.identity.mpi.scoring import Weights
from yteso.identity.population import Citizen, PopulationClient, VerifyItem

NOTES = [
    "population server mode: records without a CCCD cannot be searched (the protocol has no search by "
    "name and birth date), and phones are compared only for citizens fetched in full",
]


class RemoteSource:
    """A ``clean`` source asking the population server about each record's CCCD."""

    def __init__(self, client: PopulationClient, weights: Weights) -> None:
        self.client = client
        self.weights = weights
        self.description = f"population server {client.base_url}"
        self.notes = list(NOTES)

    def find_many(self, probes: list[Person]) -> list[list[Candidate]]:
        found: list[list[tuple[str, Person]]] = [[] for _ in probes]
        verifiable = [i for i, p in enumerate(probes) if p.cccd and p.name and p.birth and _well_formed(p.cccd)]
        checks = self.client.verify_batch(
            VerifyItem(str(probes[i].cccd), str(probes[i].name), birth_iso(probes[i].birth)) for i in verifiable
        )
        asked = set(verifiable)
        to_fetch = [i for i, p in enumerate(probes) if p.cccd and i not in asked]
        unknown = []
        for i, check in zip(verifiable, checks, strict=True):
            if check.verified:
                found[i].append((str(probes[i].cccd), _as_verified(probes[i], str(probes[i].cccd))))
            elif check.found:
                to_fetch.append(i)
            else:
                unknown.append(i)
        for i in to_fetch:
            cccd = str(probes[i].cccd)
            citizen = self.client.lookup(cccd) if _well_formed(cccd) else None
            if citizen is not None:
                found[i].append((cccd, _person(citizen)))
            elif probes[i].name and probes[i].birth:
                unknown.append(i)
        self._near_misses(probes, unknown, found)
        return [rank(self.weights, p, cands) for p, cands in zip(probes, found, strict=True)]

    def _near_misses(self, probes: list[Person], indexes: list[int], found: list[list[tuple[str, Person]]]) -> None:
        """Try the well-formed one-digit and swapped-neighbour variants of unregistered CCCDs."""
        items: list[VerifyItem] = []
        owners: list[int] = []
        for i in indexes:
            p = probes[i]
            for variant in cccd_neighbours(str(p.cccd)):
                items.append(VerifyItem(variant, str(p.name), birth_iso(p.birth)))
                owners.append(i)
        if not items:
            return
        for item, owner, check in zip(items, owners, self.client.verify_batch(items), strict=True):
            if check.verified:
                found[owner].append((item.cccd, _as_verified(probes[owner], item.cccd)))


def _well_formed(cccd: str) -> bool:
    try:
        validate_cccd(cccd)
    except IdentifierError:
        return False
    return True


def _as_verified(probe: Person, cccd: str) -> Person:
    """The register's citizen as far as a verified answer tells: the probe's name and birth date,
    sex and province from the CCCD; phone unknown."""
    info = validate_cccd(cccd)
    return Person(cccd=cccd, name=probe.name, birth=probe.birth, sex=info.sex, province=info.province_code)


def _person(citizen: Citizen) -> Person:
    from yteso.identity.mpi.features import from_citizen

    return from_citizen(
        citizen.cccd,
        citizen.full_name,
        citizen.birth_date.isoformat(),
        citizen.sex,
        citizen.province_code,
        citizen.phone,
    )
