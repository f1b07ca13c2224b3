"""Money rules (công thức tính tiền) of XML2/XML3 lines and the XML1 totals.

Tolerances: each line amount may differ from its formula by :data:`LINE_TOLERANCE` (1 VND, for
rounding each step to 2 decimals or to whole đồng); an XML1 total may differ from the sum of its
lines by ``max(TOTAL_TOLERANCE, 0.005 * lines)`` (totals summed from unrounded line amounts).
"""

from __future__ import annotations

from yteso.gateway.xml4750.errors import DossierError, make_error
from yteso.gateway.xml4750.model import Dossier, Row

LINE_TOLERANCE = 1.0
TOTAL_TOLERANCE = 1.0
PER_LINE_TOLERANCE = 0.005
SUPPLY_GROUPS = frozenset({"10", "11"})
"""MA_NHOM of medical supplies (VTYT) counted in T_VTYT."""
_OTHER_SOURCES = ("T_NGUONKHAC_NSNN", "T_NGUONKHAC_VTNN", "T_NGUONKHAC_VTTN", "T_NGUONKHAC_CL")
_LINE_AMOUNTS = ("THANH_TIEN_BV", "THANH_TIEN_BH", "T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC")


def _num(row: Row, field: str) -> float | None:
    value = row.get(field, "")
    if not value:
        return 0.0
    try:
        return float(value)
    except ValueError:
        return None


def _fmt(amount: float) -> str:
    return f"{amount:.2f}"


def check_lines(name: str, rows: list[Row], errors: list[DossierError]) -> None:
    """Per-line formulas of XML2 (drugs) or XML3 (services and supplies)."""
    price_field = "DON_GIA" if name == "XML2" else "DON_GIA_BH"
    hospital_price = "DON_GIA" if name == "XML2" else "DON_GIA_BV"
    for row_no, row in enumerate(rows, start=1):
        values = {f: _num(row, f) for f in (*_LINE_AMOUNTS, *_OTHER_SOURCES, "SO_LUONG", price_field,
                                             hospital_price, "TYLE_TT_BH", "TYLE_TT_DV", "MUC_HUONG")}
        if any(v is None for v in values.values()):
            continue  # NUMBER_FORMAT already reported
        v: dict[str, float] = {k: x for k, x in values.items() if x is not None}
        ratio = v["TYLE_TT_DV"] / 100 if name == "XML3" and row.get("TYLE_TT_DV") else 1.0
        qty, rate = v["SO_LUONG"], v["TYLE_TT_BH"] / 100
        # QĐ 130 formula, or QĐ 4750's correction that applies TYLE_TT_DV (XML3) as well.
        bv_options = {qty * v[hospital_price], qty * v[hospital_price] * ratio}
        _formula(name, row_no, row, "THANH_TIEN_BV", v["THANH_TIEN_BV"], bv_options, errors)
        others = sum(v[f] for f in _OTHER_SOURCES)
        _formula(name, row_no, row, "T_NGUONKHAC", v["T_NGUONKHAC"], {others}, errors)
        if v["T_NGUONKHAC"] == 0 and not row.get("T_TRANTT"):
            # With other funding or a supply ceiling the decision's step-wise deductions apply;
            # only the balance below is checked then.
            bh_options = {qty * v[price_field] * rate, qty * v[price_field] * ratio * rate}
            _formula(name, row_no, row, "THANH_TIEN_BH", v["THANH_TIEN_BH"], bh_options, errors)
            bh = v["THANH_TIEN_BH"]
            _formula(name, row_no, row, "T_BHTT", v["T_BHTT"], {bh * v["MUC_HUONG"] / 100}, errors)
            _formula(name, row_no, row, "T_BNTT", v["T_BNTT"], {v["THANH_TIEN_BV"] - bh}, errors)
        paid = v["T_BNTT"] + v["T_BNCCT"] + v["T_BHTT"] + v["T_NGUONKHAC"]
        if abs(paid - v["THANH_TIEN_BV"]) > LINE_TOLERANCE:
            errors.append(
                make_error("AMOUNT_BALANCE", name, row_no, "THANH_TIEN_BV", row.get("THANH_TIEN_BV", ""), sum=_fmt(paid))
            )


def _formula(
    table: str, row_no: int, row: Row, field: str, actual: float, options: set[float], errors: list[DossierError]
) -> None:
    if all(abs(actual - round(option, 2)) > LINE_TOLERANCE for option in options):
        expected = " / ".join(_fmt(o) for o in sorted(options))
        errors.append(make_error("AMOUNT_FORMULA", table, row_no, field, row.get(field, ""), expected=expected))


def check_totals(dossier: Dossier, xml1: Row, errors: list[DossierError]) -> None:
    """XML1 T_* totals against the sums of the XML2 and XML3 lines."""
    drugs, services = dossier.rows("XML2"), dossier.rows("XML3")
    lines = drugs + services
    sums: dict[str, float] = dict.fromkeys(
        ("T_THUOC", "T_VTYT", "T_TONGCHI_BV", "T_TONGCHI_BH", "T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC",
         "T_BHTT_GDV"), 0.0
    )
    for table_rows, is_drug in ((drugs, True), (services, False)):
        for row in table_rows:
            amounts = {f: _num(row, f) for f in _LINE_AMOUNTS}
            if any(a is None for a in amounts.values()):
                return  # a line amount is not a number: reported elsewhere, totals meaningless
            a: dict[str, float] = {k: x for k, x in amounts.items() if x is not None}
            if is_drug:
                sums["T_THUOC"] += a["THANH_TIEN_BV"]
            elif row.get("MA_NHOM", "") in SUPPLY_GROUPS:
                sums["T_VTYT"] += a["THANH_TIEN_BV"]
            sums["T_TONGCHI_BV"] += a["THANH_TIEN_BV"]
            sums["T_TONGCHI_BH"] += a["THANH_TIEN_BH"]
            for field in ("T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC"):
                sums[field] += a[field]
            if row.get("MA_PTTT", "") == "1":
                sums["T_BHTT_GDV"] += a["T_BHTT"]
    tolerance = max(TOTAL_TOLERANCE, PER_LINE_TOLERANCE * len(lines))
    for field, expected in sums.items():
        declared = _num(xml1, field)
        if declared is not None and xml1.get(field) and abs(declared - expected) > tolerance:
            errors.append(make_error("TOTAL_MISMATCH", "XML1", 1, field, xml1[field], expected=_fmt(expected)))
