"""Parsing of common cell values (code lists with Vietnamese aliases, dates, phones) with row errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from yteso.core.text import fold
from yteso.registries.errors import RowInvalid


@dataclass(frozen=True)
class CodeList:
    """A small code list: code → (Vietnamese, English) display, plus folded aliases accepted in files."""

    name_vi: str
    name_en: str
    codes: dict[str, tuple[str, str]]
    aliases: dict[str, str]

    def parse(self, column: str, value: str, *, rule: str) -> str:
        """The code for ``value`` (a code, its display, or an alias; case and diacritics ignored)."""
        key = fold(value)
        for code, (vi, en) in self.codes.items():
            if key in (fold(code), fold(vi), fold(en)):
                return code
        if key in self.aliases:
            return self.aliases[key]
        allowed = ", ".join(f"{c} ({vi})" for c, (vi, _en) in self.codes.items())
        raise RowInvalid(
            column,
            value,
            rule,
            f"{self.name_vi} '{value}' không hợp lệ; dùng một trong: {allowed}.",
            f"{self.name_en} '{value}' is not recognised; use one of: {', '.join(self.codes)}.",
        )

    def vi(self, code: str) -> str:
        return self.codes[code][0]

    def en(self, code: str) -> str:
        return self.codes[code][1]


STATUS = CodeList(
    "Trạng thái",
    "Status",
    {
        "active": ("Đang hoạt động", "Active"),
        "suspended": ("Tạm ngừng hoạt động", "Suspended"),
        "inactive": ("Ngừng hoạt động", "Inactive"),
    },
    {
        "1": "active", "hoat dong": "active", "con hieu luc": "active", "hieu luc": "active",
        "2": "suspended", "tam ngung": "suspended", "tam dung": "suspended", "dinh chi": "suspended",
        "0": "inactive", "ngung": "inactive", "giai the": "inactive", "closed": "inactive",
        "thu hoi": "inactive", "revoked": "inactive", "het hieu luc": "inactive",
    },
)  # fmt: skip
"""Status of a facility, licence or product (empty = active)."""


def required(column: str, value: str, label_vi: str, label_en: str, *, max_length: int = 255) -> str:
    """A non-empty text of at most ``max_length`` characters."""
    if not value:
        raise RowInvalid(column, value, "value.required", f"{label_vi} không được để trống.", f"{label_en} is empty.")
    return max_length_ok(column, value, label_vi, label_en, max_length)


def max_length_ok(column: str, value: str, label_vi: str, label_en: str, max_length: int) -> str:
    if len(value) > max_length:
        raise RowInvalid(
            column,
            value[:40],
            "value.too_long",
            f"{label_vi} dài quá {max_length} ký tự.",
            f"{label_en} is longer than {max_length} characters.",
        )
    return value


def status(column: str, value: str) -> str:
    return STATUS.parse(column, value, rule="status.invalid") if value else "active"


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%d-%m-%Y")


def parse_date(column: str, value: str, *, not_after: date | None = None) -> date | None:
    """``YYYY-MM-DD``, ``DD/MM/YYYY``, ``YYYYMMDD`` or ``DD-MM-YYYY``; empty gives ``None``."""
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise RowInvalid(
            column,
            value,
            "date.format",
            f"Ngày '{value}' không hợp lệ; dùng YYYY-MM-DD hoặc DD/MM/YYYY.",
            f"Date '{value}' is not valid; use YYYY-MM-DD or DD/MM/YYYY.",
        )
    if not_after is not None and parsed > not_after:
        raise RowInvalid(
            column,
            value,
            "date.future",
            f"Ngày {parsed.isoformat()} ở tương lai.",
            f"Date {parsed.isoformat()} is in the future.",
        )
    return parsed


_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{7,18}")


def phone(column: str, value: str) -> str | None:
    """A phone number (8-15 digits, spaces, dots, dashes and brackets allowed); empty gives ``None``."""
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if not _PHONE.fullmatch(value) or not 8 <= len(digits) <= 15:
        raise RowInvalid(
            column,
            value,
            "phone.format",
            f"Số điện thoại '{value}' không hợp lệ (8-15 chữ số).",
            f"Phone number '{value}' is not valid (8-15 digits).",
        )
    return value
