"""In-memory citizen register loaded from the population CSV (the reference server's storage).

Compact by design, so 1 million people fit in a few hundred MB: the key is the CCCD as an ``int``
and the value the rest of the CSV row as one ``bytes`` (fields joined by ``\\x1f``); a
:class:`~yteso.identity.population.models.Citizen` is built only when someone asks.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from yteso.identity.population.models import CSV_HEADER, Citizen

_SEP = b"\x1f"


class StoreError(ValueError):
    """The CSV is not a population file (bad header, malformed or duplicate row)."""


class CitizenStore:
    """Citizens by CCCD; read-only after :meth:`load`."""

    __slots__ = ("_rows",)

    def __init__(self) -> None:
        self._rows: dict[int, bytes] = {}

    @classmethod
    def load(cls, path: str | Path) -> CitizenStore:
        """Read a CSV with header :data:`CSV_HEADER`; raises :class:`StoreError` on a bad file."""
        store = cls()
        rows = store._rows
        with open(path, "rb") as f:
            header = f.readline().removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n").decode()
            if tuple(header.split(",")) != CSV_HEADER:
                raise StoreError(f"{path}: header must be {','.join(CSV_HEADER)!r}, got {header!r}")
            for lineno, line in enumerate(f, start=2):
                key, _, rest = line.rstrip(b"\r\n").partition(b",")
                if not key and not rest:
                    continue
                rest = _unquote(rest, path, lineno) if b'"' in rest else rest.replace(b",", _SEP)
                if len(key) != 12 or not key.isdigit() or rest.count(_SEP) != 4:
                    raise StoreError(f"{path}:{lineno}: malformed row")
                number = int(key)
                if number in rows:
                    raise StoreError(f"{path}:{lineno}: duplicate cccd {key.decode()}")
                rows[number] = rest
        return store

    def add(self, citizen: Citizen) -> None:
        """Insert or replace one citizen (for tests and small fixtures)."""
        fields = (citizen.full_name, citizen.birth_date.isoformat(), citizen.sex, citizen.province_code)
        self._rows[int(citizen.cccd)] = _SEP.join(f.encode() for f in (*fields, citizen.phone or ""))

    def get(self, cccd: str) -> Citizen | None:
        """The citizen with this 12-digit ID, or ``None``."""
        if len(cccd) != 12 or not cccd.isdigit():
            return None
        raw = self._rows.get(int(cccd))
        if raw is None:
            return None
        name, born, sex, province, phone = raw.decode().split("\x1f")
        return Citizen(cccd, name, date.fromisoformat(born), sex, province, phone or None)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, cccd: object) -> bool:
        return isinstance(cccd, str) and self.get(cccd) is not None


def _unquote(rest: bytes, path: str | Path, lineno: int) -> bytes:
    try:
        fields = next(csv.reader([rest.decode()]))
    except (csv.Error, StopIteration, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}:{lineno}: malformed row") from exc
    return "\x1f".join(fields).encode()
