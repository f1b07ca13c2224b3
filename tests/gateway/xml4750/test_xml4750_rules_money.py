"""Money rules: line formulas of XML2/XML3 and XML1 totals, within the documented tolerance."""

from __future__ import annotations

import pytest

from yteso.gateway.xml4750 import badinput as bad
from yteso.gateway.xml4750.checks_money import LINE_TOLERANCE


def _set(dossier, table: str, row: int, **values: str):
    for field, value in values.items():
        dossier = bad.with_value(dossier, table, field, value, row=row)
    return dossier


@pytest.mark.parametrize(
    "field",
    ["T_THUOC", "T_VTYT", "T_TONGCHI_BV", "T_TONGCHI_BH", "T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC", "T_BHTT_GDV"],
)
def test_wrong_totals(good, check, rules, field: str) -> None:
    errors = check(bad.with_wrong_total(good, field, 1000))
    assert rules(errors) == {("XML1", field, "TOTAL_MISMATCH")}
    assert errors[0].message_en.endswith(good["XML1"][0][field])  # expected value is the sum of the lines


def test_totals_within_rounding_tolerance(good, check) -> None:
    assert check(bad.with_wrong_total(good, "T_TONGCHI_BV", 0.9)) == []
    assert check(bad.with_wrong_total(good, "T_TONGCHI_BV", -0.9)) == []


@pytest.mark.parametrize(
    ("table", "field"),
    [("XML2", "THANH_TIEN_BV"), ("XML2", "THANH_TIEN_BH"), ("XML2", "T_BHTT"), ("XML2", "T_BNTT"),
     ("XML3", "THANH_TIEN_BV"), ("XML3", "THANH_TIEN_BH"), ("XML3", "T_NGUONKHAC")],
)  # fmt: skip
def test_line_formulas(good, check, rules, table: str, field: str) -> None:
    value = float(good[table][0][field]) + 5000
    assert (table, field, "AMOUNT_FORMULA") in rules(check(bad.with_value(good, table, field, f"{value:.2f}")))


def test_line_balance(good, check, rules) -> None:
    value = float(good["XML2"][0]["T_BNCCT"]) + 5000
    found = rules(check(bad.with_value(good, "XML2", "T_BNCCT", f"{value:.2f}")))
    assert ("XML2", "THANH_TIEN_BV", "AMOUNT_BALANCE") in found


def test_line_rounding_is_tolerated(good, check) -> None:
    row = good["XML2"][0]
    value = float(row["THANH_TIEN_BV"]) + LINE_TOLERANCE / 2
    dossier = bad.with_value(good, "XML2", "THANH_TIEN_BV", f"{value:.2f}")
    assert not any(e.rule == "AMOUNT_FORMULA" for e in check(dossier))


def _line(quantity: str, price: str, rate: str, benefit: str, ratio: str = "100") -> dict[str, str]:
    q, p, r, b, d = (float(x) for x in (quantity, price, rate, benefit, ratio))
    bv = round(q * p * d / 100, 2)
    bh = round(q * p * d / 100 * r / 100, 2)
    bhtt = round(bh * b / 100, 2)
    return {"SO_LUONG": quantity, "DON_GIA_BV": price, "DON_GIA_BH": price, "TYLE_TT_BH": rate, "TYLE_TT_DV": ratio,
            "MUC_HUONG": benefit, "THANH_TIEN_BV": f"{bv:.2f}", "THANH_TIEN_BH": f"{bh:.2f}", "T_BHTT": f"{bhtt:.2f}",
            "T_BNCCT": f"{bh - bhtt:.2f}", "T_BNTT": f"{bv - bh:.2f}"}  # fmt: skip


def _with_line(good, **line: str):
    dossier = _set(good, "XML3", 1, **line)
    lines = dossier["XML2"] + dossier["XML3"]
    xml1 = dossier["XML1"][0]
    for total, source in (("T_TONGCHI_BV", "THANH_TIEN_BV"), ("T_TONGCHI_BH", "THANH_TIEN_BH"), ("T_BNTT", "T_BNTT"),
                          ("T_BNCCT", "T_BNCCT"), ("T_BHTT", "T_BHTT"), ("T_BHTT_GDV", "T_BHTT")):  # fmt: skip
        xml1[total] = f"{sum(float(r[source]) for r in lines):.2f}"
    return dossier


@pytest.mark.parametrize(
    "line",
    [
        _line("0.5", "214300", "100", "80"),
        _line("1", "42100", "100", "95", ratio="30"),
        _line("2", "150000", "50", "80"),
        _line("1", "99000", "0", "80"),
    ],
    ids=["half-bed-day", "second-exam-30pct", "rate-50pct", "outside-list"],
)
def test_special_payment_ratios_and_rates(good, check, line: dict[str, str]) -> None:
    assert check(_with_line(good, **line)) == []


def test_qd130_formula_without_service_ratio_is_accepted(good, check) -> None:
    line = _line("1", "42100", "100", "95")
    line["TYLE_TT_DV"] = "30"  # the hospital applied QĐ 130's THANH_TIEN_BV = SO_LUONG * DON_GIA_BV
    assert check(_with_line(good, **line)) == []


def test_other_funding_only_checks_the_balance(good, check, rules) -> None:
    line = _line("1", "100000", "100", "80")
    line.update(T_NGUONKHAC_NSNN="30000.00", T_NGUONKHAC="30000.00", T_BNTT="0.00", T_BNCCT="0.00", T_BHTT="70000.00")
    dossier = _with_line(good, **line)
    dossier["XML1"][0]["T_NGUONKHAC"] = "30000.00"
    assert check(dossier) == []
    dossier = bad.with_value(dossier, "XML3", "T_NGUONKHAC_CL", "1000.00")
    assert ("XML3", "T_NGUONKHAC", "AMOUNT_FORMULA") in rules(check(dossier))


def test_non_numeric_amounts_do_not_produce_false_totals(good, check, rules) -> None:
    found = rules(check(bad.with_value(good, "XML2", "THANH_TIEN_BV", "abc")))
    assert ("XML2", "THANH_TIEN_BV", "NUMBER_FORMAT") in found
    assert not any(rule == "TOTAL_MISMATCH" for _, _, rule in found)
