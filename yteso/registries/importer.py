"""``yteso registry import KIND FILE``: validate a CSV, report bad rows, load the good ones idempotently.

Every kind follows the same steps: read the file (a whole-file problem stops here, nothing loaded),
validate each row (bad rows become :class:`RowProblem` and are skipped), then load. Registry kinds
(facilities, practitioners, medications, devices) map rows to FHIR resources and upsert them in
chunks, one transaction per chunk; catalog kinds (icd10, provinces, services, admin-units) build
CodeSystem + ValueSet resources and the concept table in one transaction. ``dry_run`` does all of
it and rolls back, so its counts say exactly what a real run would do.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from yteso.core.id_rules import IdentifierError
from yteso.fhir.service import system_context
from yteso.registries.csvfile import CsvRow, CsvSchema, CsvTable, read_table
from yteso.registries.errors import RowInvalid, RowProblem
from yteso.registries.upsert import Key, Planned, UpsertResult, find_existing, upsert
from yteso.settings import Settings

Progress = Callable[[int], None]
CHUNK_ROWS = 250


@dataclass
class ImportReport:
    """What an import did: rows read, problems, and per resource type created/updated/unchanged."""

    kind: str
    path: str
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def good_rows(self) -> int:
        return self.rows - self.bad_rows

    def add(self, result: UpsertResult) -> None:
        self.created.update(result.created)
        self.updated.update(result.updated)
        self.unchanged.update(result.unchanged)

    def as_dict(self) -> dict[str, Any]:
        types = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return {
            "kind": self.kind,
            "rows": self.rows,
            "good_rows": self.good_rows,
            "bad_rows": self.bad_rows,
            "dry_run": self.dry_run,
            "resources": {
                t: {"created": self.created[t], "updated": self.updated[t], "unchanged": self.unchanged[t]}
                for t in types
            },
            "problems": [_problem_dict(p) for p in self.problems],
        }


def _problem_dict(p: RowProblem) -> dict[str, Any]:
    return {
        "row": p.row,
        "column": p.column,
        "value": p.value,
        "rule": p.rule,
        "message_vi": p.message_vi,
        "message_en": p.message_en,
    }


class Kind(Protocol):
    """One importable kind of file."""

    name: str
    title: str
    schema: CsvSchema

    def run(
        self,
        table: CsvTable,
        sessions: sessionmaker[Session],
        settings: Settings,
        report: ImportReport,
        *,
        dry_run: bool,
        progress: Progress,
        options: dict[str, Any],
    ) -> None: ...


class RecordKind:
    """Base of the registry kinds: one row → one record → a few FHIR resources keyed by identifier."""

    name = ""
    title = ""
    schema = CsvSchema(())
    agent = "registry-import"

    # -- to implement ---------------------------------------------------------------------------
    def record(self, row: CsvRow) -> Any:
        """Validate a row; raise :class:`RowInvalid` or ``IdentifierError`` on the first broken rule."""
        raise NotImplementedError

    def unique_key(self, record: Any) -> str:
        """Two rows with the same key in one file are a duplicate."""
        raise NotImplementedError

    def plans(self, record: Any, row: int) -> list[Planned]:
        raise NotImplementedError

    def references(self, record: Any) -> list[Key]:
        """Keys of stored resources a record points to (resolved before building)."""
        return []

    def check_references(self, record: Any, row: int, found: dict[Key, str]) -> RowProblem | None:
        """A problem when a reference the record needs is missing from the store."""
        return None

    # -- the shared pipeline -----------------------------------------------------------------------
    def validate(self, table: CsvTable, report: ImportReport) -> list[tuple[int, Any]]:
        """Good records with their row numbers; problems of the others go into ``report``."""
        report.rows = len(table.rows)
        report.problems.extend(table.problems)
        bad = {p.row for p in table.problems}
        seen: dict[str, int] = {}
        good: list[tuple[int, Any]] = []
        for row in table.rows:
            if row.row in bad:
                continue
            try:
                record = self.record(row)
            except RowInvalid as exc:
                report.problems.append(exc.at(row.row))
                continue
            except IdentifierError as exc:
                report.problems.append(RowProblem.from_identifier_error(row.row, exc))
                continue
            key = self.unique_key(record)
            if key in seen:
                report.problems.append(
                    RowProblem(
                        row.row,
                        None,
                        key,
                        "row.duplicate",
                        f"Trùng với dòng {seen[key]} (cùng mã {key}); dòng này không được nạp.",
                        f"Duplicate of row {seen[key]} (same code {key}); this row is not loaded.",
                    )
                )
                continue
            seen[key] = row.row
            good.append((row.row, record))
        return good

    def run(
        self,
        table: CsvTable,
        sessions: sessionmaker[Session],
        settings: Settings,
        report: ImportReport,
        *,
        dry_run: bool,
        progress: Progress,
        options: dict[str, Any],
    ) -> None:
        good = self.validate(table, report)
        progress(report.rows - len(good))
        for start in range(0, len(good), CHUNK_ROWS):
            chunk = good[start : start + CHUNK_ROWS]
            with sessions() as session:
                tx = session.begin()
                try:
                    self.load_chunk(session, settings, chunk, report)
                except BaseException:
                    tx.rollback()
                    raise
                if dry_run:
                    tx.rollback()
                else:
                    tx.commit()
            progress(len(chunk))

    def load_chunk(
        self, session: Session, settings: Settings, chunk: list[tuple[int, Any]], report: ImportReport
    ) -> None:
        ctx = system_context(session, settings, agent=f"{self.agent}:{self.name}")
        refs = [k for _row, record in chunk for k in self.references(record)]
        found: dict[Key, str] = {}
        if refs:
            found = {k: hits[0][0] for k, hits in find_existing(ctx, refs).items() if len(hits) == 1}
        plans: list[Planned] = []
        for row, record in chunk:
            problem = self.check_references(record, row, found)
            if problem is not None:
                report.problems.append(problem)
                continue
            plans.extend(self.plans(record, row))
        result = upsert(ctx, plans, references=refs)
        report.add(result)
        for row, exc in sorted(result.failed.items()):
            issue = exc.issues[-1] if exc.issues else None
            report.problems.append(
                RowProblem(
                    row,
                    issue.expression if issue else None,
                    issue.value if issue else None,
                    (issue.rule if issue and issue.rule else None) or f"fhir.{exc.code}",
                    f"Không lưu được: {issue.message_vi if issue else exc.message_vi}",
                    f"Could not store: {issue.message_en if issue else exc.message_en}",
                )
            )


def run_import(
    kind: Kind,
    path: str | Path,
    sessions: sessionmaker[Session],
    settings: Settings,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: dict[str, Any] | None = None,
    on_read: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``path`` as ``kind``. Raises :class:`~yteso.registries.errors.FileProblem` (nothing loaded)
    when the file as a whole is unusable; otherwise returns the report (bad rows listed, not loaded).
    ``on_read`` is told the number of data rows once the file is read (to size a progress bar).
    """
    started = time.perf_counter()
    table = read_table(path, kind.schema)
    if on_read is not None:
        on_read(len(table.rows))
    report = ImportReport(kind.name, str(path), dry_run=dry_run)
    kind.run(
        table,
        sessions,
        settings,
        report,
        dry_run=dry_run,
        progress=progress or (lambda _n: None),
        options=options or {},
    )
    report.problems.sort(key=lambda p: p.row)
    report.seconds = time.perf_counter() - started
    return report
