"""Synthetic facilities and practitioners, as rows of the registry import files.

No public list of facility codes exists (shared/reference/README.md), so the demo makes realistic
ones: a provincial general hospital (``Bệnh viện Đa khoa tỉnh Nghệ An``, code ``40001``), district
health centres (``Trung tâm Y tế huyện Nghi Lộc``, ``40101``), commune health stations (``Trạm Y tế
xã Nghi Phong``, ``40C01``, as the third-party lists show), private clinics and pharmacies. Codes
start with the province code; communes and districts are real units of the province (2024 list).
Practitioners are adults of the synthetic population, so their certificate links to a real CCCD.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from yteso.core.text import fold
from yteso.identity.provinces import Province, provinces
from yteso.registries import geography

PATTERN = ("BV", "TYT", "TTYT", "NT", "PK", "TYT", "TYT", "PK", "NT", "TTYT")
"""Facility types in the order they are handed out in each province (the hospital first)."""
PER_PROVINCE = 6
"""About this many facilities per province before another province is opened."""

CLINIC_NAMES = ("An Phúc", "Hồng Đức", "Tâm An", "Thiện Tâm", "Hòa Bình", "Việt Đức", "Phúc An", "Bình An")
PHARMACY_NAMES = ("Minh Châu", "Phúc Hưng", "Thanh Bình", "Hồng Nhung", "Bảo Ngọc", "Tâm Đức", "Kim Liên", "Ngọc Ánh")
STREETS = ("Lê Lợi", "Trần Phú", "Nguyễn Trãi", "Quang Trung", "Lý Thường Kiệt", "Hai Bà Trưng", "Lê Duẩn",
           "Nguyễn Du", "Phan Đình Phùng", "Hùng Vương")  # fmt: skip
STAFF = {"BV": ("BS", "BS", "DD"), "TTYT": ("BS", "DD"), "PK": ("BS",), "TYT": ("YS",), "NT": ("DS",)}
SCOPES = {
    "BS": ("Khám bệnh, chữa bệnh đa khoa", "Khám bệnh, chữa bệnh chuyên khoa Nội",
           "Khám bệnh, chữa bệnh chuyên khoa Nhi", "Khám bệnh, chữa bệnh chuyên khoa Sản phụ khoa",
           "Khám bệnh, chữa bệnh chuyên khoa Ngoại"),
    "DD": ("Thực hiện phạm vi hoạt động chuyên môn của điều dưỡng",),
    "YS": ("Khám bệnh, chữa bệnh đa khoa tại trạm y tế xã",),
    "DS": ("Phụ trách chuyên môn về dược của nhà thuốc",),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoFacility:
    """A generated facility: its import row and what the clinical generator needs."""

    row: dict[str, str]

    @property
    def code(self) -> str:
        return self.row["MA_CSKCB"]

    @property
    def type(self) -> str:
        return self.row["LOAI_HINH"]

    @property
    def province(self) -> str:
        return self.row["MA_TINH"]

    @property
    def name(self) -> str:
        return self.row["TEN_CSKCB"]


def _lower_first(unit_name: str) -> str:
    """``Tỉnh Nghệ An`` → ``tỉnh Nghệ An``, ``Thị xã Cửa Lò`` → ``thị xã Cửa Lò``."""
    for prefix in ("Thành phố", "Thị xã", "Thị trấn", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"):
        if unit_name.startswith(prefix):
            return prefix.lower() + unit_name[len(prefix) :]
    return unit_name


def _pick_provinces(rng: random.Random, count: int) -> list[Province]:
    pool = list(provinces())
    chosen: list[Province] = []
    while len(chosen) < count and pool:
        weights = [p.population_k for p in pool]
        chosen.append(pool.pop(rng.choices(range(len(pool)), weights)[0]))
    return chosen


def generate_facilities(rng: random.Random, count: int) -> list[DemoFacility]:
    """``count`` facilities over ``ceil(count / 6)`` provinces picked by population."""
    if count <= 0:
        return []
    chosen = _pick_provinces(rng, max(1, -(-count // PER_PROVINCE)))
    out: list[DemoFacility] = []
    serial: dict[tuple[str, str], int] = defaultdict(int)
    for i in range(count):
        province = chosen[i * len(chosen) // count]
        kind = PATTERN[sum(1 for f in out if f.province == province.code) % len(PATTERN)]
        out.append(_facility(rng, province, kind, serial))
    return out


def _facility(rng: random.Random, province: Province, kind: str, serial: dict[tuple[str, str], int]) -> DemoFacility:
    serial[province.code, kind] += 1
    n = serial[province.code, kind]
    communes = geography.communes_of(province.code)
    districts = sorted({c.district_code for c in communes})
    district = districts[(n * 7 + len(kind)) % len(districts)] if kind != "BV" else districts[0]
    in_district = [c for c in communes if c.district_code == district]
    commune = in_district[rng.randrange(len(in_district))]
    pp = province.code
    if kind == "BV":
        code, level, name = f"{pp}{n:03d}", "2", f"Bệnh viện Đa khoa {_lower_first(province.name)}"
        if n > 1:
            name = f"Bệnh viện Đa khoa khu vực {commune.district_name.split(' ', 1)[-1]}"
    elif kind == "TTYT":
        code, level, name = f"{pp}{100 + n:03d}", "3", f"Trung tâm Y tế {_lower_first(commune.district_name)}"
    elif kind == "TYT":
        code, level, name = f"{pp}C{n:02d}", "4", f"Trạm Y tế {_lower_first(commune.name)}"
    elif kind == "PK":
        code, level = f"{pp}{200 + n:03d}", ""
        name = f"Phòng khám Đa khoa {CLINIC_NAMES[(n + int(pp)) % len(CLINIC_NAMES)]}"
    else:
        code, level = f"{pp}N{n:02d}", ""
        name = f"Nhà thuốc {PHARMACY_NAMES[(n + int(pp)) % len(PHARMACY_NAMES)]}"
    street = "" if kind == "TYT" else f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}"
    phone = ""
    if kind in ("BV", "TTYT"):
        phone = f"02{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    row = {
        "MA_CSKCB": code,
        "TEN_CSKCB": name,
        "LOAI_HINH": kind,
        "TUYEN": level,
        "MA_TINH": pp,
        "MA_XA": commune.code,
        "DIA_CHI": street,
        "DIEN_THOAI": phone,
        "TRANG_THAI": "hoạt động",
    }
    return DemoFacility(row)


def issuer_code(province_name: str) -> str:
    """Initials of a province for certificate numbers: ``Tỉnh Nghệ An`` → ``NA``."""
    words = fold(province_name.removeprefix("Tỉnh ").removeprefix("Thành phố ")).upper().split()
    initials = "".join(w[0] for w in words)
    return initials if len(initials) >= 2 else (words[0][:3] if words else "BYT")


def generate_practitioners(
    rng: random.Random, facilities: list[DemoFacility], adults: Sequence[tuple[str, ...]]
) -> list[dict[str, str]]:
    """Practitioner rows: staff per facility type, each one an adult of the population (CCCD row)."""
    rows: list[dict[str, str]] = []
    people = iter(adults)
    for f in facilities:
        for title in STAFF[f.type]:
            person = next(people, None)
            if person is None:
                return rows
            cccd, full_name, birth, sex, _province, _phone = person
            province = next(p for p in provinces() if p.code == f.province)
            issued = date(rng.randint(2012, 2023), rng.randint(1, 12), rng.randint(1, 28))
            rows.append(
                {
                    "SO_CCHN": f"{1 + 100 * len(rows) + rng.randrange(100):06d}/{issuer_code(province.name)}-CCHN",
                    "HO_TEN": full_name,
                    "SO_CCCD": cccd,
                    "NGAY_SINH": birth,
                    "GIOI_TINH": "1" if sex == "male" else "2",
                    "CHUC_DANH": title,
                    "PHAM_VI_HD": rng.choice(SCOPES[title]),
                    "NOI_CAP": f"Sở Y tế {province.name.removeprefix('Tỉnh ')}",
                    "NGAY_CAP": issued.isoformat(),
                    "MA_CSKCB": f.code,
                    "TRANG_THAI": "hiệu lực",
                }
            )
    return rows
