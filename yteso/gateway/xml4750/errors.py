"""Errors of the XML 4750 gateway core: one per dossier problem, one for a rejected envelope.

Every rule has a stable code (``rule``) and a bilingual message template in :data:`RULES`;
``docs/gateway-xml4750-checks.md`` lists them with their source in QĐ 130/4750 and the gateway sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ENVELOPE_TABLE = "GIAMDINHHS"
"""Table name used for errors about the envelope (hồ sơ gửi) rather than one table."""
DOSSIER_TABLE = "HOSO"
"""Table name used for errors about the dossier structure (a HOSO element)."""


@dataclass(frozen=True, slots=True)
class DossierError:
    """One problem found in one dossier (hồ sơ, one MA_LK).

    ``row`` is the 1-based row index within ``table`` (all files of that table in the dossier, in
    document order), or None when the problem is about the table or dossier as a whole.
    """

    table: str
    row: int | None
    field: str | None
    value: str | None
    rule: str
    message_vi: str
    message_en: str


class EnvelopeError(Exception):
    """The whole GIAMDINHHS document is refused (not XML, wrong root, DTD/entities, over the size limit)."""

    def __init__(self, rule: str, **params: Any) -> None:
        vi, en = RULES[rule]
        self.rule = rule
        self.message_vi = vi.format(**params)
        self.message_en = en.format(**params)
        super().__init__(f"{rule}: {self.message_en}")


def make_error(
    rule: str,
    table: str,
    row: int | None = None,
    field: str | None = None,
    value: str | None = None,
    **params: Any,
) -> DossierError:
    """Build a :class:`DossierError` with the rule's bilingual messages filled in."""
    vi, en = RULES[rule]
    values = {"field": field or "", "table": table, "value": "" if value is None else value, **params}
    return DossierError(table, row, field, value, rule, vi.format(**values), en.format(**values))


