"""Technical services (dịch vụ kỹ thuật, DVKT) and their ICD-9-CM procedure codes (QĐ 4440/QĐ-BYT annex 3).

One file gives two catalogs: the DVKT equivalent codes (``XX.YYYY.ZZZZ`` — chapter, technique,
price number) with their specialty, tier and category and the ICD-9-CM code they map to (property
``icd9cm``), and the ICD-9-CM Vol. 3 codes named in Vietnamese (a *fragment* of ICD-9-CM). When an
ICD-9-CM code carries two names in the file, the first is kept.
"""

from __future__ import annotations

import re
from typing import Any

from yteso.core.text import fold
from yteso.registries import systems
from yteso.registries.catalogs.model import Catalog, Concept, prop, prop_def
from yteso.registries.csvfile import Column, CsvSchema, CsvTable
from yteso.registries.errors import RowProblem

SCHEMA = CsvSchema(
    (
        Column("ma_tuong_duong", aliases=("MA_DICH_VU", "ma_dvkt"), vi="Mã tương đương DVKT (XX.YYYY.ZZZZ)",
               en="Service code"),
        Column("ten_dvkt", aliases=("TEN_DICH_VU",), vi="Tên dịch vụ kỹ thuật", en="Service name"),
        Column("ma_chuyen_khoa21", required=False, vi="Mã chuyên khoa", en="Specialty code"),
        Column("chuyen_khoa21", required=False, vi="Tên chuyên khoa", en="Specialty"),
        Column("phan_tuyen", required=False, vi="Phân tuyến kỹ thuật A/B/C/D", en="Technical tier"),
        Column("phan_loai", required=False, vi="Phân loại phẫu thuật, thủ thuật (P1, T2 …)", en="Category"),
        Column("ma_icd9cm", required=False, aliases=("MA_PTTT_QT",), vi="Mã ICD-9-CM", en="ICD-9-CM code"),
        Column("ten_icd9cm", required=False, vi="Tên ICD-9-CM tiếng Việt", en="ICD-9-CM name"),
        Column("chuong_icd9cm", required=False, vi="Chương ICD-9-CM", en="ICD-9-CM chapter"),
    )
)  # fmt: skip

_DVKT = re.compile(r"\d{2}\.\d{3}[0-9a-z]\.\d{4}")
_ICD9 = re.compile(r"\d{2}(\.\d{1,2})?")


def parse(table: CsvTable, options: dict[str, Any]) -> tuple[list[Catalog], list[RowProblem], list[str]]:
    problems = list(table.problems)
    bad = {p.row for p in problems}
    services: dict[str, Concept] = {}
    first: dict[str, int] = {}
    icd9: dict[str, Concept] = {}
    for row in table.rows:
        if row.row in bad:
            continue
        code, name, icd = row.get("ma_tuong_duong"), row.get("ten_dvkt"), row.get("ma_icd9cm")
        problem = _check(row.row, code, name, icd, services, first)
        if problem is not None:
            problems.append(problem)
            continue
        if code in services:  # an identical repeat
            continue
        concept = Concept(code, name, search_extra=row.get("chuyen_khoa21"))
        if row.get("ma_chuyen_khoa21"):
            concept.properties.append(prop("specialty", row.get("ma_chuyen_khoa21")))
        if row.get("chuyen_khoa21"):
            concept.properties.append(prop("specialtyName", row.get("chuyen_khoa21"), "string"))
        if row.get("phan_tuyen"):
            concept.properties.append(prop("tier", row.get("phan_tuyen")))
        if row.get("phan_loai"):
            concept.properties.append(prop("category", row.get("phan_loai")))
        if icd:
            icd_name = row.get("ten_icd9cm")
            coding = {"system": systems.ICD9CM, "code": icd, **({"display": icd_name} if icd_name else {})}
            concept.properties.append(prop("icd9cm", coding, "Coding"))
            if icd not in icd9 and icd_name:
                icd9[icd] = Concept(icd, icd_name)
                if row.get("chuong_icd9cm"):
                    icd9[icd].properties.append(prop("chapter", row.get("chuong_icd9cm"), "string"))
        services[code] = concept
        first[code] = row.row
    version = str(options.get("version") or "QD4440-2020")
    catalogs = [
        Catalog(
            url=systems.DVKT,
            id="dvkt-qd4440",
            name="DVKTQD4440",
            title="Danh mục dịch vụ kỹ thuật — mã tương đương (QĐ 4440/QĐ-BYT)",
            version=version,
            description="Mã tương đương dịch vụ kỹ thuật và ánh xạ ICD-9-CM theo phụ lục 3 Quyết định 4440/QĐ-BYT "
            "(27/10/2020). Technical-service codes with their ICD-9-CM procedure codes.",
            date="2020-10-27",
            property_defs=[
                prop_def("specialty", "code", "Mã chuyên khoa"),
                prop_def("specialtyName", "string", "Tên chuyên khoa"),
                prop_def("tier", "code", "Phân tuyến kỹ thuật (A, B, C, D)"),
                prop_def("category", "code", "Phân loại phẫu thuật / thủ thuật (P1-P3, PD, T1-T3, TD)"),
                prop_def("icd9cm", "Coding", "Mã ICD-9-CM tương ứng"),
            ],
            concepts=list(services.values()),
        )
    ]
    if icd9:
        catalogs.append(
            Catalog(
                url=systems.ICD9CM,
                id="icd-9-cm-vn",
                name="ICD9CMVN",
                title="ICD-9-CM tập 3 (thủ thuật, phẫu thuật) — tên tiếng Việt theo QĐ 4440/QĐ-BYT",
                version=version,
                description="Các mã ICD-9-CM được ánh xạ từ dịch vụ kỹ thuật (QĐ 4440/QĐ-BYT phụ lục 3), tên tiếng "
                "Việt. A fragment of ICD-9-CM Vol. 3.",
                date="2020-10-27",
                content="fragment",
                property_defs=[prop_def("chapter", "string", "Chương ICD-9-CM")],
                concepts=sorted(icd9.values(), key=lambda c: c.code),
            )
        )
    return catalogs, problems, [f"{len(services)} services, {len(icd9)} ICD-9-CM codes"]


def _check(
    row: int, code: str, name: str, icd: str, services: dict[str, Concept], first: dict[str, int]
) -> RowProblem | None:
    if not _DVKT.fullmatch(code):
        return RowProblem(
            row, "ma_tuong_duong", code, "service.code_format",
            "Mã DVKT có dạng XX.YYYY.ZZZZ (chương.kỹ thuật.giá).", "A service code looks like XX.YYYY.ZZZZ.",
        )  # fmt: skip
    if not name:
        return RowProblem(row, "ten_dvkt", "", "service.name_required", "Thiếu tên DVKT.", "The name is missing.")
    if icd and not _ICD9.fullmatch(icd):
        return RowProblem(
            row, "ma_icd9cm", icd, "service.icd9cm_format", "Mã ICD-9-CM có dạng NN hoặc NN.N(N).",
            "An ICD-9-CM procedure code looks like NN or NN.N(N).",
        )  # fmt: skip
    known = services.get(code)
    if known is not None and fold(known.display) != fold(name):
        return RowProblem(
            row, "ma_tuong_duong", code, "row.duplicate",
            f"Mã {code} đã có ở dòng {first[code]} với tên khác.",
            f"Code {code} already appears in row {first[code]} with another name.",
        )  # fmt: skip
    return None
