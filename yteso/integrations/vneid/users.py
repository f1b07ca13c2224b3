"""Accounts of the development VNeID: people (CCCD + password) and the enterprises they may act for.

CSV header ``cccd,full_name,password,enterprise_codes``; ``enterprise_codes`` lists the codes (10
or 13 digits) separated by ``;``, empty for a citizen-only account. Passwords are plain text: this
is a development identity provider over synthetic people and must never hold real accounts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yteso.core.ids import validate_cccd
from yteso.integrations.business_registry.codes import validate_enterprise_code

CSV_HEADER = ("cccd", "full_name", "password", "enterprise_codes")
DEV_PASSWORD = "vneid-dev"
"""Password of the generated accounts."""


@dataclass(frozen=True, slots=True)
class VneidUser:
    """One account: the person's CCCD (the login), name, password, enterprises they represent."""

    cccd: str
    full_name: str
    password: str
    enterprise_codes: tuple[str, ...] = ()


def load_users(path: str | Path) -> list[VneidUser]:
    """Read a users CSV; ``ValueError`` naming the line for a bad row (CCCD and codes are validated)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != CSV_HEADER:
            raise ValueError(f"{path}: header must be {','.join(CSV_HEADER)}")
        users = []
        for lineno, row in enumerate(reader, start=2):
            try:
                codes = tuple(validate_enterprise_code(c) for c in (row["enterprise_codes"] or "").split(";") if c)
                users.append(VneidUser(validate_cccd(row["cccd"]).value, row["full_name"], row["password"], codes))
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
        return users


def write_users(path: str | Path, users: Iterable[VneidUser]) -> int:
    """Write a users CSV; returns how many rows."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for u in users:
            writer.writerow([u.cccd, u.full_name, u.password, ";".join(u.enterprise_codes)])
            count += 1
    return count


def generate_users(count: int, seed: int = 0, *, password: str = DEV_PASSWORD) -> list[VneidUser]:
    """The first ``count`` legal representatives of ``business_registry.generate(…, seed)``, each with
    the enterprises they represent, so population, registry and login agree for the same seed."""
    from yteso.integrations.business_registry.generate import generate

    by_person: dict[str, VneidUser] = {}
    for e in generate(count * 2, seed):
        known = by_person.get(e.legal_representative_cccd)
        codes = (*known.enterprise_codes, e.enterprise_code) if known else (e.enterprise_code,)
        if known or len(by_person) < count:
            by_person[e.legal_representative_cccd] = VneidUser(
                e.legal_representative_cccd, e.legal_representative_name, password, codes
            )
    return list(by_person.values())
