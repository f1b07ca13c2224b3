"""Dossier-level rules around the visit summary XML1 (bảng tổng hợp): keys, facility, treatment
days, cards, identity, diagnoses against sex, tables allowed, and values that must repeat XML1.
"""

from __future__ import annotations

import unicodedata

from yteso.gateway.xml4750 import dates, spec
from yteso.gateway.xml4750.checks_rules import check_order
from yteso.gateway.xml4750.codes import icd10, normalise_icd10, split_codes
from yteso.gateway.xml4750.errors import DossierError, make_error
from yteso.gateway.xml4750.identifiers import cccd_birth_mismatch
from yteso.gateway.xml4750.model import Dossier, Row

ZERO_DAY_KINDS = frozenset({"01", "07", "09"})
"""MA_LOAI_KCB with SO_NGAY_DTRI = 0 (exam, drug collection, inpatient < 4 h)."""
SPAN_KINDS = frozenset({"02", "03", "04", "06"})
"""MA_LOAI_KCB with SO_NGAY_DTRI = NGAY_RA - NGAY_VAO + 1."""
XML8_KINDS = frozenset({"03", "04", "06"})
REFERRAL_DISCHARGES = frozenset({"2", "5"})
CARD_LISTS = ("MA_THE_BHYT", "MA_DKBD", "GT_THE_TU", "GT_THE_DEN")


def check_visit(dossier: Dossier, errors: list[DossierError]) -> Row | None:
    """XML1 presence, MA_LK of every row, facility code; returns the XML1 row when there is one."""
    summaries = dossier.rows("XML1")
    if not summaries:
        if "XML1" not in dossier.file_counts:
            errors.append(make_error("XML1_MISSING", "XML1"))
        return None
    if len(summaries) > 1:
        errors.append(make_error("XML1_DUPLICATE", "XML1"))
    xml1 = summaries[0]
    ma_lk = xml1.get("MA_LK", "")
    for name, rows in dossier.tables.items():
        if name == "XML1" or not ma_lk:
            continue
        for row_no, row in enumerate(rows, start=1):
            value = row.get("MA_LK", "")
            if value and value != ma_lk:
                errors.append(make_error("MA_LK_MISMATCH", name, row_no, "MA_LK", value, expected=ma_lk))
    facility = xml1.get("MA_CSKCB", "")
    if dossier.facility_code and facility and facility != dossier.facility_code:
        errors.append(make_error("FACILITY_MISMATCH", "XML1", 1, "MA_CSKCB", facility, expected=dossier.facility_code))
    return xml1


def check_summary(dossier: Dossier, xml1: Row, errors: list[DossierError]) -> None:
    """Rules of XML1 that combine its fields, and which tables the visit may carry."""
    _treatment_days(xml1, errors)
    _card_lists(xml1, errors)
    _identity("XML1", 1, xml1.get("SO_CCCD", ""), xml1.get("NGAY_SINH", ""), xml1.get("GIOI_TINH", ""), errors)
    for row_no, row in enumerate(dossier.rows("XML9"), start=1):
        _identity("XML9", row_no, row.get("SO_CCCD_NND", ""), row.get("NGAYSINH_NND", ""), "", errors)
    _diagnoses_vs_sex(dossier, xml1, errors)
    kind, discharge = xml1.get("MA_LOAI_KCB", ""), xml1.get("MA_LOAI_RV", "")
    if dossier.rows("XML8") and kind and kind not in XML8_KINDS:
        errors.append(
            make_error(
                "TABLE_CONDITION",
                "XML8",
                condition=f"MA_LOAI_KCB = {kind} (chỉ 03, 04, 06)",
                condition_en=f"MA_LOAI_KCB = {kind} (only 03, 04, 06)",
            )
        )
    if dossier.rows("XML13") and discharge and discharge not in REFERRAL_DISCHARGES:
        errors.append(
            make_error(
                "TABLE_CONDITION",
                "XML13",
                condition=f"MA_LOAI_RV = {discharge} (chỉ 2, 5)",
                condition_en=f"MA_LOAI_RV = {discharge} (only 2, 5)",
            )
        )
    for row_no, row in enumerate(dossier.rows("XML14"), start=1):
        if not row.get("NGAY_RA"):
            check_order(
                "XML14", row_no, row.get("NGAY_HEN_KL", ""), "NGAY_HEN_KL", xml1.get("NGAY_RA", ""), "NGAY_RA", errors
            )
        if not row.get("NGAY_VAO"):
            check_order(
                "XML14", row_no, row.get("NGAY_CT", ""), "NGAY_CT", xml1.get("NGAY_VAO", ""), "NGAY_VAO", errors
            )


