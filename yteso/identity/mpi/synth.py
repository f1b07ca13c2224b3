"""Synthetic records with known truth: register citizens copied with the mistakes real files have.

Used to train the match weights, by the tests and by ``bench/mpi.py``. Every record carries the
CCCD of the citizen it was made from (``truth``), or ``None`` for a person who is not in the
register. Mistakes are injected independently, at rates chosen to look like vaccination and
claims files: missing diacritics, upper case, typos, reordered or shortened names; day and month
swapped, one wrong digit in a date or a CCCD; other date formats; missing fields; ``+84`` phones.
The same seed gives the same records.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from yteso.identity.mpi.clean import RECORD_HEADER

__all__ = ["RATES", "RECORD_HEADER", "SynthRecord", "perturb", "records_for", "strip_marks", "synthetic_bhyt"]


RATES: dict[str, float] = {
    "name_no_diacritics": 0.30,
    "name_upper": 0.10,
    "name_typo": 0.08,
    "name_second_typo": 0.01,
    "name_reordered": 0.04,
    "name_no_middle": 0.02,
    "name_missing": 0.01,
    "birth_swapped": 0.05,
    "birth_digit": 0.02,
    "birth_wrong": 0.004,
    "birth_year_only": 0.01,
    "birth_missing": 0.02,
    "birth_dmy_format": 0.25,
    "cccd_missing": 0.12,
    "cccd_digit": 0.05,
    "cccd_transposed": 0.01,
    "cccd_malformed": 0.015,
    "cccd_other_person": 0.01,
    "sex_missing": 0.04,
    "sex_vietnamese": 0.2,
    "sex_wrong": 0.003,
    "province_missing": 0.08,
    "province_wrong": 0.02,
    "phone_missing": 0.35,
    "phone_digit": 0.02,
    "phone_changed": 0.04,
    "phone_plus84": 0.1,
    "phone_other": 0.05,
}
"""Probability of each injected mistake (independent of each other)."""

_LETTERS = "abcdefghiklmnopqrstuvxy"


@dataclass(slots=True)
class SynthRecord:
    """One row of a records file and what it really is."""

    record_id: str
    cccd: str
    full_name: str
    birth_date: str
    sex: str
    province_code: str
    phone: str
    truth: str | None
    """CCCD of the citizen this record is about; ``None`` when not in the register."""
    errors: list[str] = field(default_factory=list)

    def row(self) -> tuple[str, ...]:
        return (self.record_id, self.cccd, self.full_name, self.birth_date, self.sex, self.province_code, self.phone)


def synthetic_bhyt(cccd: str, province: str) -> str:
    """A stable, well-formed health-insurance card code for a citizen (for FHIR test data)."""
    digest = int.from_bytes(hashlib.blake2b(cccd.encode(), digest_size=8).digest(), "big")
    group = ("GD", "HT", "DN", "TE", "HS", "HN")[digest % 6]
    return f"{group}{1 + digest % 5}{province}{(digest >> 8) % 9_000_000_000 + 1_000_000_000}"


def strip_marks(text: str) -> str:
    """Vietnamese text without diacritics, case kept (``Đặng`` → ``Dang``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _typo(rnd: random.Random, word: str) -> str:
    if len(word) < 2:
        return word + rnd.choice(_LETTERS)
    i = rnd.randrange(len(word))
    op = rnd.random()
    if op < 0.35:
        return word[:i] + rnd.choice(_LETTERS) + word[i + 1 :]
    if op < 0.6:
        return word[:i] + word[i + 1 :]
    if op < 0.8:
        return word[:i] + rnd.choice(_LETTERS) + word[i:]
    j = min(i, len(word) - 2)
    return word[:j] + word[j + 1] + word[j] + word[j + 2 :]


def _digit(rnd: random.Random, text: str, positions: range | None = None) -> str:
    i = rnd.choice(positions or range(len(text)))
    return text[:i] + rnd.choice([d for d in "0123456789" if d != text[i]]) + text[i + 1 :]


def _name(rnd: random.Random, name: str, errors: list[str]) -> str:
    def hit(kind: str) -> bool:
        if rnd.random() < RATES[kind]:
            errors.append(kind)
            return True
        return False

    if hit("name_missing"):
        return ""
    parts = name.split()
    if len(parts) >= 3 and hit("name_no_middle"):
        parts = [parts[0], parts[-1]]
    if hit("name_typo"):
        k = rnd.randrange(len(parts))
        parts[k] = _typo(rnd, parts[k])
        if hit("name_second_typo"):
            k = rnd.randrange(len(parts))
            parts[k] = _typo(rnd, parts[k])
    if len(parts) >= 2 and hit("name_reordered"):
        parts = parts[-1:] + parts[:-1] if rnd.random() < 0.7 else parts[1:] + parts[:1]
    out = " ".join(parts)
    if hit("name_no_diacritics"):
        out = strip_marks(out)
    if hit("name_upper"):
        out = out.upper()
    return out


def _birth(rnd: random.Random, iso: str, errors: list[str]) -> str:
    def hit(kind: str) -> bool:
        if rnd.random() < RATES[kind]:
            errors.append(kind)
            return True
        return False

    if hit("birth_missing"):
        return ""
    y, m, d = (int(p) for p in iso.split("-"))
    if hit("birth_year_only"):
        return str(y)
    if d <= 12 and d != m and hit("birth_swapped"):
        m, d = d, m
    elif hit("birth_wrong"):
        y, m, d = y + rnd.randint(-30, 30), rnd.randint(1, 12), rnd.randint(1, 28)
    elif hit("birth_digit"):
        for _ in range(10):
            text = _digit(rnd, f"{y:04d}{m:02d}{d:02d}", range(3, 8))
            try:
                date(int(text[:4]), int(text[4:6]), int(text[6:]))
            except ValueError:
                continue
            y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
            break
    return f"{d:02d}/{m:02d}/{y:04d}" if hit("birth_dmy_format") else f"{y:04d}-{m:02d}-{d:02d}"


def perturb(rnd: random.Random, record_id: str, citizen: tuple[str, ...], truth: str | None) -> SynthRecord:
    """A record of ``citizen`` (a register row) with mistakes drawn at :data:`RATES`."""
    cccd, name, born, sex, province, phone = citizen
    errors: list[str] = []

    def hit(kind: str) -> bool:
        if rnd.random() < RATES[kind]:
            errors.append(kind)
            return True
        return False

    if hit("cccd_missing"):
        cccd = ""
    elif hit("cccd_digit"):
        cccd = _digit(rnd, cccd)
    elif hit("cccd_transposed"):
        i = rnd.randrange(11)
        cccd = cccd[:i] + cccd[i + 1] + cccd[i] + cccd[i + 2 :] if cccd[i] != cccd[i + 1] else cccd
    elif hit("cccd_malformed"):
        cccd = rnd.choice([cccd[:-1], cccd + "7", cccd[:5] + "O" + cccd[6:], "CMND" + cccd[:9]])
    elif hit("cccd_other_person"):  # e.g. a parent's CCCD on a child's record
        cccd = f"{cccd[:3]}{rnd.choice('0123')}{rnd.randrange(100):02d}{rnd.randrange(10**6):06d}"
    if hit("sex_missing"):
        sex = ""
    elif hit("sex_wrong"):
        sex = "female" if sex == "male" else "male"
    if sex and hit("sex_vietnamese"):
        sex = {"male": "Nam", "female": "Nữ"}[sex]
    if hit("province_missing"):
        province = ""
    elif hit("province_wrong"):
        province = rnd.choice(["01", "79", "31", "48", "92", "38", "27"])
    if phone and hit("phone_missing"):
        phone = ""
    elif phone and hit("phone_digit"):
        phone = _digit(rnd, phone, range(3, 10))
    elif phone and hit("phone_changed"):
        phone = f"03{rnd.randrange(10**8):08d}"
    elif not phone and hit("phone_other"):
        phone = f"09{rnd.randrange(10**8):08d}"
    if phone and hit("phone_plus84"):
        phone = "+84 " + phone[1:]
    return SynthRecord(
        record_id, cccd, _name(rnd, name, errors), _birth(rnd, born, errors), sex, province, phone, truth, errors
    )


def records_for(
    citizens: Iterable[tuple[str, ...]],
    outsiders: Iterable[tuple[str, ...]],
    *,
    seed: int,
    per_citizen: float = 0.2,
    outsider_share: float = 0.08,
) -> Iterator[SynthRecord]:
    """Stream records: about ``per_citizen`` records per register citizen (some have several),
    and a share ``outsider_share`` of records about people who are not in the register."""
    rnd = random.Random(seed)
    others = iter(outsiders)
    n = 0
    for citizen in citizens:
        copies = 0
        while rnd.random() < (per_citizen if copies == 0 else 0.3):
            copies += 1
        for _ in range(copies):
            n += 1
            yield perturb(rnd, f"R{n:09d}", citizen, citizen[0])
            if rnd.random() < outsider_share / (1 - outsider_share):
                outsider = next(others, None)
                if outsider is not None:
                    n += 1
                    yield perturb(rnd, f"R{n:09d}", outsider, None)
