"""Gateway errors as domain errors (so the one HTTP handler answers them)."""

from __future__ import annotations

from yteso.core.errors import DomainError, Forbidden, Invalid, Issue, TooLarge
from yteso.gateway.xml4750 import DossierError, EnvelopeError


def envelope_refused(exc: EnvelopeError) -> DomainError:
    """A whole document refused: 413 when over the size limit, 400 otherwise."""
    issue = Issue(exc.message_en, exc.message_vi, expression="GIAMDINHHS", rule=exc.rule)
    cls = TooLarge if "SIZE" in exc.rule.upper() else Invalid
    return cls(exc.message_en, exc.message_vi, issues=[issue])


def other_facility(declared: str, caller: str) -> Forbidden:
    return Forbidden(
        f"The document is from facility {declared!r} but the token is of facility {caller!r}",
        f"Hồ sơ của cơ sở {declared!r} nhưng mã truy cập là của cơ sở {caller!r}",
        issues=[
            Issue(
                "MACSKCB differs from the token's facility",
                "MACSKCB khác với cơ sở của mã truy cập",
                expression="GIAMDINHHS.THONGTINDONVI.MACSKCB",
                value=declared,
                rule="gateway.facility",
            )
        ],
    )


def error_dict(e: DossierError) -> dict[str, object]:
    """The receipt's error shape: ``{table, row, field, value, rule, message_vi, message_en}``."""
    return {
        "table": e.table,
        "row": e.row,
        "field": e.field,
        "value": e.value,
        "rule": e.rule,
        "message_vi": e.message_vi,
        "message_en": e.message_en,
    }
