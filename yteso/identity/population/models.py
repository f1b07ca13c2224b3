"""The citizen record of the national population database (CSDLQG về dân cư), as our CSV carries it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

CSV_HEADER = ("cccd", "full_name", "birth_date", "sex", "province_code", "phone")
"""Column order of the population CSV; ``birth_date`` is ``YYYY-MM-DD``, ``sex`` ``male``/``female``."""


@dataclass(frozen=True, slots=True)
class Citizen:
    """One person: citizen ID, full name (with diacritics), birth date, sex, province, mobile phone.

    ``province_code`` is the 2-digit pre-2025 code of the province of birth registration, so it
    agrees with CCCD digits 2-3. ``phone`` is ``None`` when the register has none.
    """

    cccd: str
    full_name: str
    birth_date: date
    sex: str
    province_code: str
    phone: str | None

    def as_json(self) -> dict[str, str | None]:
        """The JSON shape used on the wire (``GET /citizens/{cccd}``)."""
        return {
            "cccd": self.cccd,
            "full_name": self.full_name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "province_code": self.province_code,
            "phone": self.phone,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Citizen:
        """Parse the wire shape; raises ``KeyError``/``ValueError``/``TypeError`` on a bad document."""
        phone = data.get("phone")
        return cls(
            cccd=str(data["cccd"]),
            full_name=str(data["full_name"]),
            birth_date=date.fromisoformat(str(data["birth_date"])),
            sex=str(data["sex"]),
            province_code=str(data["province_code"]),
            phone=str(phone) if phone else None,
        )
