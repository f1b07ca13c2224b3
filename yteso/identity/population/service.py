"""The rules of the reference population service: lookup and verification against the register."""

from __future__ import annotations

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.core.text import fold
from yteso.identity.population.schemas import Matches, RuleError, VerifyIn, VerifyOut
from yteso.identity.population.store import CitizenStore


def names_match(registered: str, stated: str) -> bool:
    """Names agree ignoring case, diacritics and spacing (``NGUYỄN VĂN A`` = ``Nguyen Van  A``)."""
    return fold(registered) == fold(stated)


def birth_dates_match(registered_iso: str, stated: str) -> bool:
    """``stated`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) agrees at its own precision."""
    return registered_iso.startswith(stated)


def verify(store: CitizenStore, item: VerifyIn) -> VerifyOut:
    """Check one claim; raises :class:`IdentifierError` when the CCCD is malformed."""
    validate_cccd(item.cccd)
    cccd = item.cccd.strip()
    citizen = store.get(cccd)
    if citizen is None:
        return _not_found(cccd)
    matches = Matches(
        full_name=names_match(citizen.full_name, item.full_name),
        birth_date=birth_dates_match(citizen.birth_date.isoformat(), item.birth_date),
    )
    verified = matches.full_name and matches.birth_date
    return VerifyOut(cccd=cccd, found=True, verified=verified, matches=matches)


def verify_many(store: CitizenStore, items: list[VerifyIn]) -> list[VerifyOut]:
    """Check each claim; a malformed CCCD gives that item an ``error`` instead of failing the batch."""
    results = []
    for item in items:
        try:
            results.append(verify(store, item))
        except IdentifierError as exc:
            results.append(_not_found(item.cccd, error=rule_error(exc)))
    return results


def _not_found(cccd: str, error: RuleError | None = None) -> VerifyOut:
    no = Matches(full_name=False, birth_date=False)
    return VerifyOut(cccd=cccd, found=False, verified=False, matches=no, error=error)


def rule_error(exc: IdentifierError) -> RuleError:
    """The JSON shape of an identifier error."""
    return RuleError(rule=exc.rule, message_en=exc.message_en, message_vi=exc.message_vi)
