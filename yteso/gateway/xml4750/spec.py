"""Field specification of the QĐ 130/QĐ-BYT tables as amended by QĐ 4750/QĐ-BYT (bảng chỉ tiêu XML0..XML15).

Loaded once from the package file ``fields.csv``, derived from the reference table
``fields_qd130_4750.csv`` (decision annex + BHXH gateway rule sheet). Columns:

``type``        string / number / date
``max_length``  the larger of the QĐ 4750 size and the gateway sheet's size; empty = unlimited
``required``    Y (mandatory), C (conditional, checked in ``checks_rules``) or empty
``decimals``    maximum decimal places of a number
``date_format`` yyyyMMdd, yyyyMMddHHmm, either (``a|b``) or ``birth`` (12 chars, unknown parts 00)
``multi``       Y when several values are separated by ';'
``check``       code or identifier check (cccd, bhyt, facility, icd10_main, ...)
``codes``       allowed values separated by '|'
``same_as_xml1`` the XML1 field this value must equal when present
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

TABLE_NAMES: tuple[str, ...] = tuple(f"XML{i}" for i in range(16))
"""All tables of the standard, XML0 (check-in) to XML15 (TB treatment)."""
NOT_IN_ENVELOPE: frozenset[str] = frozenset({"XML0", "XML12"})
"""XML0 is sent on its own (check-in); XML12 is entered on the BHXH portal, never sent by a HIS."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One element (chỉ tiêu) of a table."""

    table: str
    order: int
    name: str
    type: str
    max_length: int | None
    required: str
    decimals: int
    date_format: str
    multi: bool
    check: str
    codes: frozenset[str]
    same_as_xml1: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table (bảng): its XML element names and its fields in decision order.

    ``list_tag`` is None for tables whose root element is the single record (XML1, XML7, ...).
    ``root_aliases`` are other root names accepted from vendor systems.
    """

    name: str
    root: str
    list_tag: str | None
    record: str
    fields: tuple[FieldSpec, ...]
    root_aliases: frozenset[str] = frozenset()

    @property
    def field_names(self) -> tuple[str, ...]:
        return _field_names(self.name)

    @property
    def required(self) -> tuple[str, ...]:
        """Unconditionally mandatory fields."""
        return _required(self.name)

    def field(self, name: str) -> FieldSpec | None:
        return _field_index(self.name).get(name)

    @property
    def is_list(self) -> bool:
        return self.list_tag is not None


# table -> (root, list element, record element); from the BHXH guide CV 1245 (QĐ 4750).
_LAYOUT: dict[str, tuple[str, str | None, str]] = {
    "XML0": ("CHI_TIEU_TRANG_THAI_KCB", "DSACH_TRANG_THAI_KCB", "TRANG_THAI_KCB"),
    "XML1": ("TONG_HOP", None, "TONG_HOP"),
    "XML2": ("CHITIEU_CHITIET_THUOC", "DSACH_CHI_TIET_THUOC", "CHI_TIET_THUOC"),
    "XML3": ("CHITIEU_CHITIET_DVKT_VTYT", "DSACH_CHI_TIET_DVKT", "CHI_TIET_DVKT"),
    "XML4": ("CHITIEU_CHITIET_DICHVUCANLAMSANG", "DSACH_CHI_TIET_CLS", "CHI_TIET_CLS"),
    "XML5": ("CHITIEU_CHITIET_DIENBIENLAMSANG", "DSACH_CHI_TIET_DIEN_BIEN_BENH", "CHI_TIET_DIEN_BIEN_BENH"),
    "XML6": (
        "CHI_TIEU_HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS",
        "DSACH_HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS",
        "HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS",
    ),
    "XML7": ("CHI_TIEU_DU_LIEU_GIAY_RA_VIEN", None, "CHI_TIEU_DU_LIEU_GIAY_RA_VIEN"),
    "XML8": ("CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN", None, "CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN"),
    "XML9": ("CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH", "DSACH_GIAYCHUNGSINH", "DU_LIEU_GIAY_CHUNG_SINH"),
    "XML10": ("CHI_TIEU_DU_LIEU_GIAY_NGHI_DUONG_THAI", None, "CHI_TIEU_DU_LIEU_GIAY_NGHI_DUONG_THAI"),
    "XML11": (
        "CHI_TIEU_DU_LIEU_GIAY_CHUNG_NHAN_NGHI_VIEC_HUONG_BAO_HIEM_XA_HOI",
        None,
        "CHI_TIEU_DU_LIEU_GIAY_CHUNG_NHAN_NGHI_VIEC_HUONG_BAO_HIEM_XA_HOI",
    ),
    "XML12": ("GIAM_DINH_Y_KHOA", None, "GIAM_DINH_Y_KHOA"),
    "XML13": ("CHI_TIEU_GIAYCHUYENTUYEN", None, "CHI_TIEU_GIAYCHUYENTUYEN"),
    "XML14": ("CHI_TIEU_GIAYHEN_KHAMLAI", None, "CHI_TIEU_GIAYHEN_KHAMLAI"),
    "XML15": ("CHI_TIEU_DIEUTRI_BENHLAO", "DSACH_CHITIET_DIEUTRI_BENHLAO", "CHITIET_DIEUTRI_BENHLAO"),
}

# Root spellings seen in vendor systems and older drafts ("CHI_TIEU_" instead of "CHITIEU_").
_ROOT_ALIASES: dict[str, frozenset[str]] = {
    "XML2": frozenset({"CHI_TIEU_CHI_TIET_THUOC"}),
    "XML3": frozenset({"CHI_TIEU_CHI_TIET_DVKT_VTYT"}),
    "XML4": frozenset({"CHI_TIEU_CHI_TIET_DICH_VU_CAN_LAM_SANG", "CHI_TIEU_CHI_TIET_CLS"}),
    "XML5": frozenset({"CHI_TIEU_CHI_TIET_DIEN_BIEN_LAM_SANG", "CHI_TIEU_CHI_TIET_DIEN_BIEN_BENH"}),
}


def _load_fields() -> dict[str, list[FieldSpec]]:
    text = resources.files("yteso.gateway.xml4750").joinpath("fields.csv").read_text(encoding="utf-8")
    by_table: dict[str, list[FieldSpec]] = {name: [] for name in TABLE_NAMES}
    for raw in csv.DictReader(text.splitlines()):
        by_table[raw["table"]].append(
            FieldSpec(
                table=raw["table"],
                order=int(raw["order"]),
                name=sys.intern(raw["name"]),  # the same object as the name literals in the checks
                type=raw["type"],
                max_length=int(raw["max_length"]) if raw["max_length"] else None,
                required=raw["required"],
                decimals=int(raw["decimals"]) if raw["decimals"] else 0,
                date_format=raw["date_format"],
                multi=raw["multi"] == "Y",
                check=raw["check"],
                codes=frozenset(raw["codes"].split("|")) if raw["codes"] else frozenset(),
                same_as_xml1=raw["same_as_xml1"],
            )
        )
    return by_table


@cache
def tables() -> dict[str, TableSpec]:
    """All table specifications by name (``"XML1"`` ...), loaded once."""
    fields = _load_fields()
    return {
        name: TableSpec(
            name=name,
            root=root,
            list_tag=list_tag,
            record=record,
            fields=tuple(sorted(fields[name], key=lambda f: f.order)),
            root_aliases=_ROOT_ALIASES.get(name, frozenset()),
        )
        for name, (root, list_tag, record) in _LAYOUT.items()
    }


def table(name: str) -> TableSpec:
    """The specification of one table; KeyError for a name outside XML0..XML15."""
    return tables()[name]


@cache
def _field_index(name: str) -> dict[str, FieldSpec]:
    return {f.name: f for f in tables()[name].fields}


@cache
def _field_names(name: str) -> tuple[str, ...]:
    return tuple(f.name for f in tables()[name].fields)


@cache
def _required(name: str) -> tuple[str, ...]:
    return tuple(f.name for f in tables()[name].fields if f.required == "Y")
