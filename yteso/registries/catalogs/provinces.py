"""Province catalogs: the 63 provinces before 01/07/2025 and the 34 since (Nghị quyết 202/2025/QH15).

One import kind reads either file and tells them apart by their columns: the pre-2025 list carries
the 3-digit CCCD prefix (``cccd_prefix_3digit``), the post-2025 list the division type and ward
count. ``--edition 63|34`` forces the choice.
"""

from __future__ import annotations

from typing import Any

from yteso.registries import systems
from yteso.registries.catalogs.model import Catalog, Concept, prop, prop_def
from yteso.registries.csvfile import Column, CsvSchema, CsvTable
from yteso.registries.errors import RowProblem

SCHEMA = CsvSchema(
    (
        Column("ma_tinh", aliases=("matinh_2digit", "code_2digit", "code", "MA_TINH"), vi="Mã tỉnh (2 chữ số)",
               en="Province code"),
        Column("ten_tinh", aliases=("name", "tentinh", "TEN_TINH"), vi="Tên tỉnh, thành phố", en="Name"),
        Column("cccd_prefix", required=False, aliases=("cccd_prefix_3digit",),
               vi="3 chữ số đầu CCCD (danh sách 63 tỉnh)", en="CCCD prefix (63-province list)"),
        Column("post2025_code", required=False, aliases=("ma_tinh_moi",), vi="Mã tỉnh sau sáp nhập 07/2025",
               en="Province merged into (07/2025)"),
        Column("division_type", required=False, aliases=("loai",), vi="Loại đơn vị (danh sách 34 tỉnh)",
               en="Division type (34-province list)"),
        Column("ward_count", required=False, aliases=("so_xa",), vi="Số xã, phường", en="Number of communes"),
    )
)  # fmt: skip


def parse(table: CsvTable, options: dict[str, Any]) -> tuple[list[Catalog], list[RowProblem], list[str]]:
    edition = str(options.get("edition") or ("63" if "cccd_prefix" in table.columns else "34"))
    problems = list(table.problems)
    bad = {p.row for p in problems}
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        if row.row in bad:
            continue
        code, name = row.get("ma_tinh"), row.get("ten_tinh")
        problem = _check(row.row, code, name, seen)
        if problem is None and edition == "63":
            prefix = row.get("cccd_prefix")
            if prefix and prefix != f"0{code}":
                problem = RowProblem(
                    row.row, "cccd_prefix", prefix, "province.cccd_prefix",
                    f"Mã CCCD của tỉnh {code} phải là 0{code}.", f"The CCCD prefix of province {code} must be 0{code}.",
                )  # fmt: skip
        if problem is None and row.get("ward_count") and not row.get("ward_count").isdigit():
            problem = RowProblem(
                row.row, "ward_count", row.get("ward_count"), "province.ward_count",
                "Số xã phải là số nguyên.", "The number of communes must be an integer.",
            )  # fmt: skip
        if problem is not None:
            problems.append(problem)
            continue
        seen[code] = row.row
        concept = Concept(code, name)
        if edition == "63":
            concept.properties.append(prop("cccdPrefix", row.get("cccd_prefix") or f"0{code}", "string"))
            if row.get("post2025_code"):
                concept.properties.append(prop("mergedInto", row.get("post2025_code")))
        else:
            if row.get("division_type"):
                concept.properties.append(prop("divisionType", row.get("division_type"), "string"))
            if row.get("ward_count"):
                concept.properties.append(prop("wardCount", int(row.get("ward_count")), "integer"))
        concepts.append(concept)
    return [_catalog(edition, concepts, options)], problems, [f"edition: {edition} provinces"]


def _check(row: int, code: str, name: str, seen: dict[str, int]) -> RowProblem | None:
    if not (len(code) == 2 and code.isdigit()):
        return RowProblem(
            row, "ma_tinh", code, "province.code_format", "Mã tỉnh gồm đúng 2 chữ số.",
            "A province code is exactly 2 digits.",
        )  # fmt: skip
    if not name:
        return RowProblem(row, "ten_tinh", "", "province.name_required", "Thiếu tên tỉnh.", "The name is missing.")
    if code in seen:
        return RowProblem(
            row, "ma_tinh", code, "row.duplicate", f"Mã tỉnh {code} trùng với dòng {seen[code]}.",
            f"Province code {code} duplicates row {seen[code]}.",
        )  # fmt: skip
    return None


def _catalog(edition: str, concepts: list[Concept], options: dict[str, Any]) -> Catalog:
    if edition == "63":
        return Catalog(
            url=systems.PROVINCE_63,
            id="province-vn",
            name="ProvinceVN",
            title="Danh mục 63 tỉnh, thành phố (trước 01/07/2025)",
            version=str(options.get("version") or "2024-06-11"),
            description="Mã tỉnh theo danh mục đơn vị hành chính (QĐ 124/2004/QĐ-TTg), kèm 3 chữ số đầu CCCD. "
            "The 63 provinces before 1 July 2025 with their citizen-ID prefixes.",
            publisher="Tổng cục Thống kê",
            property_defs=[
                prop_def("cccdPrefix", "string", "3 chữ số đầu số định danh cá nhân (nơi đăng ký khai sinh)"),
                prop_def("mergedInto", "code", "Mã tỉnh mới sau sáp nhập 01/07/2025"),
            ],
            concepts=concepts,
        )
    return Catalog(
        url=systems.PROVINCE_34,
        id="province-vn-2025",
        name="ProvinceVN2025",
        title="Danh mục 34 tỉnh, thành phố (từ 01/07/2025)",
        version=str(options.get("version") or "2025-07-01"),
        description="Các tỉnh, thành phố sau sắp xếp đơn vị hành chính (Nghị quyết 202/2025/QH15). "
        "The 34 provinces since 1 July 2025.",
        publisher="Quốc hội",
        date="2025-07-01",
        property_defs=[
            prop_def("divisionType", "string", "Loại đơn vị: tỉnh / thành phố trung ương"),
            prop_def("wardCount", "integer", "Số đơn vị cấp xã"),
        ],
        concepts=concepts,
    )
