"""Detail lines of a synthetic visit: drugs (XML2), services and supplies (XML3), lab results (XML4).

All money follows the QĐ 130/4750 formulas, each amount rounded to 2 decimals.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from yteso.gateway.xml4750 import gen_data as data
from yteso.gateway.xml4750.gen_visit import Visit, blank, money, qty, ts
from yteso.gateway.xml4750.model import Row


def _amounts(row: Row, qty_: float, price: float, bh_price: float, rate: int, benefit: int, ratio: int = 100) -> None:
    bv = round(qty_ * price * ratio / 100, 2)
    bh = round(qty_ * bh_price * ratio / 100 * rate / 100, 2)
    bhtt = round(bh * benefit / 100, 2)
    row["THANH_TIEN_BV"], row["THANH_TIEN_BH"] = money(bv), money(bh)
    row["T_BHTT"], row["T_BNCCT"], row["T_BNTT"] = money(bhtt), money(round(bh - bhtt, 2)), money(round(bv - bh, 2))
    for f in ("T_NGUONKHAC_NSNN", "T_NGUONKHAC_VTNN", "T_NGUONKHAC_VTTN", "T_NGUONKHAC_CL", "T_NGUONKHAC"):
        row[f] = "0"
    row["TYLE_TT_BH"], row["MUC_HUONG"] = str(rate), str(benefit)


def drug_rows(rng: random.Random, visit: Visit, count: int) -> list[Row]:
    """XML2 lines (chi tiết thuốc)."""
    days = max(1, (visit.discharged.date() - visit.admitted.date()).days) if visit.kind == "03" else rng.randint(5, 10)
    rows: list[Row] = []
    for stt, drug in enumerate(rng.sample(data.DRUGS, min(count, len(data.DRUGS))), start=1):
        code, name, strength, unit, route, form, reg, price, dose = drug
        row = blank("XML2")
        ordered = visit.admitted + timedelta(minutes=rng.randint(20, 90))
        amount = float(days * (2 if "2 lần" in dose else 3 if "3 lần" in dose else 1))
        row.update(
            MA_LK=visit.ma_lk,
            STT=str(stt),
            MA_THUOC=code,
            MA_NHOM="4",
            TEN_THUOC=name,
            DON_VI_TINH=unit,
            HAM_LUONG=strength,
            DUONG_DUNG=route,
            DANG_BAO_CHE=form,
            LIEU_DUNG=f"{dose} * {days} ngày",
            CACH_DUNG="Uống sau ăn" if route == "1.01" else "Theo chỉ định",
            SO_DANG_KY=reg,
            TT_THAU=f"{rng.randint(100, 999)}/QĐ-SYT;G1;N4;2025",
            PHAM_VI="1",
            SO_LUONG=qty(amount),
            DON_GIA=qty(price),
            MA_KHOA=visit.department,
            MA_BAC_SI=visit.doctor,
            NGAY_YL=ts(ordered),
            NGAY_TH_YL=ts(ordered + timedelta(minutes=30)),
            MA_PTTT="1",
            NGUON_CTRA="1",
        )
        _amounts(row, amount, price, price, 100, visit.benefit)
        rows.append(row)
    return rows


def service_rows(rng: random.Random, visit: Visit, count: int) -> list[Row]:
    """XML3 lines (dịch vụ kỹ thuật, vật tư): exam or bed days, labs, imaging, supplies."""
    picks: list[tuple[str, str, str, float, tuple[data.Indicator, ...]]] = [data.EXAM]
    if visit.kind == "03":
        picks.append(data.BED_DAY)
    labs = rng.sample(data.LABS, min(len(data.LABS), max(1, count - len(picks) - 2)))
    picks += labs + rng.sample(data.OTHER_SERVICES, 1)
    rows: list[Row] = []
    ordered = visit.admitted + timedelta(minutes=10)
    for code, name, group, price, _ in picks:
        quantity = float(max(1, (visit.discharged.date() - visit.admitted.date()).days)) if group == "15" else 1.0
        when = visit.inpatient_at if group == "15" and visit.inpatient_at is not None else ordered
        row = _service_row(visit, len(rows) + 1, group, quantity, price, when)
        row.update(MA_DICH_VU=code, TEN_DICH_VU=name, DON_VI_TINH="Ngày" if group == "15" else "Lần")
        if group in ("1", "2", "3", "18"):
            row.update(NGUOI_THUC_HIEN=rng.choice(data.DOCTORS), NGAY_KQ=ts(ordered + timedelta(minutes=75)))
        if group == "15":
            row["MA_GIUONG"] = f"H{rng.randint(1, 60):03d}"
        rows.append(row)
    while len(rows) < count:
        code, name, unit, price = rng.choice(data.SUPPLIES)
        row = _service_row(visit, len(rows) + 1, "10", float(rng.randint(1, 3)), price, ordered)
        row.update(MA_VAT_TU=code, TEN_VAT_TU=name, DON_VI_TINH=unit, TT_THAU="20.00;G1;N1;2025", MA_HIEU_SP="BT-5")
        rows.append(row)
    return rows


def _service_row(visit: Visit, stt: int, group: str, quantity: float, price: float, ordered: datetime) -> Row:
    row = blank("XML3")
    row.update(
        MA_LK=visit.ma_lk,
        STT=str(stt),
        MA_NHOM=group,
        PHAM_VI="1",
        SO_LUONG=qty(quantity),
        DON_GIA_BV=qty(price),
        DON_GIA_BH=qty(price),
        TYLE_TT_DV="100",
        MA_KHOA=visit.department,
        MA_BAC_SI=visit.doctor,
        MA_BENH=visit.diagnosis[0],
        NGAY_YL=ts(ordered),
        NGAY_TH_YL=ts(ordered + timedelta(minutes=15)),
        MA_PTTT="1",
    )
    _amounts(row, quantity, price, price, 100, visit.benefit)
    return row


def lab_rows(rng: random.Random, visit: Visit, services: list[Row]) -> list[Row]:
    """XML4 results (kết quả cận lâm sàng) of the lab services in XML3."""
    indicators = {code: ind for code, _, _, _, ind in data.LABS}
    rows: list[Row] = []
    for service in services:
        for code, name, unit, low, high in indicators.get(service["MA_DICH_VU"], ()):
            row = blank("XML4")
            value = rng.uniform(low * 0.8, high * 1.2)
            row.update(
                MA_LK=visit.ma_lk,
                STT=str(len(rows) + 1),
                MA_DICH_VU=service["MA_DICH_VU"],
                MA_CHI_SO=code,
                TEN_CHI_SO=name,
                GIA_TRI=f"{value:.1f}",
                DON_VI_DO=unit,
                NGAY_KQ=service["NGAY_KQ"],
                KET_LUAN="Bình thường" if low <= value <= high else "Bất thường",
                MA_BS_DOC_KQ=service["NGUOI_THUC_HIEN"],
            )
            rows.append(row)
    return rows
