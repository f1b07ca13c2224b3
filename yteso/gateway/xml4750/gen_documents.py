"""Builders of the optional documents of a synthetic visit: clinical notes (XML5), discharge paper
(XML7), birth certificate (XML9), sick leave (XML11), referral (XML13), re-visit appointment (XML14).
Each keeps XML1 consistent (e.g. a referral sets MA_LOAI_RV = 2).
"""

from __future__ import annotations

import random
from datetime import timedelta

from yteso.gateway.xml4750 import gen_data as data
from yteso.gateway.xml4750.gen_visit import Visit, blank, day, ts
from yteso.gateway.xml4750.model import Row

_VITALS = "M: {p} l/p, T: {t} độ C, HA: {s}/{d} mmHg, NT: {r} l/p"


def progress_rows(rng: random.Random, visit: Visit) -> list[Row]:
    """XML5: one clinical-course note (diễn biến lâm sàng) per day of the stay."""
    rows: list[Row] = []
    moment = visit.inpatient_at or visit.admitted
    while moment <= visit.discharged:
        row = blank("XML5")
        vitals = _VITALS.format(
            p=rng.randint(65, 100),
            t=round(rng.uniform(36.5, 38.5), 1),
            s=rng.randint(100, 150),
            d=rng.randint(60, 95),
            r=rng.randint(16, 22),
        )
        row.update(
            MA_LK=visit.ma_lk,
            STT=str(len(rows) + 1),
            THOI_DIEM_DBLS=ts(moment),
            DIEN_BIEN_LS=f"Người bệnh tỉnh, tiếp xúc tốt. {vitals}",
            GIAI_DOAN_BENH="Ổn định",
            NGUOI_THUC_HIEN=visit.doctor,
        )
        rows.append(row)
        moment += timedelta(days=1)
    return rows


def discharge_row(rng: random.Random, visit: Visit, xml1: Row) -> Row:
    """XML7: discharge certificate (giấy ra viện)."""
    row = blank("XML7")
    row.update(
        MA_LK=visit.ma_lk,
        SO_LUU_TRU=xml1["MA_HSBA"],
        MA_YTE=xml1["MA_BN"],
        MA_KHOA_RV=visit.department,
        NGAY_VAO=xml1["NGAY_VAO"],
        NGAY_RA=xml1["NGAY_RA"],
        CHAN_DOAN_RV=xml1["CHAN_DOAN_RV"],
        PP_DIEUTRI=xml1["PP_DIEU_TRI"],
        GHI_CHU="Tái khám sau 2 tuần hoặc khi có dấu hiệu bất thường",
        MA_TTDV=visit.director,
        MA_BS=f"{visit.facility[:2]}{rng.randrange(10**8):08d}",
        TEN_BS="BS. TRẦN VĂN HÙNG",
        NGAY_CT=day(visit.discharged),
    )
    return row


def birth_rows(rng: random.Random, visit: Visit, xml1: Row) -> list[Row]:
    """XML9: birth certificate (giấy chứng sinh) of one baby born during the mother's stay."""
    row = blank("XML9")
    born = (visit.inpatient_at or visit.admitted) + timedelta(hours=rng.randint(2, 10))
    row.update(
        MA_LK=visit.ma_lk,
        MA_BHXH_NND=visit.card[5:],
        MA_THE_NND=visit.card,
        HO_TEN_NND=visit.name,
        NGAYSINH_NND=day(visit.birth),
        MA_DANTOC_NND="01",
        SO_CCCD_NND=visit.cccd,
        NGAYCAP_CCCD_NND=f"{max(visit.birth.year + 14, 2021)}0615",
        NOICAP_CCCD_NND="Cục Cảnh sát QLHC về TTXH",
        NOI_CU_TRU_NND=xml1["DIA_CHI"],
        MA_QUOCTICH="000",
        MATINH_CU_TRU=visit.place[0],
        MAHUYEN_CU_TRU=visit.place[1],
        MAXA_CU_TRU=visit.place[2],
        HO_TEN_CHA="NGUYỄN VĂN NAM",
        MA_THE_TAM=f"TE1{visit.card[3:5]}{rng.randrange(10**10):010d}",
        HO_TEN_CON="",
        GIOI_TINH_CON=rng.choice("12"),
        SO_CON="1",
        LAN_SINH=str(rng.randint(1, 3)),
        SO_CON_SONG="1",
        CAN_NANG_CON=str(rng.randint(2700, 3800)),
        NGAY_SINH_CON=ts(born),
        NOI_SINH_CON="Khoa Phụ sản",
        TINH_TRANG_CON="Khỏe mạnh",
        SINHCON_PHAUTHUAT="0",
        SINHCON_DUOI32TUAN="0",
        GHI_CHU="Sinh thường, đủ tháng",
        NGUOI_DO_DE="NỮ HỘ SINH LÊ THỊ MAI",
        NGUOI_GHI_PHIEU="NỮ HỘ SINH LÊ THỊ MAI",
        NGAY_CT=day(born),
        SO=f"{rng.randint(1, 9999):04d}",
        QUYEN_SO=f"{born.year}/01",
        MA_TTDV=visit.director,
    )
    return [row]


