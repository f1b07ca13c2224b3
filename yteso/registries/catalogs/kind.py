"""Catalog import kinds: ``icd10``, ``provinces``, ``services``, ``admin-units``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from yteso.registries.catalogs import admin_units, icd10, provinces, services
from yteso.registries.catalogs.model import Catalog
from yteso.registries.catalogs.store import load_catalogs
from yteso.registries.csvfile import CsvSchema, CsvTable
from yteso.registries.errors import RowProblem
from yteso.registries.importer import ImportReport, Progress
from yteso.settings import Settings

Parser = Callable[[CsvTable, dict[str, Any]], tuple[list[Catalog], list[RowProblem], list[str]]]


class CatalogKind:
    """All good rows of the file become one catalog (or two), loaded in one transaction."""

    def __init__(self, name: str, title: str, schema: CsvSchema, parser: Parser):
        self.name, self.title, self.schema, self.parser = name, title, schema, parser

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
        report.rows = len(table.rows)
        catalogs, problems, notes = self.parser(table, options)
        report.problems.extend(problems)
        report.notes.extend(notes)
        progress(report.rows // 2)
        with sessions() as session:
            tx = session.begin()
            try:
                loaded = load_catalogs(session, settings, catalogs, agent=f"registry-import:{self.name}")
            except BaseException:
                tx.rollback()
                raise
            if dry_run:
                tx.rollback()
            else:
                tx.commit()
        report.add(loaded.resources)
        for cat in catalogs:
            written = loaded.concepts_written.get(cat.url)
            state = f"{written} concept rows written" if written is not None else "concept rows unchanged"
            report.notes.append(f"{cat.url} (version {cat.version}): {len(cat.concepts)} codes, {state}")
        progress(report.rows - report.rows // 2)


ICD10 = CatalogKind("icd10", "ICD-10 (QĐ 4469/QĐ-BYT)", icd10.SCHEMA, icd10.parse)
PROVINCES = CatalogKind("provinces", "Tỉnh, thành phố (63 trước / 34 sau 07/2025)", provinces.SCHEMA, provinces.parse)
SERVICES = CatalogKind("services", "Dịch vụ kỹ thuật và ICD-9-CM (QĐ 4440/QĐ-BYT)", services.SCHEMA, services.parse)
ADMIN_UNITS = CatalogKind(
    "admin-units", "Đơn vị hành chính tỉnh/huyện/xã (2024)", admin_units.SCHEMA, admin_units.parse
)
