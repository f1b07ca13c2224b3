"""The drug and device files (danh mục thuốc, danh mục trang thiết bị y tế) and their row rules.

Column names follow the claims XML (QĐ 130/4750: XML2 for drugs, XML3 for supplies) where a field
exists there. Products are keyed by their GS1 GTIN, stored in the 14-digit form (GTIN-8/12/13 are
zero-padded), so a file giving ``8935…`` and one giving ``08935…`` name the same product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yteso.core.ids import validate_gtin
from yteso.registries import values
from yteso.registries.csvfile import Column, CsvRow, CsvSchema
from yteso.registries.errors import RowInvalid
from yteso.registries.values import CodeList

_STATUS = Column("TRANG_THAI", required=False, vi="Trạng thái (trống = đang lưu hành)", en="Status (empty = active)")

MEDICATION_SCHEMA = CsvSchema(
    (
        Column("GTIN", aliases=("MA_GTIN",), vi="Mã GTIN (GS1, 8/12/13/14 chữ số)", en="GS1 GTIN"),
        Column("TEN_THUOC", vi="Tên thuốc (biệt dược)", en="Product name"),
        Column("HOAT_CHAT", aliases=("TEN_HOAT_CHAT",), vi="Hoạt chất", en="Active ingredient(s)"),
        Column("HAM_LUONG", required=False, vi="Hàm lượng / nồng độ (500mg, 250mg/5ml)", en="Strength"),
        Column("DANG_BAO_CHE", required=False, vi="Dạng bào chế", en="Dosage form"),
        Column("DUONG_DUNG", required=False, vi="Đường dùng", en="Route"),
        Column("DON_VI_TINH", required=False, vi="Đơn vị tính", en="Unit"),
        Column("SO_DANG_KY", required=False, vi="Số đăng ký lưu hành (VD-…, VN-…)", en="Marketing authorisation"),
        Column("MA_THUOC", required=False, vi="Mã hoạt chất theo bộ mã dùng chung BHYT (vd 40.17)",
               en="BHYT active-ingredient code"),
        Column("NHA_SAN_XUAT", required=False, aliases=("CO_SO_SAN_XUAT",), vi="Nhà sản xuất", en="Manufacturer"),
        Column("NUOC_SAN_XUAT", required=False, vi="Nước sản xuất", en="Country of manufacture"),
        _STATUS,
    )
)  # fmt: skip

DEVICE_SCHEMA = CsvSchema(
    (
        Column("GTIN", aliases=("MA_GTIN",), vi="Mã GTIN (GS1)", en="GS1 GTIN"),
        Column("TEN_TTB", aliases=("TEN_VAT_TU", "TEN_TTBYT", "TEN_THIET_BI"), vi="Tên trang thiết bị / vật tư",
               en="Device name"),
        Column("LOAI_TTB", required=False, aliases=("PHAN_LOAI",), vi="Phân loại rủi ro A, B, C, D (NĐ 98/2021)",
               en="Risk class"),
        Column("MA_VAT_TU", required=False, vi="Mã vật tư (cổng BHXH)", en="Supply code"),
        Column("MODEL", required=False, aliases=("MA_MODEL", "CHUNG_LOAI"), vi="Model / chủng loại", en="Model"),
        Column("SO_LUU_HANH", required=False, vi="Số lưu hành", en="Circulation number"),
        Column("DON_VI_TINH", required=False, vi="Đơn vị tính", en="Unit"),
        Column("NHA_SAN_XUAT", required=False, aliases=("HANG_SAN_XUAT",), vi="Hãng sản xuất", en="Manufacturer"),
        Column("NUOC_SAN_XUAT", required=False, vi="Nước sản xuất", en="Country of manufacture"),
        _STATUS,
    )
)  # fmt: skip

DEVICE_CLASSES = CodeList(
    "Phân loại trang thiết bị",
    "Device risk class",
    {"A": ("Loại A", "Class A"), "B": ("Loại B", "Class B"), "C": ("Loại C", "Class C"), "D": ("Loại D", "Class D")},
    {"loai a": "A", "loai b": "B", "loai c": "C", "loai d": "D"},
)

_REG_NUMBER = re.compile(r"[0-9A-ZĐ][0-9A-ZĐa-z./_-]{2,49}")
_MA_THUOC = re.compile(r"\d{2}\.\d{1,4}(\.[A-Z]+)?(\+\d{2}\.\d{1,4})*")


@dataclass(frozen=True, slots=True)
class MedicationRow:
    gtin: str
    name: str
    ingredient: str
    strength: str | None
    form: str | None
    route: str | None
    unit: str | None
    registration: str | None
    bhyt_code: str | None
    manufacturer: str | None
    country: str | None
    status: str


@dataclass(frozen=True, slots=True)
class DeviceRow:
    gtin: str
    name: str
    risk_class: str | None
    supply_code: str | None
    model: str | None
    registration: str | None
    unit: str | None
    manufacturer: str | None
    country: str | None
    status: str


def _gtin(row: CsvRow) -> str:
    return validate_gtin(row.get("GTIN"), field="GTIN").gtin14


def _registration(column: str, value: str) -> str | None:
    """A registration number has no spaces (SPEC §5: ``VN-20256-17``, ``VD-…``, ``893110…``)."""
    if not value:
        return None
    if not _REG_NUMBER.fullmatch(value):
        raise RowInvalid(
            column,
            value,
            "product.registration_format",
            f"Số đăng ký '{value}' không hợp lệ (không có khoảng trắng, 3-50 ký tự chữ, số, '-', '/', '.').",
            f"Registration number '{value}' is not valid (no spaces, 3-50 letters, digits, '-', '/', '.').",
        )
    return value.upper()


def _optional(row: CsvRow, column: str, max_length: int = 255) -> str | None:
    return values.max_length_ok(column, row.get(column), column, column, max_length) or None


def parse_medication(row: CsvRow) -> MedicationRow:
    gtin = _gtin(row)
    bhyt_code = row.get("MA_THUOC") or None
    if bhyt_code and not _MA_THUOC.fullmatch(bhyt_code):
        raise RowInvalid(
            "MA_THUOC",
            bhyt_code,
            "medication.bhyt_code",
            "Mã thuốc BHYT có dạng NN.NNNN (vd 40.17), nhiều hoạt chất nối bằng '+'.",
            "A BHYT drug code looks like NN.NNNN (e.g. 40.17), several ingredients joined by '+'.",
        )
    return MedicationRow(
        gtin=gtin,
        name=values.required("TEN_THUOC", row.get("TEN_THUOC"), "Tên thuốc", "Product name", max_length=1024),
        ingredient=values.required(
            "HOAT_CHAT", row.get("HOAT_CHAT"), "Hoạt chất", "Active ingredient", max_length=1024
        ),
        strength=_optional(row, "HAM_LUONG", 1024),
        form=_optional(row, "DANG_BAO_CHE", 1024),
        route=_optional(row, "DUONG_DUNG"),
        unit=_optional(row, "DON_VI_TINH", 50),
        registration=_registration("SO_DANG_KY", row.get("SO_DANG_KY")),
        bhyt_code=bhyt_code,
        manufacturer=_optional(row, "NHA_SAN_XUAT"),
        country=_optional(row, "NUOC_SAN_XUAT"),
        status=values.status("TRANG_THAI", row.get("TRANG_THAI")),
    )


def parse_device(row: CsvRow) -> DeviceRow:
    gtin = _gtin(row)
    risk = DEVICE_CLASSES.parse("LOAI_TTB", row.get("LOAI_TTB"), rule="device.class") if row.get("LOAI_TTB") else None
    return DeviceRow(
        gtin=gtin,
        name=values.required("TEN_TTB", row.get("TEN_TTB"), "Tên trang thiết bị", "Device name", max_length=1024),
        risk_class=risk,
        supply_code=_optional(row, "MA_VAT_TU"),
        model=_optional(row, "MODEL"),
        registration=_registration("SO_LUU_HANH", row.get("SO_LUU_HANH")),
        unit=_optional(row, "DON_VI_TINH", 50),
        manufacturer=_optional(row, "NHA_SAN_XUAT"),
        country=_optional(row, "NUOC_SAN_XUAT"),
        status=values.status("TRANG_THAI", row.get("TRANG_THAI")),
    )
