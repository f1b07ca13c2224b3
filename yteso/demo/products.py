"""Synthetic drug and device catalogues, as rows of the registry import files.

No public machine-readable national drug catalogue was found (shared/reference/README.md), so the
demo lists common essential medicines by their generic (INN) names, made by fictional Vietnamese
manufacturers, with GS1 Vietnam GTINs (prefix 893) and domestic registration numbers (``VD-…``).
The BHYT active-ingredient code (MA_THUOC) is left empty rather than invented.
"""

from __future__ import annotations

import random

from yteso.core.ids import gtin_check_digit

MEDICINES: tuple[tuple[str, str, str, str, str], ...] = (
    # ingredient, strength, dosage form, route, unit
    ("Paracetamol", "500mg", "Viên nén", "Uống", "Viên"),
    ("Paracetamol", "250mg", "Thuốc bột sủi", "Uống", "Gói"),
    ("Amoxicilin", "500mg", "Viên nang cứng", "Uống", "Viên"),
    ("Amoxicilin + Acid clavulanic", "500mg + 125mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Cefuroxim", "500mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Azithromycin", "250mg", "Viên nang cứng", "Uống", "Viên"),
    ("Metformin", "850mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Gliclazid", "30mg", "Viên nén giải phóng có kiểm soát", "Uống", "Viên"),
    ("Amlodipin", "5mg", "Viên nén", "Uống", "Viên"),
    ("Losartan", "50mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Atorvastatin", "20mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Omeprazol", "20mg", "Viên nang cứng", "Uống", "Viên"),
    ("Salbutamol", "2mg", "Viên nén", "Uống", "Viên"),
    ("Loratadin", "10mg", "Viên nén", "Uống", "Viên"),
    ("Ibuprofen", "400mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Acid ascorbic", "500mg", "Viên nén", "Uống", "Viên"),
    ("Natri clorid", "0,9%", "Dung dịch tiêm truyền", "Tiêm truyền", "Chai"),
    ("Bisoprolol", "5mg", "Viên nén bao phim", "Uống", "Viên"),
    ("Dexamethason", "4mg/1ml", "Dung dịch tiêm", "Tiêm", "Ống"),
    ("Insulin người", "100IU/ml", "Hỗn dịch tiêm", "Tiêm dưới da", "Lọ"),
)
MANUFACTURERS = (
    ("Công ty Cổ phần Dược phẩm Sông Hồng", "1001"),
    ("Công ty Cổ phần Dược Cửu Long Xanh", "1002"),
    ("Công ty TNHH Dược phẩm Phương Nam", "1003"),
    ("Công ty Cổ phần Dược – Vật tư y tế Trường Sơn", "1004"),
)
DEVICES: tuple[tuple[str, str, str], ...] = (
    # name, risk class, unit
    ("Bơm tiêm nhựa dùng một lần 5ml", "B", "Cái"),
    ("Kim luồn tĩnh mạch 22G", "B", "Cái"),
    ("Găng tay khám bệnh cao su", "A", "Đôi"),
    ("Máy đo huyết áp điện tử bắp tay", "B", "Cái"),
    ("Máy đo đường huyết cá nhân", "C", "Cái"),
    ("Que thử đường huyết", "C", "Hộp"),
    ("Nhiệt kế điện tử", "A", "Cái"),
    ("Bộ dây truyền dịch", "B", "Bộ"),
)


def gtin13(company: str, item: int) -> str:
    """A GS1 Vietnam GTIN-13: 893 + company prefix + item reference + check digit."""
    body = f"893{company}{item:05d}"
    return body + str(gtin_check_digit(body))


def medication_rows(rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for i, (ingredient, strength, form, route, unit) in enumerate(MEDICINES):
        maker, prefix = MANUFACTURERS[i % len(MANUFACTURERS)]
        rows.append(
            {
                "GTIN": gtin13(prefix, 100 + i),
                "TEN_THUOC": f"{ingredient} {strength}",
                "HOAT_CHAT": ingredient,
                "HAM_LUONG": strength,
                "DANG_BAO_CHE": form,
                "DUONG_DUNG": route,
                "DON_VI_TINH": unit,
                "SO_DANG_KY": f"VD-{rng.randint(20000, 39999)}-{rng.randint(17, 24)}",
                "MA_THUOC": "",
                "NHA_SAN_XUAT": maker,
                "NUOC_SAN_XUAT": "Việt Nam",
                "TRANG_THAI": "",
            }
        )
    return rows


def device_rows(rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for i, (name, risk, unit) in enumerate(DEVICES):
        maker, prefix = MANUFACTURERS[(i + 1) % len(MANUFACTURERS)]
        rows.append(
            {
                "GTIN": gtin13(prefix, 500 + i),
                "TEN_TTB": name,
                "LOAI_TTB": risk,
                "MA_VAT_TU": "",
                "MODEL": f"YT-{rng.randint(100, 999)}",
                "SO_LUU_HANH": f"{rng.randint(2300000, 2499999)}ĐKLH/BYT-HTTB",
                "DON_VI_TINH": unit,
                "NHA_SAN_XUAT": maker,
                "NUOC_SAN_XUAT": "Việt Nam",
                "TRANG_THAI": "",
            }
        )
    return rows
