"""The fee identifier (mã định danh khoản thu): round trip, check digits, refusals, uniqueness."""

from __future__ import annotations

import itertools

import pytest

from yteso.integrations.payments import FeeCode, FeeCodeError, is_fee_code, make_fee_code, parse_fee_code


def test_make_and_parse_round_trip():
    code = make_fee_code("g18", "G18.34-250115-0001", 1)
    assert code.startswith("G18-G18.34-250115-0001-01-") and len(code.rsplit("-", 1)[1]) == 2
    assert parse_fee_code(code) == FeeCode("G18", "G18.34-250115-0001", 1)
    assert str(parse_fee_code(code.lower())) == code
    assert is_fee_code(code)


def test_every_single_character_change_and_adjacent_swap_is_caught():
    code = make_fee_code("000.00.18.G18", "G18-250115-0042", 2)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for i, ch in enumerate(code):
        if not ch.isalnum():
            continue
        for other in alphabet:
            if other != ch:
                assert not is_fee_code(code[:i] + other + code[i + 1 :]), (i, other)
    for i in range(len(code) - 1):
        a, b = code[i], code[i + 1]
        if a != b and a.isalnum() and b.isalnum():
            assert not is_fee_code(code[:i] + b + a + code[i + 2 :]), i


@pytest.mark.parametrize(
    ("unit", "dossier", "seq", "rule"),
    [
        ("G-18", "X1", 1, "fee_code.unit"),
        ("", "X1", 1, "fee_code.unit"),
        ("G18", "hồ sơ", 1, "fee_code.dossier"),
        ("G18", "-X1", 1, "fee_code.dossier"),
        ("G18", "X" * 41, 1, "fee_code.dossier"),
        ("G18", "X1", 0, "fee_code.seq"),
        ("G18", "X1", 100, "fee_code.seq"),
    ],
)
def test_bad_parts_are_refused(unit, dossier, seq, rule):
    with pytest.raises(FeeCodeError) as info:
        make_fee_code(unit, dossier, seq)
    assert info.value.rule == rule


@pytest.mark.parametrize("text", ["", "G18-X1-01", "G18-X1-1-00", "G18-X1-00-00", "G18 X1 01 00"])
def test_malformed_codes_do_not_parse(text):
    with pytest.raises(FeeCodeError):
        parse_fee_code(text)


def test_distinct_inputs_give_distinct_codes():
    units = ["G18", "G18.1", "H26", "000.00.18.G18"]
    dossiers = ["G18-250115-0001", "G18-250115-0010", "250115-0001", "G18.250115.0001", "1"]
    codes = {make_fee_code(u, d, s) for u, d, s in itertools.product(units, dossiers, range(1, 12))}
    assert len(codes) == len(units) * len(dossiers) * 11
    assert all(str(parse_fee_code(c)) == c for c in codes)


def test_the_documented_example_is_right():
    assert make_fee_code("G18", "G18.34-250115-0001", 1) == "G18-G18.34-250115-0001-01-79"
