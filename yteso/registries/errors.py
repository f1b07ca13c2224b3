"""Problems found in a registry file: a bad row (reported, not loaded) or a bad file (nothing loaded)."""

from __future__ import annotations

from dataclasses import dataclass

from yteso.core.errors import Invalid, Issue
from yteso.core.id_rules import IdentifierError


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One broken rule in one row. ``row`` counts like a spreadsheet: the header is row 1."""

    row: int
    column: str | None
    value: str | None
    rule: str
    message_vi: str
    message_en: str

    @classmethod
    def from_identifier_error(cls, row: int, exc: IdentifierError) -> RowProblem:
        return cls(row, exc.field, exc.value, exc.rule, exc.message_vi, exc.message_en)


class RowInvalid(Exception):
    """Raised inside a row validator; collected into :class:`RowProblem` by the caller."""

    def __init__(self, column: str | None, value: str | None, rule: str, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.column, self.value, self.rule = column, value, rule
        self.message_vi, self.message_en = message_vi, message_en

    def at(self, row: int) -> RowProblem:
        return RowProblem(row, self.column, self.value, self.rule, self.message_vi, self.message_en)


class FileProblem(Invalid):
    """The file as a whole cannot be read (not UTF-8, not CSV, required columns missing): load nothing."""

    def __init__(self, rule: str, message_vi: str, message_en: str, *, value: str | None = None):
        super().__init__(message_en, message_vi, issues=[Issue(message_en, message_vi, value=value, rule=rule)])
        self.rule = rule
