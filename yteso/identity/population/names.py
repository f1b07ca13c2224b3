"""Vietnamese name tables with rough frequencies, for synthetic citizens (not for any real decision).

Family-name shares follow the commonly cited national figures (Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 %,
Phạm ~7 % …); Hoàng/Huỳnh and Vũ/Võ are one name split by region (Huỳnh and Võ in the south).
Middle names depend on sex and generation (Văn/Thị are much rarer among the young).
Weights are relative; every string is NFC.
"""

from __future__ import annotations

import unicodedata

Table = tuple[tuple[str, float], ...]

FAMILY_COMMON: Table = (
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Phan", 4.5), ("Đặng", 2.1),
    ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5),
    ("Đinh", 0.6), ("Trương", 0.6), ("Đoàn", 0.5), ("Mai", 0.5), ("Trịnh", 0.5), ("Lương", 0.4),
    ("Đào", 0.4), ("Cao", 0.4), ("Lâm", 0.4), ("Hà", 0.4), ("Tạ", 0.3), ("Châu", 0.3), ("Lưu", 0.3),
    ("Tô", 0.2), ("Thái", 0.2), ("Vương", 0.2), ("Quách", 0.15), ("Kiều", 0.1), ("Triệu", 0.15),
    ("Hứa", 0.1), ("Lò", 0.15), ("Vi", 0.1), ("Nông", 0.15), ("Lục", 0.05), ("Tăng", 0.1), ("Khổng", 0.05),
)  # fmt: skip
"""Family names shared by every region."""

FAMILY_NORTH: Table = (("Hoàng", 4.6), ("Huỳnh", 0.5), ("Vũ", 3.5), ("Võ", 0.4))
FAMILY_SOUTH: Table = (("Hoàng", 1.0), ("Huỳnh", 4.1), ("Vũ", 0.6), ("Võ", 3.3))

MIDDLE_MALE_OLD: Table = (
    ("Văn", 45), ("Hữu", 6), ("Đức", 6), ("Minh", 5), ("Quang", 4), ("Công", 4), ("Xuân", 3),
    ("Ngọc", 3), ("Thanh", 3), ("Đình", 4), ("Quốc", 3), ("Trọng", 2), ("Thành", 2), ("Anh", 2),
    ("Hồng", 1), ("Viết", 1), ("Bá", 2), ("Tiến", 1), ("Mạnh", 1), ("Duy", 1),
)  # fmt: skip
MIDDLE_MALE_YOUNG: Table = (
    ("Văn", 14), ("Minh", 12), ("Đức", 8), ("Quang", 6), ("Hoàng", 6), ("Gia", 7), ("Bảo", 6),
    ("Tuấn", 4), ("Anh", 4), ("Thành", 4), ("Hữu", 4), ("Quốc", 4), ("Duy", 4), ("Trung", 3),
    ("Đăng", 3), ("Nhật", 3), ("Công", 3), ("Thanh", 2), ("Khánh", 2), ("Phúc", 2),
)  # fmt: skip
MIDDLE_FEMALE_OLD: Table = (
    ("Thị", 62), ("Ngọc", 6), ("Thu", 5), ("Thanh", 5), ("Kim", 4), ("Hồng", 4), ("Minh", 2),
    ("Bích", 2), ("Xuân", 2), ("Mỹ", 2), ("Thúy", 2), ("Phương", 1), ("Diệu", 1), ("Hoài", 1), ("Lệ", 1),
)  # fmt: skip
MIDDLE_FEMALE_YOUNG: Table = (
    ("Thị", 20), ("Ngọc", 10), ("Thu", 6), ("Phương", 6), ("Minh", 6), ("Thanh", 5), ("Khánh", 5),
    ("Bảo", 5), ("Thùy", 4), ("Quỳnh", 4), ("Hà", 3), ("Mai", 3), ("Diệu", 3), ("Hoài", 2),
    ("Như", 3), ("Thảo", 3), ("Gia", 3), ("Tuệ", 2), ("Yến", 2), ("Kim", 2),
)  # fmt: skip


def _zipf(names: str, exponent: float = 0.7) -> Table:
    """Weights falling with rank: the first names listed are the most common."""
    return tuple((name, 1.0 / (rank + 1) ** exponent) for rank, name in enumerate(names.split()))


GIVEN_MALE: Table = _zipf(
    "Anh Hùng Dũng Tuấn Minh Nam Hải Long Sơn Thắng Cường Hưng Huy Khánh Phúc Quân Tùng Trung Việt "
    "Đức Thành Hoàng Hiếu Bình Hòa Kiên Lâm Tài Thịnh Toàn Vinh Quang Tâm Bảo Khang Khoa Đạt Duy "
    "Phong Tiến Trí Nghĩa Lộc Tú Hậu Nhân Thiện An Danh Hiển Kiệt Lực Mạnh Nguyên Phát Phước Sang "
    "Thái Thông Vũ Hoà Chiến Công Định Giang Hào Hiệp Hoan Khải Lợi Quý Tấn Thuận Trọng Tuân Vương"
)
GIVEN_FEMALE: Table = _zipf(
    "Anh Hương Linh Lan Mai Hoa Hà Hằng Hạnh Huyền Ngọc Nhung Oanh Phương Quỳnh Thảo Thủy Trang "
    "Trinh Vân Yến Nga Dung Giang Hiền Hồng Loan Ly My Ngân Nhi Tâm Thanh Thu Thư Tuyết Uyên Vy "
    "Xuân Chi Diệp Hải Khánh Lệ Liên Nguyệt Quyên Thơ Trâm Tú Bích Châu Diễm Duyên Hậu Kiều Hân "
    "Hoài Lam Nhàn Phượng Sương Thắm Thoa Thúy Trúc Vi Hòa Lụa Mơ Quế Tươi"
)
GIVEN_COMPOUND_FIRST: Table = _zipf("Bảo Gia Minh Khánh Ngọc Thiên Tuệ An Hoàng Phương")
"""Extra name before the given name of some young people (Nguyễn Ngọc Bảo Anh)."""


def _check(*tables: Table) -> None:
    for table in tables:
        for name, _ in table:
            if name != unicodedata.normalize("NFC", name) or any(c in name for c in ',"\n'):
                raise ValueError(f"bad name in table: {name!r}")


_check(
    FAMILY_COMMON, FAMILY_NORTH, FAMILY_SOUTH, MIDDLE_MALE_OLD, MIDDLE_MALE_YOUNG, MIDDLE_FEMALE_OLD,
    MIDDLE_FEMALE_YOUNG, GIVEN_MALE, GIVEN_FEMALE, GIVEN_COMPOUND_FIRST,
)  # fmt: skip
