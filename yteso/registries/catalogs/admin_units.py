"""Administrative units (đơn vị hành chính): provinces, districts and communes in one CodeSystem.

Read from the GSO list of 11/06/2024 (one row per commune, with its district and province). Codes do
not collide across levels (2, 3 and 5 digits); each concept has a ``level`` and a ``parent``, and is
searchable by its full path (``Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội``).
"""

from __future__ import annotations

from typing import Any

from yteso.registries import systems
from yteso.registries.catalogs.model import Catalog, Concept, prop, prop_def
from yteso.registries.csvfile import Column, CsvSchema, CsvTable
from yteso.registries.errors import RowProblem

SCHEMA = CsvSchema(
    (
        Column("matinh", aliases=("MA_TINH",), vi="Mã tỉnh (2 chữ số)", en="Province code"),
        Column("tentinh", aliases=("TEN_TINH",), vi="Tên tỉnh", en="Province name"),
        Column("mahuyen", aliases=("MA_HUYEN",), vi="Mã huyện (3 chữ số)", en="District code"),
        Column("tenhuyen", aliases=("TEN_HUYEN",), vi="Tên huyện", en="District name"),
        Column("maxa", aliases=("MA_XA",), vi="Mã xã (5 chữ số; trống nếu huyện không có xã)", en="Commune code"),
        Column("tenxa", aliases=("TEN_XA",), vi="Tên xã", en="Commune name"),
        Column("cap", required=False, aliases=("CAP",), vi="Cấp: Xã, Phường, Thị trấn", en="Commune type"),
        Column("tentienganh", required=False, vi="Tên tiếng Anh", en="English name"),
    )
)


def parse(table: CsvTable, options: dict[str, Any]) -> tuple[list[Catalog], list[RowProblem], list[str]]:
    problems = list(table.problems)
    bad = {p.row for p in problems}
    concepts: dict[str, Concept] = {}
    names: dict[str, tuple[str, int]] = {}
    for row in table.rows:
        if row.row in bad:
            continue
        units = [
            ("matinh", "tentinh", 2, "province", None),
            ("mahuyen", "tenhuyen", 3, "district", row.get("matinh")),
            ("maxa", "tenxa", 5, "commune", row.get("mahuyen")),
        ]
        problem = _check(row.row, row.get, units, names)
        if problem is not None:
            problems.append(problem)
            continue
        path: list[str] = []
        for code_col, name_col, _width, level, parent in units:
            code, name = row.get(code_col), row.get(name_col)
            if not code:
                continue
            path.insert(0, name)
            names.setdefault(code, (name, row.row))
            if code in concepts:
                continue
            concept = Concept(code, name, search_extra=", ".join(path[1:]))
            concept.properties.append(prop("level", level))
            if parent:
                concept.properties.append(prop("parent", parent))
            if level == "commune":
                if row.get("cap"):
                    concept.properties.append(prop("type", row.get("cap"), "string"))
                if row.get("tentienganh"):
                    concept.designations.append({"language": "en", "value": row.get("tentienganh")})
            concepts[code] = concept
    for concept in concepts.values():
        # full path, most specific first, kept as a designation so $lookup shows it
        if concept.search_extra:
            concept.designations.insert(0, {"language": "vi", "value": f"{concept.display}, {concept.search_extra}"})
    catalog = Catalog(
        url=systems.ADMIN_UNIT,
        id="administrative-unit-vn",
        name="AdministrativeUnitVN",
        title="Danh mục đơn vị hành chính Việt Nam (tỉnh, huyện, xã — 11/06/2024)",
        version=str(options.get("version") or "2024-06-11"),
        description="Tỉnh (2 chữ số), huyện (3 chữ số), xã/phường/thị trấn (5 chữ số) theo danh mục của Tổng cục "
        "Thống kê ngày 11/06/2024. Provinces, districts and communes before the 2025 reorganisation.",
        publisher="Tổng cục Thống kê",
        date="2024-06-11",
        property_defs=[
            prop_def("level", "code", "province | district | commune"),
            prop_def("parent", "code", "Mã đơn vị cấp trên"),
            prop_def("type", "string", "Loại đơn vị cấp xã: Xã, Phường, Thị trấn"),
        ],
        concepts=list(concepts.values()),
    )
    return [catalog], problems, []


def _check(row: int, get: Any, units: list[tuple[str, str, int, str, str | None]],
           names: dict[str, tuple[str, int]]) -> RowProblem | None:  # fmt: skip
    for code_col, name_col, width, level, _parent in units:
        code, name = get(code_col), get(name_col)
        if level == "commune" and not code and not name:
            continue
        if not (len(code) == width and code.isdigit()):
            return RowProblem(
                row, code_col, code, "admin_unit.code_format", f"Mã {level} phải gồm đúng {width} chữ số.",
                f"A {level} code is exactly {width} digits.",
            )  # fmt: skip
        if not name:
            return RowProblem(row, name_col, "", "admin_unit.name_required", "Thiếu tên.", "The name is missing.")
        known = names.get(code)
        if known is not None and known[0] != name:
            return RowProblem(
                row, name_col, name, "admin_unit.name_conflict",
                f"Mã {code} đã có tên '{known[0]}' ở dòng {known[1]}.",
                f"Code {code} is named '{known[0]}' in row {known[1]}.",
            )  # fmt: skip
    return None
