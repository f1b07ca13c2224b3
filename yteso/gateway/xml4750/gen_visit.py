"""The patient and frame of one synthetic visit, and its XML1 summary (bảng tổng hợp).

The XML1 totals are the sums of the lines built by :mod:`gen_lines`, so a generated dossier
passes :func:`validate_dossier` unchanged.
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