def check_same_as_xml1(dossier: Dossier, xml1: Row, errors: list[DossierError]) -> None:
    """Fields of XML6, XML13, XML14, XML15 that, when filled, must repeat XML1 (gateway rule)."""
    for name in ("XML6", "XML13", "XML14", "XML15"):
        rows = dossier.rows(name)
        if not rows:
            continue
        pairs = [(f.name, f.same_as_xml1, f.multi) for f in spec.table(name).fields if f.same_as_xml1]
        for row_no, row in enumerate(rows, start=1):
            for field, source, multi in pairs:
                value, expected = row.get(field, ""), xml1.get(source, "")
                if value and not _same(value, expected, multi):
                    errors.append(make_error("XML1_MISMATCH", name, row_no, field, value, expected=expected))


def _same(value: str, expected: str, multi: bool) -> bool:
    if multi:
        wanted = {_norm(v) for v in split_codes(expected)}
        return all(_norm(v) in wanted for v in split_codes(value))
    return _norm(value) == _norm(expected)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _treatment_days(xml1: Row, errors: list[DossierError]) -> None:
    kind, value = xml1.get("MA_LOAI_KCB", ""), xml1.get("SO_NGAY_DTRI", "")
    if not value.isdecimal():
        return
    if kind in ZERO_DAY_KINDS:
        allowed = {0}
    elif kind in SPAN_KINDS:
        end = dates.day_of(xml1.get("NGAY_RA", ""))
        starts = [dates.day_of(xml1.get(f, "")) for f in ("NGAY_VAO", "NGAY_VAO_NOI_TRU")]
        allowed = {(end - start).days + 1 for start in starts if start is not None and end is not None}
        if not allowed:
            return
    else:
        return
    if int(value) not in allowed:
        expected = " hoặc / or ".join(str(v) for v in sorted(allowed))
        errors.append(make_error("SO_NGAY_DTRI", "XML1", 1, "SO_NGAY_DTRI", value, expected=expected, kind=kind))


def _card_lists(xml1: Row, errors: list[DossierError]) -> None:
    counts = {f: len(split_codes(xml1.get(f, ""))) for f in CARD_LISTS}
    present = {c for c in counts.values() if c}
    if len(present) > 1:
        errors.append(make_error("CARD_LIST_MISMATCH", "XML1", 1, None, fields=", ".join(CARD_LISTS)))
        return
    starts, ends = split_codes(xml1.get("GT_THE_TU", "")), split_codes(xml1.get("GT_THE_DEN", ""))
    for start, end in zip(starts, ends, strict=False):
        check_order("XML1", 1, end, "GT_THE_DEN", start, "GT_THE_TU", errors)


def _identity(table: str, row_no: int, cccd: str, birth: str, sex: str, errors: list[DossierError]) -> None:
    if cccd and (problem := cccd_birth_mismatch(cccd, birth, sex)) is not None:
        field = "SO_CCCD" if table != "XML9" else "SO_CCCD_NND"
        errors.append(
            make_error(
                problem.rule,
                table,
                row_no,
                field,
                cccd,
                detail_vi=problem.message_vi,
                detail_en=problem.message_en,
                detail_rule=problem.detail_rule,
            )
        )


def _diagnoses_vs_sex(dossier: Dossier, xml1: Row, errors: list[DossierError]) -> None:
    sex = xml1.get("GIOI_TINH", "")
    if sex not in ("1", "2"):
        return
    wrong_flag = "F" if sex == "1" else "M"
    vi, en = ("nữ", "female") if sex == "1" else ("nam", "male")
    places: list[tuple[str, int, str, str]] = [
        ("XML1", 1, "MA_BENH_CHINH", xml1.get("MA_BENH_CHINH", "")),
        ("XML1", 1, "MA_BENH_KT", xml1.get("MA_BENH_KT", "")),
    ]
    places += [("XML3", i, "MA_BENH", row.get("MA_BENH", "")) for i, row in enumerate(dossier.rows("XML3"), start=1)]
    codes = icd10()
    for table, row_no, field, value in places:
        for code in split_codes(value):
            if wrong_flag in codes.get(normalise_icd10(code), ""):
                errors.append(make_error("ICD10_SEX", table, row_no, field, code, sex_vi=vi, sex_en=en))