# rule code -> (Vietnamese template, English template)
RULES: dict[str, tuple[str, str]] = {
    # --- envelope (whole document refused) ---
    "ENV_OVERSIZE": ("Tệp vượt quá giới hạn {limit} byte", "Document exceeds the size limit of {limit} bytes"),
    "ENV_DTD": (
        "Tệp chứa khai báo DOCTYPE/ENTITY, không được phép",
        "Document contains a DOCTYPE/ENTITY declaration, which is forbidden",
    ),
    "ENV_NOT_XML": ("Tệp không phải XML hợp lệ: {detail}", "Document is not well-formed XML: {detail}"),
    "ENV_EMPTY": ("Tệp rỗng", "Document is empty"),
    "ENV_ROOT": (
        "Phần tử gốc là {root}, phải là GIAMDINHHS",
        "Root element is {root}; expected GIAMDINHHS",
    ),
    # --- dossier structure (found while parsing) ---
    "HOSO_EMPTY": ("Hồ sơ không có FILEHOSO nào", "Dossier (HOSO) has no FILEHOSO"),
    "HOSO_STRUCTURE": ("Phần tử không hợp lệ trong hồ sơ: {detail}", "Unexpected element in dossier: {detail}"),
    "FILE_TYPE_MISSING": ("FILEHOSO thiếu LOAIHOSO", "FILEHOSO has no LOAIHOSO"),
    "TABLE_UNKNOWN": (
        "LOAIHOSO {value} không thuộc XML0..XML15",
        "LOAIHOSO {value} is not one of XML0..XML15",
    ),
    "TABLE_NOT_SENT": (
        "Bảng {value} không gửi trong GIAMDINHHS (XML0 gửi riêng, XML12 nhập trên Cổng)",
        "Table {value} is not sent inside GIAMDINHHS (XML0 is sent alone, XML12 is entered on the portal)",
    ),
    "FILE_EMPTY": ("NOIDUNGFILE của {table} rỗng", "NOIDUNGFILE of {table} is empty"),
    "FILE_BASE64": (
        "NOIDUNGFILE của {table} không phải base64 hợp lệ",
        "NOIDUNGFILE of {table} is not valid base64",
    ),
    "FILE_DTD": (
        "Nội dung {table} chứa DOCTYPE/ENTITY, không được phép",
        "Content of {table} contains a DOCTYPE/ENTITY declaration, which is forbidden",
    ),
    "FILE_NOT_XML": (
        "Nội dung {table} không phải XML hợp lệ: {detail}",
        "Content of {table} is not well-formed XML: {detail}",
    ),
    "FILE_ROOT": (
        "Phần tử gốc của {table} là {value}, phải là {expected}",
        "Root element of {table} is {value}; expected {expected}",
    ),
    "FILE_STRUCTURE": ("Cấu trúc {table} không hợp lệ: {detail}", "Invalid structure in {table}: {detail}"),
    "FIELD_DUPLICATE": (
        "Trường {field} xuất hiện nhiều lần trong một dòng",
        "Field {field} appears more than once in a row",
    ),
    # --- presence of tables ---
    "XML1_MISSING": ("Hồ sơ thiếu bảng XML1 (tổng hợp)", "Dossier has no XML1 (summary) table"),
    "XML1_DUPLICATE": ("Hồ sơ có nhiều hơn một bản ghi XML1", "Dossier has more than one XML1 record"),
    "TABLE_CONDITION": (
        "Bảng {table} không được gửi khi {condition}",
        "Table {table} must not be sent when {condition_en}",
    ),
    # --- generic field checks ---
    "FIELD_UNKNOWN": ("Trường {field} không có trong bảng {table}", "Field {field} is not defined for table {table}"),
    "REQUIRED": ("Thiếu trường bắt buộc {field}", "Mandatory field {field} is missing"),
    "REQUIRED_IF": (
        "Thiếu trường {field} (bắt buộc khi {condition})",
        "Field {field} is missing (required when {condition_en})",
    ),
    "ONE_OF_REQUIRED": ("Phải ghi một trong các trường {fields}", "One of the fields {fields} is required"),
    "ONLY_ONE_OF": ("Chỉ được ghi một trong các trường {fields}", "Only one of the fields {fields} may be filled"),
    "ALL_OR_NONE": (
        "Các trường {fields} phải cùng có hoặc cùng trống",
        "Fields {fields} must be all filled or all empty",
    ),
    "MAX_LENGTH": ("{field} dài {length} ký tự, tối đa {max}", "{field} is {length} characters long; maximum is {max}"),
    "NUMBER_FORMAT": (
        "{field} không phải số hợp lệ (chỉ chữ số, dấu chấm thập phân)",
        "{field} is not a valid number (digits and a '.' decimal point only)",
    ),
    "DECIMALS": ("{field} có quá {decimals} chữ số thập phân", "{field} has more than {decimals} decimal places"),
    "DATE_FORMAT": ("{field} không đúng định dạng {format}", "{field} is not a valid {format} date"),
    "CODE_UNKNOWN": (
        "{field} = {value} không thuộc danh mục ({codes})",
        "{field} = {value} is not an allowed code ({codes})",
    ),
    "FORMAT": ("{field} không đúng định dạng: {expected}", "{field} has the wrong format; expected {expected_en}"),
    "RANGE": ("{field} = {value} ngoài khoảng {low}..{high}", "{field} = {value} is outside {low}..{high}"),
    # --- codes and identifiers ---
    "ICD10_UNKNOWN": (
        "Mã ICD-10 {value} không có trong danh mục QĐ 4469/QĐ-BYT",
        "ICD-10 code {value} is not in the QĐ 4469/QĐ-BYT list",
    ),
    "ICD10_NOT_MAIN": (
        "Mã {value} không được dùng làm bệnh chính (Phụ lục A2 QĐ 4469)",
        "Code {value} may not be the main diagnosis (QĐ 4469 annex A2)",
    ),
    "ICD10_SEX": (
        "Mã {value} chỉ dùng cho {sex_vi}, không phù hợp giới tính người bệnh",
        "Code {value} is for {sex_en} patients only and does not match the patient's sex",
    ),
    "ICD10_TOO_MANY": ("{field} có {count} mã, tối đa {max}", "{field} has {count} codes; maximum is {max}"),
    "ICD10_SINGLE": ("{field} chỉ được ghi một mã", "{field} must hold exactly one code"),
    "CCCD_FORMAT": ("{field} = {value} không hợp lệ: {detail_vi}", "{field} = {value} is not valid: {detail_en}"),
    "CCCD_BIRTH_MISMATCH": ("{field} = {value}: {detail_vi}", "{field} = {value}: {detail_en}"),
    "BHYT_FORMAT": ("{field} = {value} không hợp lệ: {detail_vi}", "{field} = {value} is not valid: {detail_en}"),
    "FACILITY_FORMAT": ("{field} = {value} không hợp lệ: {detail_vi}", "{field} = {value} is not valid: {detail_en}"),
    "BHXH_FORMAT": ("{field} = {value} không hợp lệ: {detail_vi}", "{field} = {value} is not valid: {detail_en}"),
    "MA_LK_FORMAT": ("{field} = {value} không hợp lệ: {detail_vi}", "{field} = {value} is not valid: {detail_en}"),
    # --- consistency ---
    "FACILITY_MISMATCH": (
        "MA_CSKCB {value} khác mã cơ sở gửi hồ sơ {expected}",
        "MA_CSKCB {value} differs from the sending facility {expected}",
    ),
    "MA_LK_MISMATCH": (
        "MA_LK {value} khác MA_LK của XML1 ({expected})",
        "MA_LK {value} differs from XML1's MA_LK ({expected})",
    ),
    "MA_LK_DUPLICATE": (
        "MA_LK {value} đã có ở hồ sơ khác trong cùng tệp",
        "MA_LK {value} already appears in another dossier of this document",
    ),
    "COUNT_MISMATCH": (
        "SOLUONGHOSO = {value} nhưng tệp có {count} hồ sơ",
        "SOLUONGHOSO = {value} but the document holds {count} dossiers",
    ),
    "STT_SEQUENCE": (
        "STT của {table} phải là 1..{count} không trùng, không thiếu",
        "STT of {table} must be 1..{count} without gaps or repeats",
    ),
    "DATE_ORDER": (
        "{field} ({value}) phải sau hoặc bằng {other} ({other_value})",
        "{field} ({value}) must not be before {other} ({other_value})",
    ),
    "SO_NGAY_DTRI": (
        "SO_NGAY_DTRI = {value}, phải là {expected} với MA_LOAI_KCB {kind}",
        "SO_NGAY_DTRI = {value}; expected {expected} for MA_LOAI_KCB {kind}",
    ),
    "CARD_LIST_MISMATCH": (
        "Số phần tử (phân cách ';') của {fields} không khớp nhau",
        "The ';'-separated lists {fields} have different lengths",
    ),
    "XML1_MISMATCH": (
        "{field} = {value} khác thông tin ở XML1 ({expected})",
        "{field} = {value} differs from XML1 ({expected})",
    ),
    "MA_NHOM_TABLE": ("MA_NHOM {value} không dùng trong bảng {table}", "MA_NHOM {value} is not used in table {table}"),
    "AMOUNT_FORMULA": (
        "{field} = {value}, theo công thức phải là {expected}",
        "{field} = {value}; the formula gives {expected}",
    ),
    "AMOUNT_BALANCE": (
        "T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {sum} khác THANH_TIEN_BV = {value}",
        "T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {sum} differs from THANH_TIEN_BV = {value}",
    ),
    "TOTAL_MISMATCH": (
        "{field} = {value}, tổng các dòng chi tiết là {expected}",
        "{field} = {value}; the detail lines add up to {expected}",
    ),
    "ARV_DAYS": (
        "SO_NGAY_CAP_THUOC_ARV = {value} lớn hơn số ngày xử trí ({days})",
        "SO_NGAY_CAP_THUOC_ARV = {value} exceeds the treatment period ({days} days)",
    ),
}
