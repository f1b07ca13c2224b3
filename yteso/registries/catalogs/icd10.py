"""ICD-10 of QĐ 4469/QĐ-BYT (28/10/2020): Vietnamese names, English designations, usage annexes.

The main file (``icd10_qd4469_vi_en.csv``) lists chapters, groups and every code with its Vietnamese
and English name. Codes are stored with the dot and without the dagger/asterisk marks (``A17.0†`` →
``A17.0`` with property ``dagger``), since claims carry the bare code (SPEC §5). A code listed both
plain and marked is one concept (a differently worded marked name becomes a Vietnamese
designation). Annex A2 (codes not allowed as main diagnosis) and annexes A4.1 /
A4.2 (female-only / male-only codes) are read from their files beside the main one (or given
explicitly) and become the properties ``notMainDiagnosis`` and ``sex``. Boolean properties appear
only when true.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from yteso.core.text import fold
from yteso.registries import systems
from yteso.registries.catalogs.model import Catalog, Concept, prop, prop_def
from yteso.registries.csvfile import Column, CsvSchema, CsvTable, read_table
from yteso.registries.errors import RowProblem

SCHEMA = CsvSchema(
    (
        Column("disease_code", aliases=("MA_BENH", "ma_icd"), vi="Mã bệnh, có dấu chấm (A00.0, A17.0†)",
               en="Code with dot"),
        Column("disease_name_vi", aliases=("TEN_BENH", "ten_benh_vi"), vi="Tên bệnh tiếng Việt", en="Vietnamese name"),
        Column("disease_name_en", required=False, aliases=("ten_benh_en",), vi="Tên tiếng Anh", en="English name"),
        Column("chapter_code", required=False, aliases=("MA_CHUONG",), vi="Mã chương (A00-B99)", en="Chapter"),
        Column("main_group_code", required=False, aliases=("MA_NHOM_CHINH",), vi="Mã nhóm chính (A00-A09)",
               en="Main group"),
        Column("disease_code_nodot", required=False, vi="Mã không dấu chấm", en="Code without dot"),
    )
)  # fmt: skip

ANNEX_SCHEMA = CsvSchema(
    (
        Column("code_nodot", aliases=("MA_BENH", "disease_code_nodot", "code"), vi="Mã bệnh (không dấu chấm)",
               en="Code without dot"),
    )
)  # fmt: skip

ANNEX_FILES = {
    "not_main": "icd10_qd4469_A2_not_main_diagnosis.csv",
    "female_only": "icd10_qd4469_A4.1_female_only.csv",
    "male_only": "icd10_qd4469_A4.2_male_only.csv",
}
"""Annex files looked for beside the main file when not given explicitly."""

_CODE = re.compile(r"([A-Z]\d{2}(?:\.\d{1,2})?)([†*+]?)")
_ANNOTATION = re.compile(r"\s*\([A-Z]\d{2}(\.\d{1,2})?[†*+]?\)\s*")

PROPERTIES = [
    prop_def("chapter", "code", "Chương (chapter), e.g. A00-B99"),
    prop_def("group", "code", "Nhóm chính (main group), e.g. A00-A09"),
    prop_def("parent", "code", "Mã cha (the 3- or 4-character code this one refines)"),
    prop_def("dagger", "boolean", "Mã dao găm † (etiology code of a dagger-asterisk pair)"),
    prop_def("asterisk", "boolean", "Mã dấu sao * (manifestation code of a dagger-asterisk pair)"),
    prop_def("notMainDiagnosis", "boolean", "Không dùng làm bệnh chính (QĐ 4469 annex A2)"),
    prop_def("sex", "code", "Chỉ dùng cho giới tính này: female (annex A4.1) / male (annex A4.2)"),
]


def parse(table: CsvTable, options: dict[str, Any]) -> tuple[list[Catalog], list[RowProblem], list[str]]:
    """The ICD-10 catalog, the row problems of the main file, and notes (annexes used, codes skipped)."""
    problems = list(table.problems)
    bad = {p.row for p in problems}
    concepts: dict[str, Concept] = {}
    first_row: dict[str, int] = {}
    for row in table.rows:
        if row.row in bad:
            continue
        raw_code = row.get("disease_code")
        m = _CODE.fullmatch(raw_code)
        if not m:
            problems.append(
                RowProblem(
                    row.row,
                    "disease_code",
                    raw_code,
                    "icd10.code_format",
                    "Mã ICD-10 phải có dạng chữ cái + 2 chữ số, có thể thêm dấu chấm và 1-2 chữ số (A00, A00.0).",
                    "An ICD-10 code is a letter and 2 digits, optionally a dot and 1-2 digits (A00, A00.0).",
                )
            )
            continue
        code, mark = m.groups()
        name_vi = row.get("disease_name_vi")
        if not name_vi:
            problems.append(
                RowProblem(
                    row.row,
                    "disease_name_vi",
                    "",
                    "icd10.name_required",
                    "Thiếu tên bệnh tiếng Việt.",
                    "The Vietnamese name is missing.",
                )
            )
            continue
        existing = concepts.get(code)
        if existing is not None:
            if _bare(existing.display) != _bare(name_vi) and mark and not _marked(existing):
                # the plain and the dagger/asterisk listing of one code, worded differently: keep both names
                existing.designations.append({"language": "vi", "value": name_vi})
            elif _bare(existing.display) != _bare(name_vi):
                problems.append(
                    RowProblem(
                        row.row,
                        "disease_code",
                        raw_code,
                        "row.duplicate",
                        f"Mã {code} đã có ở dòng {first_row[code]} với tên khác; dòng này không được nạp.",
                        f"Code {code} already appears in row {first_row[code]} with another name; not loaded.",
                    )
                )
                continue
            _add_mark(existing, mark)
            continue
        concept = Concept(code, name_vi)
        name_en = row.get("disease_name_en")
        if name_en:
            concept.designations.append({"language": "en", "value": name_en})
        if row.get("chapter_code"):
            concept.properties.append(prop("chapter", row.get("chapter_code")))
        if row.get("main_group_code"):
            concept.properties.append(prop("group", row.get("main_group_code")))
        _add_mark(concept, mark)
        concepts[code] = concept
        first_row[code] = row.row
    _add_parents(concepts)
    notes = _apply_annexes(concepts, Path(table.path), options)
    catalog = Catalog(
        url=systems.ICD10_VN,
        id="icd-10-vn",
        name="ICD10VN",
        title="Bảng phân loại quốc tế bệnh tật ICD-10 (QĐ 4469/QĐ-BYT)",
        version=str(options.get("version") or "QD4469-2020"),
        description=(
            "ICD-10 bản tiếng Việt ban hành theo Quyết định 4469/QĐ-BYT ngày 28/10/2020, kèm tên tiếng Anh, "
            "mã không dùng làm bệnh chính (phụ lục A2) và mã theo giới tính (A4.1, A4.2). "
            "ICD-10 Vietnamese edition with English names and usage rules."
        ),
        date="2020-10-28",
        property_defs=PROPERTIES,
        concepts=list(concepts.values()),
    )
    return [catalog], problems, notes


def _bare(name: str) -> str:
    return fold(_ANNOTATION.sub(" ", name))


def _marked(concept: Concept) -> bool:
    return any(p["code"] in ("dagger", "asterisk") for p in concept.properties)


def _add_mark(concept: Concept, mark: str) -> None:
    name = {"†": "dagger", "+": "dagger", "*": "asterisk"}.get(mark)
    if name and not any(p["code"] == name for p in concept.properties):
        concept.properties.append(prop(name, True, "boolean"))


def _add_parents(concepts: dict[str, Concept]) -> None:
    for code, concept in concepts.items():
        if "." not in code:
            continue
        head, tail = code.split(".")
        parent = f"{head}.{tail[:-1]}" if len(tail) == 2 and f"{head}.{tail[:-1]}" in concepts else head
        if parent in concepts:
            concept.properties.append(prop("parent", parent))


def _annex_codes(path: Path) -> list[str]:
    return [r.get("code_nodot") for r in read_table(path, ANNEX_SCHEMA).rows if r.get("code_nodot")]


def _apply_annexes(concepts: dict[str, Concept], main: Path, options: dict[str, Any]) -> list[str]:
    by_nodot = {code.replace(".", ""): c for code, c in concepts.items()}
    notes = []
    for key, filename in ANNEX_FILES.items():
        given = options.get(key)
        path = Path(given) if given else main.with_name(filename)
        if not path.is_file():
            notes.append(f"annex {key}: {path.name} not found, property not set")
            continue
        codes = [c.rstrip("†*+") for c in _annex_codes(path)]
        matched = 0
        for nodot in codes:
            concept = by_nodot.get(nodot)
            if concept is None:
                continue
            matched += 1
            if key == "not_main":
                if not any(p["code"] == "notMainDiagnosis" for p in concept.properties):
                    concept.properties.append(prop("notMainDiagnosis", True, "boolean"))
            elif not any(p["code"] == "sex" for p in concept.properties):
                concept.properties.append(prop("sex", "female" if key == "female_only" else "male"))
        notes.append(f"annex {key}: {path.name}, {matched} of {len(codes)} codes matched the main list")
    return notes
