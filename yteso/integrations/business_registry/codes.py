"""Enterprise code (mã số doanh nghiệp, the same number as the tax code / mã số thuế).

10 digits for an enterprise: 2-digit tax-office range (01 Hà Nội, 03 TP. Hồ Chí Minh…), 7-digit
serial, 1 check digit. 13 digits for a dependent unit (branch, representative office): the
parent's 10 digits and a 3-digit serial 001-999, usually written ``0100109106-001``.

Check digit (as used by public validators; it agrees with every published code we tried):
``c = 10 - (31·d1 + 29·d2 + 23·d3 + 19·d4 + 17·d5 + 13·d6 + 7·d7 + 5·d8 + 3·d9) mod 11``;
a remainder of 0 (c = 10) is never issued.
"""

from __future__ import annotations

from yteso.core.id_rules import fail

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
FIELD = "enterprise_code"


def enterprise_check_digit(first_nine: str) -> int | None:
    """The 10th digit for these 9 digits, or ``None`` when no valid code starts with them."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True)) % 11
    return None if remainder == 0 else 10 - remainder


def validate_enterprise_code(value: str, *, field: str = FIELD) -> str:
    """The code as 10 or 13 digits (``-`` before a branch serial and spaces removed).

    Raises :class:`~yteso.core.ids.IdentifierError` with rule ``enterprise_code.format``,
    ``.length``, ``.check_digit`` or ``.branch``.
    """
    text = str(value).strip().replace(" ", "")
    if len(text) == 14 and text[10] == "-":
        text = text[:10] + text[11:]
    if not text.isdigit():
        fail(
            field,
            str(value),
            f"{FIELD}.format",
            "Mã số doanh nghiệp chỉ gồm chữ số (và dấu - trước mã chi nhánh).",
            "An enterprise code has digits only (and '-' before a branch serial).",
        )
    if len(text) not in (10, 13):
        fail(
            field,
            str(value),
            f"{FIELD}.length",
            "Mã số doanh nghiệp phải có 10 hoặc 13 chữ số.",
            "An enterprise code has 10 or 13 digits.",
        )
    if enterprise_check_digit(text[:9]) != int(text[9]):
        fail(
            field,
            str(value),
            f"{FIELD}.check_digit",
            "Chữ số kiểm tra của mã số doanh nghiệp không đúng.",
            "The check digit of the enterprise code is wrong.",
        )
    if len(text) == 13 and text[10:] == "000":
        fail(
            field,
            str(value),
            f"{FIELD}.branch",
            "Mã đơn vị phụ thuộc phải từ 001 đến 999.",
            "A dependent unit's serial is 001-999.",
        )
    return text


def format_enterprise_code(code: str) -> str:
    """The usual written form: ``0100109106`` or ``0100109106-001``."""
    return code if len(code) == 10 else f"{code[:10]}-{code[10:]}"
