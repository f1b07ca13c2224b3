"""Administrative units shipped with the package (list of 11/06/2024): provinces, districts, communes.

Used to validate the province and commune of a facility and to name them; read once and cached.
Since 01/07/2025 Vietnam has 34 provinces and no district level; commune codes of the new wards are
not in this list (see docs/registries.md), which is why a commune code must be one of 2024.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yteso.identity.provinces import province_2025_by_code, province_by_code

DVHC_FILE = "dvhc_tinh_huyen_xa_2024-06-11.csv"


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune-level unit (xã, phường, thị trấn) with its district and province."""

    code: str
    name: str
    kind: str
    """``Xã``, ``Phường`` or ``Thị trấn``."""
    district_code: str
    district_name: str
    province_code: str
    province_name: str

    @property
    def short_name(self) -> str:
        """``Phường Phúc Xá`` → ``Phúc Xá``."""
        return self.name.removeprefix(self.kind).strip() or self.name


def data_path(filename: str) -> str:
    """Path of a file shipped in ``yteso/registries/data``."""
    return str(resources.files("yteso.registries").joinpath("data", filename))


@cache
def communes() -> dict[str, Commune]:
    """Every commune of the 2024 list by its 5-digit code."""
    with open(data_path(DVHC_FILE), encoding="utf-8", newline="") as f:
        return {
            r["maxa"]: Commune(r["maxa"], r["tenxa"], r["cap"], r["mahuyen"], r["tenhuyen"], r["matinh"], r["tentinh"])
            for r in csv.DictReader(f)
            if r["maxa"]
        }


@cache
def communes_of(province_code: str) -> tuple[Commune, ...]:
    """Communes of a pre-2025 province, in code order."""
    return tuple(sorted((c for c in communes().values() if c.province_code == province_code), key=lambda c: c.code))


def province_name(code: str) -> str | None:
    """Name of a pre-2025 province, else of a post-2025 one, else ``None``."""
    old = province_by_code(code)
    if old is not None:
        return old.name
    new = province_2025_by_code(code)
    return new.name if new is not None else None


def same_province(code_province: str, stated: str) -> bool:
    """Whether province ``stated`` agrees with ``code_province`` (from a facility code or commune):
    equal, or the province ``code_province`` was merged into on 01/07/2025."""
    if code_province == stated:
        return True
    old = province_by_code(code_province)
    return old is not None and old.post2025_code == stated
