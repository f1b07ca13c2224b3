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
_TOTALS = (
    "T_THUOC",
    "T_VTYT",
    "T_TONGCHI_BV",
    "T_TONGCHI_BH",
    "T_BNTT",
    "T_BNCCT",
    "T_BHTT",
    "T_NGUONKHAC",
    "T_BHTT_GDV",
)


def _fmt(amount: float) -> str:
    return f"{amount:.2f}"


def check_money(dossier: Dossier, xml1: Row | None, errors: list[DossierError]) -> None:
    """Line formulas of XML2 and XML3, then the XML1 totals against the sums of the lines."""
    drugs_bv = supplies_bv = total_bv = total_bh = bntt_sum = bncct_sum = bhtt_sum = others_sum = fee_bhtt = 0.0
    lines = 0
    complete = True
    for name in ("XML2", "XML3"):
        for row_no, row in enumerate(dossier.rows(name), start=1):
            lines += 1
            amounts = _check_line(name, row_no, row, errors)
            if amounts is None:
                complete = False
                continue
            bv, bh, bntt, bncct, bhtt, others = amounts
            if name == "XML2":
                drugs_bv += bv
            elif row.get("MA_NHOM", "") in SUPPLY_GROUPS:
                supplies_bv += bv
            total_bv += bv
            total_bh += bh
            bntt_sum += bntt
            bncct_sum += bncct
            bhtt_sum += bhtt
            others_sum += others
            if row.get("MA_PTTT", "") == "1":
                fee_bhtt += bhtt
    if xml1 is None or not complete:
        return  # a line amount is not a number (reported as NUMBER_FORMAT): totals are meaningless
    sums = zip(
        _TOTALS,
        (drugs_bv, supplies_bv, total_bv, total_bh, bntt_sum, bncct_sum, bhtt_sum, others_sum, fee_bhtt),
        strict=True,
    )
    tolerance = max(TOTAL_TOLERANCE, PER_LINE_TOLERANCE * lines)
    for field, expected in sums:
        declared = xml1.get(field, "")
        try:
            if declared and abs(float(declared) - expected) > tolerance:
                errors.append(make_error("TOTAL_MISMATCH", "XML1", 1, field, declared, expected=_fmt(expected)))
        except ValueError:
            continue


def _check_line(
    name: str, row_no: int, row: Row, errors: list[DossierError]
) -> tuple[float, float, float, float, float, float] | None:
    """Formulas of one XML2/XML3 line; returns its amounts, or None when one is not a number."""
    drug = name == "XML2"
    get = row.get
    tol = LINE_TOLERANCE
    try:
        qty = float(get("SO_LUONG") or 0)
        price_bv = float(get("DON_GIA" if drug else "DON_GIA_BV") or 0)
        price_bh = price_bv if drug else float(get("DON_GIA_BH") or 0)
        rate = float(get("TYLE_TT_BH") or 0) / 100
        ratio = 1.0 if drug or not get("TYLE_TT_DV") else float(get("TYLE_TT_DV") or 0) / 100
        bv, bh = float(get("THANH_TIEN_BV") or 0), float(get("THANH_TIEN_BH") or 0)
        bntt, bncct, bhtt = float(get("T_BNTT") or 0), float(get("T_BNCCT") or 0), float(get("T_BHTT") or 0)
        others = float(get("T_NGUONKHAC") or 0)
        sources = (
            float(get("T_NGUONKHAC_NSNN") or 0)
            + float(get("T_NGUONKHAC_VTNN") or 0)
            + float(get("T_NGUONKHAC_VTTN") or 0)
            + float(get("T_NGUONKHAC_CL") or 0)
        )
        benefit = float(get("MUC_HUONG") or 0) / 100
    except ValueError:
        return None
    # QĐ 130 formula, or QĐ 4750's correction that applies TYLE_TT_DV (XML3) as well.
    base = qty * price_bv
    if abs(bv - base) > tol and abs(bv - base * ratio) > tol:
        _formula_error(name, row_no, row, "THANH_TIEN_BV", (base, base * ratio), errors)
    if abs(others - sources) > tol:
        _formula_error(name, row_no, row, "T_NGUONKHAC", (sources,), errors)
    if others == 0 and not get("T_TRANTT"):
        # With other funding or a supply ceiling the decision's step-wise deductions apply;
        # only the balance below is checked then.
        covered = qty * price_bh * rate
        if abs(bh - covered) > tol and abs(bh - covered * ratio) > tol:
            _formula_error(name, row_no, row, "THANH_TIEN_BH", (covered, covered * ratio), errors)
        if abs(bhtt - bh * benefit) > tol:
            _formula_error(name, row_no, row, "T_BHTT", (bh * benefit,), errors)
        if abs(bntt - (bv - bh)) > tol:
            _formula_error(name, row_no, row, "T_BNTT", (bv - bh,), errors)
    paid = bntt + bncct + bhtt + others
    if abs(paid - bv) > tol:
        errors.append(
            make_error("AMOUNT_BALANCE", name, row_no, "THANH_TIEN_BV", get("THANH_TIEN_BV", ""), sum=_fmt(paid))
        )
    return bv, bh, bntt, bncct, bhtt, others


def _formula_error(
    table: str, row_no: int, row: Row, field: str, options: tuple[float, ...], errors: list[DossierError]
) -> None:
    expected = " / ".join(sorted({_fmt(o) for o in options}))
    errors.append(make_error("AMOUNT_FORMULA", table, row_no, field, row.get(field, ""), expected=expected))
