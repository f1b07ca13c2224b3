"""The enterprise record of the national business registry, and its CSV file."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from yteso.integrations.business_registry.codes import validate_enterprise_code

CSV_HEADER = (
    "enterprise_code",
    "name",
    "address",
    "legal_representative_name",
    "legal_representative_cccd",
    "status",
)

ENTERPRISE_STATUS = {
    "active": "Đang hoạt động",
    "suspended": "Tạm ngừng kinh doanh",
    "dissolving": "Đang làm thủ tục giải thể",
    "dissolved": "Đã giải thể",
    "revoked": "Bị thu hồi Giấy chứng nhận đăng ký doanh nghiệp",
}
"""Legal status code → its Vietnamese name. Only ``active`` may file procedures as a business."""


@dataclass(frozen=True, slots=True)
class Enterprise:
    """An enterprise (or a branch, 13-digit code) as the registry holds it.

    ``enterprise_code`` is digits only (:func:`~yteso.integrations.business_registry.codes.validate_enterprise_code`);
    ``status`` is a key of :data:`ENTERPRISE_STATUS`.
    """

    enterprise_code: str
    name: str
    address: str
    legal_representative_name: str
    legal_representative_cccd: str
    status: str

    @property
    def active(self) -> bool:
        return self.status == "active"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Enterprise:
        """Parse the wire/CSV shape; ``KeyError``/``ValueError`` on a bad record."""
        status = str(data["status"])
        if status not in ENTERPRISE_STATUS:
            raise ValueError(f"unknown status {status!r}")
        return cls(
            enterprise_code=validate_enterprise_code(str(data["enterprise_code"])),
            name=str(data["name"]),
            address=str(data["address"]),
            legal_representative_name=str(data["legal_representative_name"]),
            legal_representative_cccd=str(data["legal_representative_cccd"]),
            status=status,
        )


def read_csv(path: str | Path) -> list[Enterprise]:
    """Load a registry CSV (header :data:`CSV_HEADER`); ``ValueError`` naming the line when bad."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != CSV_HEADER:
            raise ValueError(f"{path}: header must be {','.join(CSV_HEADER)}")
        out = []
        for lineno, row in enumerate(reader, start=2):
            try:
                out.append(Enterprise.from_json(row))
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
        return out


def write_csv(path: str | Path, enterprises: Iterable[Enterprise]) -> int:
    """Write the enterprises with a header; returns how many."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for e in enterprises:
            writer.writerow([getattr(e, name) for name in CSV_HEADER])
            count += 1
    return count
