"""Synthetic health-sector enterprises for the reference business registry, reproducible by seed.

Names follow the usual pattern type + sector + brand ("Công ty TNHH Dược phẩm Minh Châu",
"Công ty Cổ phần Thiết bị Y tế An Phát"); about one in ten also has a branch ("Chi nhánh … tại
…", 13-digit code). Addresses use the 34 provinces in force since 07/2025 (street, ward,
province; no district). Legal representatives are the adults among
``generate_citizens(…, seed)`` of the population database, so a registry and a population file
made with the same seed agree on who they are (name and CCCD).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from yteso.identity.population.generate import generate_citizens
from yteso.integrations.business_registry.codes import enterprise_check_digit
from yteso.integrations.business_registry.models import Enterprise

TYPES = (("Công ty TNHH", 45), ("Công ty TNHH Một thành viên", 15), ("Công ty Cổ phần", 35),
         ("Doanh nghiệp tư nhân", 5))  # fmt: skip
SECTORS = (
    "Dược phẩm", "Thiết bị Y tế", "Trang thiết bị Y tế", "Vật tư Y tế", "Dược liệu", "Đông dược",
    "Hóa dược", "Sinh phẩm Y tế", "Dược mỹ phẩm", "Xét nghiệm Y khoa", "Dịch vụ Y tế", "Thương mại Dược phẩm",
)  # fmt: skip
BRAND_WORDS = (
    "An", "Bình", "Phúc", "Lộc", "Thịnh", "Phát", "Minh", "Tâm", "Đức", "Hưng", "Thành", "Việt", "Long",
    "Hòa", "Khang", "Tín", "Thiên", "Trường", "Sơn", "Hải", "Mai", "Châu", "Ngọc", "Kim", "Quang", "Tân",
    "Gia", "Bảo", "Nhật", "Vạn", "Hồng", "Phương", "Đông", "Nam", "Sao", "Hoa", "Thái", "Toàn", "Hạnh", "Nguyên",
)  # fmt: skip
PROVINCES = (  # name, tax-office range (first two digits of the code), weight
    ("Thành phố Hà Nội", "01", 30), ("Thành phố Hồ Chí Minh", "03", 32), ("Thành phố Hải Phòng", "02", 5),
    ("Thành phố Đà Nẵng", "04", 5), ("Thành phố Cần Thơ", "18", 4), ("Tỉnh Đồng Nai", "36", 5),
    ("Tỉnh Bắc Ninh", "23", 4), ("Tỉnh Quảng Ninh", "57", 3), ("Tỉnh Nghệ An", "29", 4),
    ("Tỉnh Thanh Hóa", "28", 3), ("Tỉnh Khánh Hòa", "42", 3), ("Thành phố Huế", "33", 2),
)  # fmt: skip
STREETS = (
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ", "Hùng Vương",
    "Quang Trung", "Nguyễn Huệ", "Phan Chu Trinh", "Lê Duẩn", "Võ Văn Tần", "Cách Mạng Tháng Tám",
    "Nguyễn Văn Linh", "Trường Chinh", "Giải Phóng", "Nguyễn Văn Cừ", "Lạc Long Quân", "Tôn Đức Thắng",
)  # fmt: skip
WARDS = ("Tân An", "An Phú", "Hòa Bình", "Tân Phú", "Phú Lợi", "Thành Công", "Quang Trung", "Trần Phú",
         "Hưng Phú", "Bình An", "Đông Hòa", "Tân Định", "Phước Long", "Kim Liên", "Thanh Xuân")  # fmt: skip
STATUSES = (("active", 88), ("suspended", 6), ("dissolving", 2), ("dissolved", 3), ("revoked", 1))
ADULT_BORN_BEFORE = date(2003, 1, 1)


def generate(count: int, seed: int = 0) -> list[Enterprise]:
    """``count`` enterprises (branches included in the count), the same for the same seed."""
    if count < 0:
        raise ValueError("count must be >= 0")
    rng = random.Random(seed)
    people = _representatives(seed)
    used: set[str] = set()
    out: list[Enterprise] = []
    while len(out) < count:
        province, office, _ = rng.choices(PROVINCES, weights=[p[2] for p in PROVINCES])[0]
        kind = rng.choices(TYPES, weights=[t[1] for t in TYPES])[0][0]
        brand = " ".join(rng.sample(BRAND_WORDS, 2))
        name = f"{kind} {rng.choice(SECTORS)} {brand}"
        code = _new_code(rng, office, used)
        cccd, person = next(people)
        status = rng.choices(STATUSES, weights=[s[1] for s in STATUSES])[0][0]
        out.append(Enterprise(code, name, _address(rng, province), person, cccd, status))
        if len(out) < count and rng.random() < 0.1:
            branch_province = rng.choices(PROVINCES, weights=[p[2] for p in PROVINCES])[0][0]
            manager_cccd, manager = next(people)
            out.append(Enterprise(f"{code}001", f"Chi nhánh {name} tại {branch_province}",
                                  _address(rng, branch_province), manager, manager_cccd, status))  # fmt: skip
    return out


def _new_code(rng: random.Random, office: str, used: set[str]) -> str:
    while True:
        first_nine = f"{office}{rng.randrange(10**7):07d}"
        check = enterprise_check_digit(first_nine)
        if check is not None and first_nine not in used:
            used.add(first_nine)
            return f"{first_nine}{check}"


def _address(rng: random.Random, province: str) -> str:
    number = f"{rng.randint(1, 350)}" + (f"/{rng.randint(1, 40)}" if rng.random() < 0.2 else "")
    return f"Số {number} đường {rng.choice(STREETS)}, phường {rng.choice(WARDS)}, {province}"


def _representatives(seed: int) -> Iterator[tuple[str, str]]:
    """(CCCD, full name) of the adults of the synthetic population, in its order (lazily)."""
    for cccd, name, born, *_ in generate_citizens(10**9, seed):
        if date.fromisoformat(born) < ADULT_BORN_BEFORE:
            yield cccd, name
