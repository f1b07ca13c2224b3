"""Row-level rules that involve several fields of one row: conditional requirements, date order,
ranges, cost groups and STT sequences (quy tắc kiểm tra trong một bảng).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from yteso.gateway.xml4750 import dates
from yteso.gateway.xml4750.codes import split_codes
from yteso.gateway.xml4750.errors import DossierError, make_error
from yteso.gateway.xml4750.model import Row

Predicate = Callable[[Row], bool]


def _filled(name: str) -> Predicate:
    return lambda row: bool(row.get(name))


def _equals(name: str, *values: str) -> Predicate:
    return lambda row: row.get(name, "") in values


def _contains(name: str, value: str) -> Predicate:
    return lambda row: value in split_codes(row.get(name, ""))


@dataclass(frozen=True, slots=True)
class Condition:
    """Fields required when ``applies(row)``; ``vi``/``en`` describe the condition in messages."""

    fields: tuple[str, ...]
    applies: Predicate
    vi: str
    en: str


_CLINICAL_GROUPS = ("1", "2", "3", "8", "18")
REQUIRED_IF: dict[str, tuple[Condition, ...]] = {
    "XML0": (
        Condition(
            ("LY_DO_VNT",), _filled("NGAY_VAO_NOI_TRU"), "NGAY_VAO_NOI_TRU có dữ liệu", "NGAY_VAO_NOI_TRU is filled"
        ),
        Condition(("TEN_DICH_VU",), _filled("MA_DICH_VU"), "MA_DICH_VU có dữ liệu", "MA_DICH_VU is filled"),
        Condition(("TEN_THUOC",), _filled("MA_THUOC"), "MA_THUOC có dữ liệu", "MA_THUOC is filled"),
        Condition(("TEN_VAT_TU",), _filled("MA_VAT_TU"), "MA_VAT_TU có dữ liệu", "MA_VAT_TU is filled"),
    ),
    "XML1": (
        Condition(
            ("MA_DKBD", "GT_THE_TU", "GT_THE_DEN"),
            _filled("MA_THE_BHYT"),
            "MA_THE_BHYT có dữ liệu",
            "MA_THE_BHYT is filled",
        ),
    ),
    "XML2": (
        Condition(
            ("TT_THAU",),
            lambda row: row.get("MA_NHOM", "") not in ("7", "17"),
            "MA_NHOM khác 7, 17",
            "MA_NHOM is not 7 or 17",
        ),
    ),
    "XML3": (
        Condition(("TEN_DICH_VU",), _filled("MA_DICH_VU"), "MA_DICH_VU có dữ liệu", "MA_DICH_VU is filled"),
        Condition(("TEN_VAT_TU",), _filled("MA_VAT_TU"), "MA_VAT_TU có dữ liệu", "MA_VAT_TU is filled"),
        Condition(("MA_XANG_DAU",), _equals("MA_NHOM", "12"), "MA_NHOM = 12", "MA_NHOM = 12"),
        Condition(("TT_THAU",), _equals("MA_NHOM", "10"), "MA_NHOM = 10", "MA_NHOM = 10"),
        Condition(
            ("NGUOI_THUC_HIEN", "NGAY_TH_YL"),
            _equals("MA_NHOM", *_CLINICAL_GROUPS),
            "MA_NHOM thuộc 1, 2, 3, 8, 18",
            "MA_NHOM is 1, 2, 3, 8 or 18",
        ),
    ),
    "XML4": (Condition(("NGAY_KQ",), _filled("GIA_TRI"), "GIA_TRI có dữ liệu", "GIA_TRI is filled"),),
    "XML6": (
        Condition(
            ("PHACDO_DTRI_LAO", "NGAYBD_DTRI_LAO", "NGAYKT_DTRI_LAO"),
            lambda row: row.get("LOAI_DTRI_LAO", "0") not in ("", "0"),
            "LOAI_DTRI_LAO khác 0",
            "LOAI_DTRI_LAO is not 0",
        ),
        Condition(
            ("LAN_XN_PCR", "NGAY_XN_PCR", "NGAY_KQ_XN_PCR", "MA_KQ_XN_PCR"),
            _contains("MA_TINH_TRANG_DK", "1"),
            "MA_TINH_TRANG_DK = 1",
            "MA_TINH_TRANG_DK = 1",
        ),
        Condition(
            ("NGAY_BAT_DAU_XU_TRI", "NGAY_KET_THUC_XU_TRI", "SO_NGAY_CAP_THUOC_ARV"),
            _equals("MA_XU_TRI", "1"),
            "MA_XU_TRI = 1",
            "MA_XU_TRI = 1",
        ),
        Condition(
            ("MA_BAC_PHAC_DO",),
            lambda row: row.get("MA_PHAC_DO_DIEU_TRI", "").upper() == "KHAC",
            "MA_PHAC_DO_DIEU_TRI = KHAC",
            "MA_PHAC_DO_DIEU_TRI = KHAC",
        ),
    ),
    "XML7": (
        Condition(
            ("NGUYENNHAN_DINHCHI", "THOIGIAN_DINHCHI", "TUOI_THAI"),
            _equals("MA_DINH_CHI_THAI", "1"),
            "MA_DINH_CHI_THAI = 1",
            "MA_DINH_CHI_THAI = 1",
        ),
    ),
    "XML11": (
        Condition(
            ("NGUYENNHAN_DINHCHI", "TUOI_THAI"),
            _equals("MA_DINH_CHI_THAI", "1"),
            "MA_DINH_CHI_THAI = 1",
            "MA_DINH_CHI_THAI = 1",
        ),
    ),
    "XML15": (
        Condition(
            ("BDDT_ARV", "NGAY_BAT_DAU_DT_CTX"),
            _equals("PHANLOAI_LAO_HIV", "1"),
            "PHANLOAI_LAO_HIV = 1 (lao/HIV+)",
            "PHANLOAI_LAO_HIV = 1 (TB/HIV+)",
        ),
        Condition(("PHANLOAI_LAO_KT",), _equals("LOAI_DTRI_LAO", "3"), "LOAI_DTRI_LAO = 3", "LOAI_DTRI_LAO = 3"),
        Condition(
            ("KET_QUA_DTRI_LAO",),
            _filled("NGAYKT_DTRI_LAO"),
            "NGAYKT_DTRI_LAO có dữ liệu",
            "NGAYKT_DTRI_LAO is filled",
        ),
    ),
}

# (fields of which at least one is required, whether at most one may be filled)
ONE_OF: dict[str, tuple[tuple[str, ...], bool]] = {
    "XML0": (("MA_DICH_VU", "MA_THUOC", "MA_VAT_TU"), True),
    "XML3": (("MA_DICH_VU", "MA_VAT_TU"), False),
}
ALL_OR_NONE: dict[str, tuple[str, ...]] = {"XML7": ("SO_NGAY_NGHI", "NGOAITRU_TUNGAY", "NGOAITRU_DENNGAY")}

# (later field, earlier field): the first must not be before the second.
DATE_ORDER: dict[str, tuple[tuple[str, str], ...]] = {
    "XML0": (("NGAY_VAO_NOI_TRU", "NGAY_VAO"),),
    "XML1": (
        ("NGAY_VAO", "NGAY_SINH"),
        ("NGAY_VAO_NOI_TRU", "NGAY_VAO"),
        ("NGAY_RA", "NGAY_VAO"),
        ("NGAY_RA", "NGAY_VAO_NOI_TRU"),
    ),
    "XML2": (("NGAY_TH_YL", "NGAY_YL"),),
    "XML3": (("NGAY_TH_YL", "NGAY_YL"), ("NGAY_KQ", "NGAY_YL")),
    "XML6": (
        ("NGAYKT_DTRI_LAO", "NGAYBD_DTRI_LAO"),
        ("NGAY_KET_THUC_XU_TRI", "NGAY_BAT_DAU_XU_TRI"),
        ("NGAY_KQ_XN_PCR", "NGAY_XN_PCR"),
        ("NGAY_KQ_XN_TLVR", "NGAY_XN_TLVR"),
    ),
    "XML7": (("NGAY_RA", "NGAY_VAO"), ("NGOAITRU_DENNGAY", "NGOAITRU_TUNGAY")),
    "XML8": (("NGAY_RA", "NGAY_VAO"),),
    "XML10": (("DEN_NGAY", "TU_NGAY"),),
    "XML11": (("DEN_NGAY", "TU_NGAY"),),
    "XML14": (("NGAY_HEN_KL", "NGAY_RA"), ("NGAY_CT", "NGAY_VAO")),
    "XML15": (("NGAYKT_DTRI_LAO", "NGAYBD_DTRI_LAO"),),
}

RANGES: dict[str, tuple[tuple[str, int, int], ...]] = {
    "XML2": (("TYLE_TT_BH", 0, 100), ("MUC_HUONG", 0, 100)),
    "XML3": (("TYLE_TT_BH", 0, 100), ("TYLE_TT_DV", 0, 100), ("MUC_HUONG", 0, 100)),
    "XML7": (("TUOI_THAI", 1, 42),),
    "XML11": (("TUOI_THAI", 1, 42),),
}

DRUG_GROUPS = frozenset({"4", "5", "6", "7", "17"})
"""MA_NHOM of XML2: drugs (4, legacy 5 and 6), blood (7), blood products (17)."""
STT_TABLES = ("XML0", "XML2", "XML3", "XML4", "XML5", "XML15")


_PERCENTS = frozenset(str(i) for i in range(101))
_IN_ORDER = [str(i) for i in range(1, 1001)]
"""STT values of rows in order, the usual case of :func:`_stt`."""


def check_row_rules(name: str, rows: list[Row], errors: list[DossierError]) -> None:
    """Append problems of the multi-field rules of table ``name`` to ``errors``."""
    conditions = REQUIRED_IF.get(name, ())
    one_of = ONE_OF.get(name)
    all_or_none = ALL_OR_NONE.get(name)
    orders = DATE_ORDER.get(name, ())
    ranges = RANGES.get(name, ())
    lines = name in ("XML2", "XML3")
    if conditions or one_of or all_or_none or orders or ranges or lines:
        for row_no, row in enumerate(rows, start=1):
            get = row.get
            for condition in conditions:
                # the cheap half first: a row holding every field needs no look at the condition
                if not all(map(get, condition.fields)) and condition.applies(row):
                    for field in condition.fields:
                        if not get(field):
                            errors.append(
                                make_error(
                                    "REQUIRED_IF",
                                    name,
                                    row_no,
                                    field,
                                    condition=condition.vi,
                                    condition_en=condition.en,
                                )
                            )
            if one_of is not None:
                fields, exclusive = one_of
                filled = sum(map(bool, map(get, fields)))
                if filled == 0 or (exclusive and filled > 1):
                    _one_of(name, row_no, fields, filled, errors)
            if all_or_none is not None and 0 < sum(map(bool, map(get, all_or_none))) < len(all_or_none):
                errors.append(make_error("ALL_OR_NONE", name, row_no, None, fields=", ".join(all_or_none)))
            for later, earlier in orders:
                a, b = get(later), get(earlier)
                # a < b holds whenever a[:8] < b[:8]: test it first, it needs no slicing
                if a and b and a < b and (a[:8] < b[:8] or len(a) == len(b) == 12):
                    check_order(name, row_no, a, later, b, earlier, errors)
            for field, low, high in ranges:
                if get(field) not in _PERCENTS or high != 100:
                    _range(name, row_no, row, field, low, high, errors)
            if lines and (group := get("MA_NHOM", "")) and (group in DRUG_GROUPS) != (name == "XML2"):
                errors.append(make_error("MA_NHOM_TABLE", name, row_no, "MA_NHOM", group))
    if name in STT_TABLES:
        _stt(name, rows, errors)
    if name == "XML6":
        _arv_days(rows, errors)


def check_order(
    table: str,
    row_no: int | None,
    later: str,
    later_name: str,
    earlier: str,
    earlier_name: str,
    errors: list[DossierError],
) -> None:
    """DATE_ORDER when both values are valid dates and ``later`` is before ``earlier``."""
    if not later or not earlier or not later.isdecimal() or not earlier.isdecimal():
        return
    if len(later) not in (8, 12) or len(earlier) not in (8, 12):
        return
    if dates.before(later, earlier):
        errors.append(
            make_error("DATE_ORDER", table, row_no, later_name, later, other=earlier_name, other_value=earlier)
        )


def _one_of(name: str, row_no: int, fields: tuple[str, ...], filled: int, errors: list[DossierError]) -> None:
    rule = "ONE_OF_REQUIRED" if filled == 0 else "ONLY_ONE_OF"
    errors.append(make_error(rule, name, row_no, None, fields=", ".join(fields)))


def _range(name: str, row_no: int, row: Row, field: str, low: int, high: int, errors: list[DossierError]) -> None:
    value = row.get(field, "")
    try:
        number = float(value)
    except ValueError:
        return
    if not low <= number <= high:
        errors.append(make_error("RANGE", name, row_no, field, value, low=low, high=high))


def _stt(name: str, rows: list[Row], errors: list[DossierError]) -> None:
    values = [row.get("STT", "") for row in rows]
    if values == _IN_ORDER[: len(values)]:
        return
    if not rows or (name == "XML15" and not all(values)):
        return
    if any(not v.isdecimal() for v in values):
        return  # reported as REQUIRED / NUMBER_FORMAT
    if sorted(int(v) for v in values) != list(range(1, len(rows) + 1)):
        errors.append(make_error("STT_SEQUENCE", name, None, "STT", count=len(rows)))


def _arv_days(rows: list[Row], errors: list[DossierError]) -> None:
    """XML6: ARV days given must fit in the treatment period (gateway rule)."""
    for row_no, row in enumerate(rows, start=1):
        value = row.get("SO_NGAY_CAP_THUOC_ARV", "")
        start = dates.day_of(row.get("NGAY_BAT_DAU_XU_TRI", ""))
        end = dates.day_of(row.get("NGAY_KET_THUC_XU_TRI", ""))
        if value.isdecimal() and start is not None and end is not None and int(value) > (end - start).days:
            days = (end - start).days
            errors.append(make_error("ARV_DAYS", "XML6", row_no, "SO_NGAY_CAP_THUOC_ARV", value, days=days))
