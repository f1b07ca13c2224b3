"""The practitioners file (danh sách người hành nghề) and the rules a row must follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from yteso.core.ids import normalize_sex, validate_cccd, validate_cchn, validate_facility_code
from yteso.core.timez import VN_TZ
from yteso.registries import values
from yteso.registries.csvfile import Column, CsvRow, CsvSchema
from yteso.registries.values import CodeList

TITLES = CodeList(
    "Chức danh chuyên môn",
    "Professional title",
    {
        "BS": ("Bác sĩ", "Physician"),
        "YS": ("Y sĩ", "Assistant physician"),
        "DD": ("Điều dưỡng", "Nurse"),
        "HS": ("Hộ sinh", "Midwife"),
        "KTY": ("Kỹ thuật y", "Medical technologist"),
        "DDLS": ("Dinh dưỡng lâm sàng", "Clinical nutritionist"),
        "CCV": ("Cấp cứu viên ngoại viện", "Paramedic"),
        "TLLS": ("Tâm lý lâm sàng", "Clinical psychologist"),
        "LY": ("Lương y", "Traditional-medicine practitioner"),
        "DS": ("Dược sĩ", "Pharmacist"),
    },
    {
        "bac sy": "BS", "doctor": "BS", "y sy": "YS", "dieu duong vien": "DD", "nu ho sinh": "HS",
        "ky thuat vien": "KTY", "duoc sy": "DS", "pharmacist": "DS",
    },
)  # fmt: skip
"""Titles of Luật Khám bệnh, chữa bệnh 2023 (Art. 26) plus pharmacists (Luật Dược 2016)."""

SCHEMA = CsvSchema(
    (
        Column("SO_CCHN", aliases=("CCHN", "SO_GPHN", "MA_BAC_SI"), vi="Số chứng chỉ/giấy phép hành nghề",
               en="Practising-certificate number"),
        Column("HO_TEN", aliases=("HO_VA_TEN",), vi="Họ và tên", en="Full name"),
        Column("SO_CCCD", aliases=("CCCD", "SO_DINH_DANH"), vi="Số định danh cá nhân (CCCD, 12 chữ số)",
               en="Citizen ID"),
        Column("NGAY_SINH", required=False, vi="Ngày sinh (YYYY-MM-DD hoặc DD/MM/YYYY)", en="Birth date"),
        Column("GIOI_TINH", required=False, vi="Giới tính: 1 nam, 2 nữ", en="Sex"),
        Column("CHUC_DANH", aliases=("CHUC_DANH_CHUYEN_MON",), vi="Chức danh: BS, YS, DD, HS, KTY, DS…",
               en="Professional title"),
        Column("PHAM_VI_HD", aliases=("PHAM_VI_HOAT_DONG", "PHAM_VI_HOAT_DONG_CHUYEN_MON"),
               vi="Phạm vi hoạt động chuyên môn", en="Scope of practice"),
        Column("NOI_CAP", aliases=("CO_QUAN_CAP",), vi="Cơ quan cấp (Bộ Y tế, Sở Y tế …)", en="Issuing authority"),
        Column("NGAY_CAP", required=False, vi="Ngày cấp", en="Issue date"),
        Column("MA_CSKCB", required=False, vi="Mã cơ sở đăng ký hành nghề", en="Facility of practice"),
        Column("TRANG_THAI", required=False, vi="Trạng thái: hiệu lực / đình chỉ / thu hồi (trống = hiệu lực)",
               en="Status: active / suspended / revoked"),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PractitionerRow:
    """A validated practitioner row."""

    cchn: str
    cchn_kind: str
    name: str
    cccd: str
    birth_date: date | None
    sex: str
    title: str
    scope: str
    issuer: str
    issued: date | None
    facility: str | None
    status: str


def parse_row(row: CsvRow) -> PractitionerRow:
    """Validate one row: the certificate number, the citizen ID (agreeing with birth date and sex)…"""
    cchn = validate_cchn(row.get("SO_CCHN"), field="SO_CCHN")
    name = values.required("HO_TEN", row.get("HO_TEN"), "Họ tên", "Full name")
    today = datetime.now(VN_TZ).date()
    birth = values.parse_date("NGAY_SINH", row.get("NGAY_SINH"), not_after=today)
    sex_text = row.get("GIOI_TINH")
    stated_sex = normalize_sex(sex_text, field="GIOI_TINH") if sex_text else None
    cccd = validate_cccd(row.get("SO_CCCD"), birth_date=birth, sex=stated_sex, today=today, field="SO_CCCD")
    title_text = values.required("CHUC_DANH", row.get("CHUC_DANH"), "Chức danh", "Title")
    title = TITLES.parse("CHUC_DANH", title_text, rule="practitioner.title")
    scope = values.required("PHAM_VI_HD", row.get("PHAM_VI_HD"), "Phạm vi hoạt động", "Scope", max_length=1024)
    issuer = values.required("NOI_CAP", row.get("NOI_CAP"), "Cơ quan cấp", "Issuing authority")
    issued = values.parse_date("NGAY_CAP", row.get("NGAY_CAP"), not_after=today)
    facility = validate_facility_code(row.get("MA_CSKCB"), field="MA_CSKCB").value if row.get("MA_CSKCB") else None
    return PractitionerRow(
        cchn=cchn.value,
        cchn_kind=cchn.kind,
        name=name,
        cccd=cccd.value,
        birth_date=birth,
        sex=stated_sex or cccd.sex,
        title=title,
        scope=scope,
        issuer=issuer,
        issued=issued,
        facility=facility,
        status=values.status("TRANG_THAI", row.get("TRANG_THAI")),
    )