def sick_leave_row(rng: random.Random, visit: Visit) -> Row:
    """XML11: certificate of leave with social-insurance benefit (giấy nghỉ việc hưởng BHXH)."""
    row = blank("XML11")
    leave = rng.randint(3, 7)
    start = visit.discharged if visit.kind == "01" else visit.discharged + timedelta(days=1)
    row.update(
        MA_LK=visit.ma_lk,
        SO_CT=f"{rng.randint(1, 99999):05d}",
        SO_SERI=f"AA{rng.randrange(10**6):06d}",
        SO_KCB=f"{rng.randint(1, 99999):05d}",
        DON_VI="Công ty TNHH Thương mại Bình Minh",
        MA_BHXH=visit.card[5:],
        MA_THE_BHYT=visit.card,
        CHAN_DOAN_RV=visit.diagnosis[1],
        PP_DIEUTRI="Điều trị nội khoa",
        MA_DINH_CHI_THAI="0",
        SO_NGAY_NGHI=str(leave),
        TU_NGAY=day(start),
        DEN_NGAY=day(start + timedelta(days=leave - 1)),
        MA_TTDV=visit.director,
        MA_BS=f"{visit.facility[:2]}{rng.randrange(10**8):08d}",
        NGAY_CT=day(visit.discharged),
        MAU_SO="CT07",
    )
    return row


def referral_row(rng: random.Random, visit: Visit, xml1: Row) -> Row:
    """XML13: referral letter (giấy chuyển tuyến); sets XML1 MA_LOAI_RV = 2 and MA_NOI_DEN."""
    destination = f"{visit.facility[:2]}{rng.randint(1, 999):03d}"
    number = f"{rng.randint(1, 9999):04d}/CT"
    xml1.update(MA_LOAI_RV="2", MA_NOI_DEN=destination, GIAY_CHUYEN_TUYEN=number, KET_QUA_DTRI="3")
    row = blank("XML13")
    row.update(
        MA_LK=visit.ma_lk,
        SO_HOSO=xml1["MA_HSBA"],
        SO_CHUYENTUYEN=f"{rng.randint(1, 9999):04d}",
        GIAY_CHUYEN_TUYEN=number,
        MA_CSKCB=visit.facility,
        MA_NOI_DEN=destination,
        DAU_HIEU_LS="Sốt cao, khó thở tăng dần",
        QT_BENHLY="Điều trị kháng sinh 3 ngày không cải thiện",
        TOMTAT_KQ="X-quang: tổn thương phổi tiến triển",
        MA_LYDO_CT="2",
        HUONG_DIEU_TRI="Tiếp tục điều trị tại tuyến trên",
        PHUONGTIEN_VC="Xe cứu thương",
        HOTEN_NGUOI_HT="ĐIỀU DƯỠNG PHẠM THỊ LAN",
        CHUCDANH_NGUOI_HT="Điều dưỡng",
        MA_BAC_SI=visit.doctor,
        MA_TTDV=visit.director,
        TEN_DICH_VU="Chụp Xquang ngực thẳng; Tổng phân tích tế bào máu ngoại vi",
    )
    for field in (
        "HO_TEN",
        "NGAY_SINH",
        "GIOI_TINH",
        "MA_QUOCTICH",
        "MA_DANTOC",
        "MA_NGHE_NGHIEP",
        "DIA_CHI",
        "MA_THE_BHYT",
        "GT_THE_DEN",
        "NGAY_VAO",
        "NGAY_VAO_NOI_TRU",
        "NGAY_RA",
        "CHAN_DOAN_RV",
        "MA_BENH_CHINH",
        "MA_BENH_KT",
        "PP_DIEU_TRI",
        "MA_LOAI_RV",
    ):
        row[field] = xml1[field]
    row["PP_DIEUTRI"] = xml1["PP_DIEU_TRI"]
    return row


def appointment_row(rng: random.Random, visit: Visit, xml1: Row) -> Row:
    """XML14: re-visit appointment letter (giấy hẹn khám lại); sets XML1 NGAY_TAI_KHAM."""
    when = (visit.discharged + timedelta(days=rng.randint(7, 30))).replace(hour=8, minute=0)
    xml1["NGAY_TAI_KHAM"] = day(when)
    row = blank("XML14")
    row.update(
        MA_LK=visit.ma_lk,
        SO_GIAYHEN_KL=f"{rng.randint(1, 9999):04d}/GH",
        MA_CSKCB=visit.facility,
        NGAY_HEN_KL=ts(when),
        MA_BAC_SI=visit.doctor,
        MA_TTDV=visit.director,
        NGAY_CT=day(visit.discharged),
    )
    for field in (
        "HO_TEN",
        "NGAY_SINH",
        "GIOI_TINH",
        "DIA_CHI",
        "MA_THE_BHYT",
        "GT_THE_DEN",
        "NGAY_VAO",
        "NGAY_VAO_NOI_TRU",
        "NGAY_RA",
        "CHAN_DOAN_RV",
        "MA_BENH_CHINH",
        "MA_BENH_KT",
        "MA_DOITUONG_KCB",
    ):
        row[field] = xml1[field]
    return row


def delivery_visit(visit: Visit) -> None:
    """Turn an inpatient visit into a normal delivery (mother's stay in obstetrics)."""
    visit.diagnosis = data.DELIVERY_DIAGNOSIS
    visit.secondary = []
    visit.department = "K30"
