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
_TOTALS = ("T_THUOC", "T_VTYT", "T_TONGCHI_BV", "T_TONGCHI_BH", "T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC",
           "T_BHTT_GDV")


def _fmt(amount: float) -> str:
    return f"{amount:.2f}"


def check_lines(name: str, rows: list[Row], errors: list[DossierError]) -> None:
    """Per-line formulas of XML2 (drugs) or XML3 (services and supplies)."""
    drug = name == "XML2"
    for row_no, row in enumerate(rows, start=1):
        get = row.get
        try:
            qty = float(get("SO_LUONG") or 0)
            price_bv = float(get("DON_GIA" if drug else "DON_GIA_BV") or 0)
            price_bh = float(get("DON_GIA" if drug else "DON_GIA_BH") or 0)
            rate = float(get("TYLE_TT_BH") or 0) / 100
            ratio = 1.0 if drug or not get("TYLE_TT_DV") else float(get("TYLE_TT_DV") or 0) / 100
            benefit = float(get("MUC_HUONG") or 0) / 100
            bv, bh = float(get("THANH_TIEN_BV") or 0), float(get("THANH_TIEN_BH") or 0)
            bntt, bncct, bhtt = float(get("T_BNTT") or 0), float(get("T_BNCCT") or 0), float(get("T_BHTT") or 0)
            others = float(get("T_NGUONKHAC") or 0)
            sources = sum(float(get(f) or 0) for f in _OTHER_SOURCES)
        except ValueError:
            continue  # NUMBER_FORMAT already reported
        # QĐ 130 formula, or QĐ 4750's correction that applies TYLE_TT_DV (XML3) as well.
        _formula(name, row_no, row, "THANH_TIEN_BV", bv, (qty * price_bv, qty * price_bv * ratio), errors)
        _formula(name, row_no, row, "T_NGUONKHAC", others, (sources,), errors)
        if others == 0 and not get("T_TRANTT"):
            # With other funding or a supply ceiling the decision's step-wise deductions apply;
            # only the balance below is checked then.
            _formula(name, row_no, row, "THANH_TIEN_BH", bh, (qty * price_bh * rate, qty * price_bh * ratio * rate), errors)
            _formula(name, row_no, row, "T_BHTT", bhtt, (bh * benefit,), errors)
            _formula(name, row_no, row, "T_BNTT", bntt, (bv - bh,), errors)
        paid = bntt + bncct + bhtt + others
        if abs(paid - bv) > LINE_TOLERANCE:
            errors.append(make_error("AMOUNT_BALANCE", name, row_no, "THANH_TIEN_BV", get("THANH_TIEN_BV", ""), sum=_fmt(paid)))


def _formula(
    table: str, row_no: int, row: Row, field: str, actual: float, options: tuple[float, ...], errors: list[DossierError]
) -> None:
    for option in options:
        if abs(actual - option) <= LINE_TOLERANCE:
            return
    expected = " / ".join(sorted({_fmt(o) for o in options}))
    errors.append(make_error("AMOUNT_FORMULA", table, row_no, field, row.get(field, ""), expected=expected))


def check_totals(dossier: Dossier, xml1: Row, errors: list[DossierError]) -> None:
    """XML1 T_* totals against the sums of the XML2 and XML3 lines."""
    drugs, services = dossier.rows("XML2"), dossier.rows("XML3")
    sums = dict.fromkeys(_TOTALS, 0.0)
    try:
        for row in drugs:
            sums["T_THUOC"] += float(row.get("THANH_TIEN_BV") or 0)
        for row in services:
            if row.get("MA_NHOM", "") in SUPPLY_GROUPS:
                sums["T_VTYT"] += float(row.get("THANH_TIEN_BV") or 0)
        for row in (*drugs, *services):
            get = row.get
            sums["T_TONGCHI_BV"] += float(get("THANH_TIEN_BV") or 0)
            sums["T_TONGCHI_BH"] += float(get("THANH_TIEN_BH") or 0)
            sums["T_BNTT"] += float(get("T_BNTT") or 0)
            sums["T_BNCCT"] += float(get("T_BNCCT") or 0)
            bhtt = float(get("T_BHTT") or 0)
            sums["T_BHTT"] += bhtt
            sums["T_NGUONKHAC"] += float(get("T_NGUONKHAC") or 0)
            if get("MA_PTTT", "") == "1":
                sums["T_BHTT_GDV"] += bhtt
    except ValueError:
        return  # a line amount is not a number: reported as NUMBER_FORMAT, totals meaningless
    tolerance = max(TOTAL_TOLERANCE, PER_LINE_TOLERANCE * (len(drugs) + len(services)))
    for field, expected in sums.items():
        declared = xml1.get(field, "")
        try:
            if declared and abs(float(declared) - expected) > tolerance:
                errors.append(make_error("TOTAL_MISMATCH", "XML1", 1, field, declared, expected=_fmt(expected)))
        except ValueError:
            continue
