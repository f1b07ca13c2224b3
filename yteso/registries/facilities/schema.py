"""The facilities file (danh mục cơ sở khám bệnh, chữa bệnh) and the rules a row must follow."""

from __future__ import annotations

from dataclasses import dataclass

from yteso.core.ids import validate_facility_code
from yteso.identity.provinces import is_province_code
from yteso.registries import geography, values
from yteso.registries.csvfile import Column, CsvRow, CsvSchema
from yteso.registries.errors import RowInvalid
from yteso.registries.values import CodeList

FACILITY_TYPES = CodeList(
    "Loại hình cơ sở",
    "Facility type",
    {
        "BV": ("Bệnh viện", "Hospital"),
        "TTYT": ("Trung tâm Y tế", "Health centre"),
        "PK": ("Phòng khám", "Clinic"),
        "TYT": ("Trạm Y tế", "Commune health station"),
        "NT": ("Nhà thuốc", "Pharmacy"),
    },
    {
        "benh vien da khoa": "BV", "benh vien chuyen khoa": "BV", "trung tam y te huyen": "TTYT",
        "phong kham da khoa": "PK", "phong kham chuyen khoa": "PK", "tram y te xa": "TYT",
        "tram y te phuong": "TYT", "quay thuoc": "NT", "nha thuoc": "NT", "hieu thuoc": "NT",
    },
)  # fmt: skip

FACILITY_LEVELS = CodeList(
    "Tuyến",
    "Tier",
    {
        "1": ("Tuyến trung ương", "Central"),
        "2": ("Tuyến tỉnh", "Province"),
        "3": ("Tuyến huyện", "District"),
        "4": ("Tuyến xã", "Commune"),
    },
    {
        "trung uong": "1", "tw": "1", "tinh": "2", "huyen": "3", "xa": "4",
    },
)  # fmt: skip

SCHEMA = CsvSchema(
    (
        Column("MA_CSKCB", vi="Mã cơ sở KBCB (5 ký tự, 2 ký tự đầu là mã tỉnh)", en="Facility code"),
        Column("TEN_CSKCB", aliases=("TEN_CO_SO", "TEN"), vi="Tên cơ sở", en="Name"),
        Column(
            "LOAI_HINH",
            aliases=("LOAI_CSKCB", "LOAI"),
            vi="Loại hình: BV, TTYT, PK, TYT, NT (hoặc tên: Bệnh viện, Trạm Y tế…)",
            en="Type: hospital, health centre, clinic, commune station, pharmacy",
        ),
        Column("TUYEN", required=False, aliases=("TUYEN_CMKT",), vi="Tuyến: 1 TW, 2 tỉnh, 3 huyện, 4 xã", en="Tier"),
        Column("MA_TINH", required=False, vi="Mã tỉnh (mặc định: 2 ký tự đầu MA_CSKCB)", en="Province code"),
        Column("MA_XA", required=False, vi="Mã xã/phường (5 chữ số, danh mục 2024)", en="Commune code"),
        Column("DIA_CHI", required=False, vi="Địa chỉ (số nhà, đường)", en="Street address"),
        Column("DIEN_THOAI", required=False, aliases=("SO_DIEN_THOAI",), vi="Điện thoại", en="Phone"),
        Column(
            "TRANG_THAI",
            required=False,
            vi="Trạng thái: hoạt động / tạm ngừng / ngừng hoạt động (trống = hoạt động)",
            en="Status: active / suspended / inactive (empty = active)",
        ),
    )
)


@dataclass(frozen=True, slots=True)
class Facility:
    """A validated facility row."""

    code: str
    name: str
    type: str
    level: str | None
    province_code: str
    commune: geography.Commune | None
    address: str | None
    phone: str | None
    status: str


def parse_row(row: CsvRow) -> Facility:
    """Validate one row; raises on the first broken rule."""
    info = validate_facility_code(row.get("MA_CSKCB"), field="MA_CSKCB")
    name = values.required("TEN_CSKCB", row.get("TEN_CSKCB"), "Tên cơ sở", "Facility name")
    kind_text = values.required("LOAI_HINH", row.get("LOAI_HINH"), "Loại hình", "Type")
    kind = FACILITY_TYPES.parse("LOAI_HINH", kind_text, rule="facility.type")
    level = FACILITY_LEVELS.parse("TUYEN", row.get("TUYEN"), rule="facility.level") if row.get("TUYEN") else None
    if kind == "TYT" and level not in (None, "4"):
        raise RowInvalid(
            "TUYEN",
            row.get("TUYEN"),
            "facility.level_type",
            "Trạm Y tế xã thuộc tuyến xã (4).",
            "A commune health station is at the commune tier (4).",
        )
    province = row.get("MA_TINH") or info.province_code
    if not (len(province) == 2 and province.isdigit() and is_province_code(province)):
        raise RowInvalid(
            "MA_TINH", province, "facility.province", f"Mã tỉnh '{province}' không có trong danh mục.",
            f"Province code '{province}' is not known.",
        )  # fmt: skip
    if not geography.same_province(info.province_code, province):
        raise RowInvalid(
            "MA_TINH",
            province,
            "facility.province_mismatch",
            f"Mã tỉnh {province} không khớp với 2 ký tự đầu của mã cơ sở {info.value}.",
            f"Province {province} does not match the first two characters of facility code {info.value}.",
        )
    commune = _commune(row.get("MA_XA"), info.province_code)
    return Facility(
        code=info.value,
        name=name,
        type=kind,
        level=level,
        province_code=province,
        commune=commune,
        address=values.max_length_ok("DIA_CHI", row.get("DIA_CHI"), "Địa chỉ", "Address", 512) or None,
        phone=values.phone("DIEN_THOAI", row.get("DIEN_THOAI")),
        status=values.status("TRANG_THAI", row.get("TRANG_THAI")),
    )


def _commune(code: str, province: str) -> geography.Commune | None:
    if not code:
        return None
    if not (len(code) == 5 and code.isdigit()):
        raise RowInvalid(
            "MA_XA", code, "facility.commune_format", "Mã xã phải gồm đúng 5 chữ số.",
            "A commune code is exactly 5 digits.",
        )  # fmt: skip
    commune = geography.communes().get(code)
    if commune is None:
        raise RowInvalid(
            "MA_XA",
            code,
            "facility.commune_unknown",
            f"Mã xã {code} không có trong danh mục đơn vị hành chính (11/06/2024).",
            f"Commune code {code} is not in the list of administrative units (11/06/2024).",
        )
    if not geography.same_province(commune.province_code, province):
        raise RowInvalid(
            "MA_XA",
            code,
            "facility.commune_province",
            f"Xã {commune.name} thuộc {commune.province_name}, không thuộc tỉnh có mã {province} của cơ sở.",
            f"Commune {commune.name} is in {commune.province_name}, not in the facility's province {province}.",
        )
    return commune
