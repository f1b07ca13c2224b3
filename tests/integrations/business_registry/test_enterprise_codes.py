"""Enterprise codes (mã số doanh nghiệp): check digit, branches, refusals."""

from __future__ import annotations

import pytest

from yteso.core.ids import IdentifierError
from yteso.integrations.business_registry import format_enterprise_code, validate_enterprise_code


@pytest.mark.parametrize("code", ["0100109106", "0300588569", "0100109106-001", "0100109106001", " 0300588569 "])
def test_published_codes_are_valid(code):
    assert validate_enterprise_code(code) == code.strip().replace("-", "")


def test_written_form_puts_a_dash_before_the_branch_serial():
    assert format_enterprise_code("0100109106001") == "0100109106-001"
    assert format_enterprise_code("0100109106") == "0100109106"


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("0100109107", "enterprise_code.check_digit"),
        ("0100109106-000", "enterprise_code.branch"),
        ("010010910", "enterprise_code.length"),
        ("01001091060", "enterprise_code.length"),
        ("01001O9106", "enterprise_code.format"),
        ("", "enterprise_code.format"),
    ],
)
def test_malformed_codes_name_the_rule(code, rule):
    with pytest.raises(IdentifierError) as info:
        validate_enterprise_code(code)
    assert info.value.rule == rule and info.value.message_vi
