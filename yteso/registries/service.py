"""Public entry points of the registries: the import kinds and :func:`import_file`.

Other packages use the registries through this module (and the FHIR API): facilities, practitioners
and products are ordinary FHIR resources; catalogs answer ``$lookup``/``$validate-code``/``$expand``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from yteso.core.errors import NotFound
from yteso.registries.catalogs.kind import ADMIN_UNITS, ICD10, PROVINCES, SERVICES
from yteso.registries.facilities.kind import FacilitiesKind
from yteso.registries.geography import data_path
from yteso.registries.importer import ImportReport, Kind, Progress, run_import
from yteso.registries.practitioners.kind import PractitionersKind
from yteso.registries.products.kind import DevicesKind, MedicationsKind
from yteso.settings import Settings

KINDS: dict[str, Kind] = {
    "facilities": FacilitiesKind(),
    "practitioners": PractitionersKind(),
    "medications": MedicationsKind(),
    "devices": DevicesKind(),
    "icd10": ICD10,
    "provinces": PROVINCES,
    "services": SERVICES,
    "admin-units": ADMIN_UNITS,
}
"""Import kinds by name (the ``KIND`` of ``yteso registry import KIND FILE``)."""

BUNDLED = {
    "icd10": "icd10_qd4469_vi_en.csv",
    "provinces": "provinces_63_pre2025.csv",
    "provinces-2025": "provinces_34_post2025-07.csv",
    "admin-units": "dvhc_tinh_huyen_xa_2024-06-11.csv",
}
"""Official files shipped in ``yteso/registries/data`` (see its README), by import kind."""


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFound(
            f"Unknown registry kind {name!r}; one of {', '.join(KINDS)}",
            f"Không có loại danh mục {name!r}; dùng một trong: {', '.join(KINDS)}",
        ) from None


def bundled_file(name: str) -> Path:
    """Path of a shipped official file (``icd10``, ``provinces``, ``provinces-2025``, ``admin-units``)."""
    return Path(data_path(BUNDLED[name]))


def import_file(
    kind_name: str,
    path: str | Path,
    sessions: sessionmaker[Session],
    settings: Settings,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    options: dict[str, Any] | None = None,
    on_read: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate and load ``path`` as ``kind_name``: bad rows are reported and skipped, good rows loaded.

    Raises :class:`~yteso.registries.errors.FileProblem` (nothing loaded) for a file that is not
    UTF-8 CSV or lacks required columns. Loading is idempotent: unchanged rows change nothing.
    """
    return run_import(
        kind(kind_name),
        path,
        sessions,
        settings,
        dry_run=dry_run,
        progress=progress,
        options=options,
        on_read=on_read,
    )
