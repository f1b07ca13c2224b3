"""Checks of a dossier (hồ sơ) against QĐ 130/4750 and the BHXH gateway rules.

:func:`validate_dossier` is pure and needs nothing but the dossier; :class:`EnvelopeValidator`
adds the rules that span dossiers of one document (MA_LK unique, SOLUONGHOSO). Every rule is
listed in ``docs/gateway-xml4750-checks.md``.
"""

from __future__ import annotations

from yteso.gateway.xml4750 import dates
from yteso.gateway.xml4750.checks_fields import check_rows
from yteso.gateway.xml4750.checks_money import check_money
from yteso.gateway.xml4750.checks_rules import check_row_rules
from yteso.gateway.xml4750.checks_visit import check_same_as_xml1, check_summary, check_visit
from yteso.gateway.xml4750.errors import ENVELOPE_TABLE, DossierError, make_error
from yteso.gateway.xml4750.identifiers import _check_identifier
from yteso.gateway.xml4750.model import Dossier, EnvelopeHeader, Row

__all__ = ["DossierError", "EnvelopeValidator", "validate_checkin", "validate_dossier", "validate_header"]


def validate_dossier(dossier: Dossier) -> list[DossierError]:
    """All problems of one dossier: those found while parsing it, then every check of the spec.

    An empty list means the dossier passes. Problems of one dossier never depend on another
    dossier (see :class:`EnvelopeValidator` for the few that do).
    """
    errors = list(dossier.errors)
    for name, rows in dossier.tables.items():
        check_rows(name, rows, errors)
        check_row_rules(name, rows, errors)
    xml1 = check_visit(dossier, errors)
    if xml1 is not None:
        check_summary(dossier, xml1, errors)
        check_same_as_xml1(dossier, xml1, errors)
    check_money(dossier, xml1, errors)
    return errors


def validate_checkin(rows: list[Row]) -> list[DossierError]:
    """Checks of the rows of an XML0 check-in document (bảng trạng thái KCB), sent on its own."""
    errors: list[DossierError] = []
    check_rows("XML0", rows, errors)
    check_row_rules("XML0", rows, errors)
    return errors


def validate_header(header: EnvelopeHeader) -> list[DossierError]:
    """Checks of the envelope header: MACSKCB, NGAYLAP (yyyyMMdd), SOLUONGHOSO (a number)."""
    errors: list[DossierError] = []
    if not header.facility_code:
        errors.append(make_error("REQUIRED", ENVELOPE_TABLE, None, "MACSKCB"))
    elif (problem := _check_identifier("facility", header.facility_code)) is not None:
        errors.append(
            make_error(
                problem.rule,
                ENVELOPE_TABLE,
                None,
                "MACSKCB",
                header.facility_code,
                detail_vi=problem.message_vi,
                detail_en=problem.message_en,
                detail_rule=problem.detail_rule,
            )
        )
    if not header.created:
        errors.append(make_error("REQUIRED", ENVELOPE_TABLE, None, "NGAYLAP"))
    elif not dates.is_valid(header.created, dates.DATE):
        errors.append(make_error("DATE_FORMAT", ENVELOPE_TABLE, None, "NGAYLAP", header.created, format=dates.DATE))
    if header.declared_count and not header.declared_count.isdecimal():
        errors.append(make_error("NUMBER_FORMAT", ENVELOPE_TABLE, None, "SOLUONGHOSO", header.declared_count))
    return errors


class EnvelopeValidator:
    """Validates the dossiers of one envelope in order, adding the rules that span dossiers.

    >>> checker = EnvelopeValidator(reader.header)      # doctest: +SKIP
    >>> for dossier in reader: errors = checker.check(dossier)
    >>> envelope_errors = checker.finish()
    """

    def __init__(self, header: EnvelopeHeader) -> None:
        self.header = header
        self._seen: set[str] = set()
        self._count = 0

    def check(self, dossier: Dossier) -> list[DossierError]:
        """:func:`validate_dossier` plus MA_LK_DUPLICATE when an earlier dossier had the same MA_LK."""
        self._count += 1
        errors = validate_dossier(dossier)
        ma_lk = dossier.ma_lk
        if ma_lk:
            if ma_lk in self._seen:
                errors.append(make_error("MA_LK_DUPLICATE", "XML1", 1, "MA_LK", ma_lk))
            self._seen.add(ma_lk)
        return errors

    def finish(self) -> list[DossierError]:
        """Envelope-level problems: header checks and SOLUONGHOSO against the dossiers seen."""
        errors = validate_header(self.header)
        declared = self.header.declared_count
        if declared.isdecimal() and int(declared) != self._count:
            errors.append(
                make_error("COUNT_MISMATCH", ENVELOPE_TABLE, None, "SOLUONGHOSO", declared, count=self._count)
            )
        return errors
