"""Builders of the rows of one synthetic visit: patient, XML1 summary, drug/service lines, lab results.

All money follows the QĐ 130/4750 formulas (rounded to 2 decimals) and the XML1 totals are the
sums of the lines, so a generated dossier passes :func:`validate_dossier` unchanged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from yteso.gateway.xml4750 import gen_data as data
from yteso.gateway.xml4750 import spec
from yteso.gateway.xml4750.codes import PROVINCES_PRE_2025
from yteso.gateway.xml4750.model import Row

_PROVINCES = sorted(PROVINCES_PRE_2025)


@cache
def _template(table: str) -> dict[str, str]:
    return dict.fromkeys(spec.table(table).field_names, "")


def blank(table: str) -> Row:
    """A row of ``table`` with every element present and empty."""
    return dict(_template(table))


def ts(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M")


def day(moment: datetime) -> str:
    return moment.strftime("%Y%m%d")


def money(amount: float) -> str:
    return f"{amount:.2f}"


def qty(amount: float) -> str:
    return f"{amount:g}"


@dataclass(slots=True)
class Visit:
    """Everything the rows of one dossier share."""

    facility: str
    ma_lk: str
    sex: str
    birth: datetime
    name: str
    cccd: str
    card: str
    benefit: int
    place: tuple[str, str, str, str]
    kind: str
    admitted: datetime
    inpatient_at: datetime | None
    discharged: datetime
    diagnosis: tuple[str, str]
    secondary: list[str] = field(default_factory=list)
    department: str = "K01"
    doctor: str = ""
    director: str = ""


def cccd_for(rng: random.Random, birth: datetime, sex: str, province: str) -> str:
    """A 12-digit CCCD consistent with birth year and sex: province (3), century+sex (1), year (2), random (6)."""
    century_digit = (birth.year // 100 - 19) * 2 + (1 if sex == "2" else 0)
    return f"0{province}{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def new_visit(
    rng: random.Random, facility: str, index: int, *, inpatient: bool, female: bool = False, adult: bool = False
) -> Visit:
    """Draw a patient and the frame of a visit (outpatient exam 01 or inpatient stay 03).

    ``female`` draws a woman of child-bearing age, ``adult`` someone of working age.
    """
    sex = "2" if female or rng.random() < 0.52 else "1"
    if female:
        age = rng.randint(20, 38)
    elif adult:
        age = rng.randint(18, 59)
    else:
        age = rng.choice((rng.randint(0, 5), rng.randint(6, 59), rng.randint(60, 90)))
    admitted = datetime(2026, 1, 1, 7) + timedelta(days=rng.randrange(300), minutes=rng.randrange(540))
    born = admitted - timedelta(days=age * 365 + rng.randint(1, 360))
    birth = datetime(born.year, born.month, born.day)
    surname = rng.choices(data.SURNAMES, data.SURNAME_WEIGHTS)[0]
    middle = rng.choice(data.MIDDLE_FEMALE if sex == "2" else data.MIDDLE_MALE)
    given = rng.choice(data.GIVEN_FEMALE if sex == "2" else data.GIVEN_MALE)
    province = facility[:2] if facility[:2] in PROVINCES_PRE_2025 else rng.choice(_PROVINCES)
    places = [p for p in data.PLACES if p[0] == province] or list(data.PLACES)
    group, level = ("TE", "1") if age < 6 else ("HT", "3") if age >= 60 else rng.choice(data.CARD_GROUPS)
    bhxh = f"{province}{rng.randrange(10**8):08d}"
    if inpatient:
        inpatient_at = admitted + timedelta(minutes=rng.randint(30, 120))
        discharged = (admitted + timedelta(days=rng.randint(2, 7))).replace(hour=rng.randint(8, 11))
        diagnosis = rng.choice(data.INPATIENT_DIAGNOSES)
    else:
        inpatient_at = None
        discharged = admitted + timedelta(minutes=rng.randint(60, 240))
        diagnosis = rng.choice(data.OUTPATIENT_DIAGNOSES)
    return Visit(
        facility=facility,
        ma_lk=f"{facility}.{day(admitted)}.{index:06d}",
        sex=sex,
        birth=birth,
        name=f"{surname} {middle} {given}",
        cccd=cccd_for(rng, birth, sex, province),
        card=f"{group}{level}{province}{bhxh}",
        benefit=data.BENEFIT[level],
        place=rng.choice(places),
        kind="03" if inpatient else "01",
        admitted=admitted,
        inpatient_at=inpatient_at,
        discharged=discharged,
        diagnosis=diagnosis,
        secondary=rng.sample(data.SECONDARY_DIAGNOSES, rng.choice((0, 0, 1, 2))),
        department="K03" if inpatient else "K01",
        doctor=rng.choice(data.DOCTORS),
        director=f"{facility[:2]}{rng.randrange(10**8):08d}",
    )


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


def summary_row(rng: random.Random, visit: Visit, drugs: list[Row], services: list[Row]) -> Row:
    """XML1 (tổng hợp) with totals summed from the lines."""
    row = blank("XML1")
    paid = visit.discharged + timedelta(minutes=rng.randint(10, 50))
    days = (visit.discharged.date() - visit.admitted.date()).days + 1 if visit.kind == "03" else 0
    row.update(
        MA_LK=visit.ma_lk,
        STT="1",
        MA_BN=f"BN{rng.randrange(10**8):08d}",
        HO_TEN=visit.name,
        SO_CCCD=visit.cccd,
        NGAY_SINH=visit.birth.strftime("%Y%m%d") + "0000",
        GIOI_TINH=visit.sex,
        MA_QUOCTICH="000",
        MA_DANTOC="01",
        MA_NGHE_NGHIEP="00000",
        DIA_CHI=f"{rng.choice(data.STREETS)}, {visit.place[3]}",
        MATINH_CU_TRU=visit.place[0],
        MAHUYEN_CU_TRU=visit.place[1],
        MAXA_CU_TRU=visit.place[2],
        DIEN_THOAI=f"09{rng.randrange(10**8):08d}",
        MA_THE_BHYT=visit.card,
        MA_DKBD=visit.facility,
        GT_THE_TU=f"{visit.admitted.year}0101",
        GT_THE_DEN=f"{visit.admitted.year}1231",
        LY_DO_VV="Khám bệnh" if visit.kind == "01" else "Sốt, mệt mỏi",
        CHAN_DOAN_VAO=visit.diagnosis[1],
        CHAN_DOAN_RV=visit.diagnosis[1],
        MA_BENH_CHINH=visit.diagnosis[0],
        MA_BENH_KT=";".join(visit.secondary),
        MA_DOITUONG_KCB="1.1",
        NGAY_VAO=ts(visit.admitted),
        NGAY_RA=ts(visit.discharged),
        SO_NGAY_DTRI=str(days),
        KET_QUA_DTRI="1" if visit.kind == "03" else "2",
        MA_LOAI_RV="1",
        NGAY_TTOAN=ts(paid),
        NAM_QT=str(paid.year),
        THANG_QT=str(paid.month),
        MA_LOAI_KCB=visit.kind,
        MA_KHOA=visit.department,
        MA_CSKCB=visit.facility,
        CAN_NANG=f"{rng.uniform(45, 80):.2f}"
        if visit.birth.year < visit.admitted.year - 6
        else f"{rng.uniform(3, 20):.2f}",
        MA_HSBA=f"{'BA' if visit.kind == '03' else 'PK'}{visit.admitted.year}-{rng.randrange(10**6):06d}",
        MA_TTDV=visit.director,
        PP_DIEU_TRI="Điều trị nội khoa",
    )
    if visit.inpatient_at is not None:
        row.update(NGAY_VAO_NOI_TRU=ts(visit.inpatient_at), LY_DO_VNT=visit.diagnosis[1])
    _totals(row, drugs, services)
    return row


def _totals(row: Row, drugs: list[Row], services: list[Row]) -> None:
    def total(rows: list[Row], name: str) -> float:
        return sum(float(r[name]) for r in rows)

    lines = drugs + services
    row["T_THUOC"] = money(total(drugs, "THANH_TIEN_BV"))
    row["T_VTYT"] = money(total([s for s in services if s["MA_NHOM"] == "10"], "THANH_TIEN_BV"))
    row["T_TONGCHI_BV"] = money(total(lines, "THANH_TIEN_BV"))
    row["T_TONGCHI_BH"] = money(total(lines, "THANH_TIEN_BH"))
    for name in ("T_BNTT", "T_BNCCT", "T_BHTT", "T_NGUONKHAC"):
        row[name] = money(total(lines, name))
    row["T_BHTT_GDV"] = row["T_BHTT"]
