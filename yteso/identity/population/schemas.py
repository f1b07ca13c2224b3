"""Request and response bodies of the population-database protocol (see docs/population-db.md)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_BATCH = 1_000
"""Largest ``POST /verify/batch``; beyond it the server answers 413."""


class CitizenOut(BaseModel):
    """``GET /citizens/{cccd}``."""

    cccd: str
    full_name: str
    birth_date: date
    sex: str
    province_code: str
    phone: str | None


class VerifyIn(BaseModel):
    """A claim to check: does this CCCD belong to a person with this name and birth date?

    ``birth_date`` may be partial (``YYYY`` or ``YYYY-MM``) when only the year or month is known,
    as in claims with ``NGAY_SINH`` ``yyyy0000``; it then matches at that precision.
    """

    model_config = ConfigDict(extra="forbid")

    cccd: str = Field(max_length=64)
    full_name: str = Field(min_length=1, max_length=200)
    birth_date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")

    @field_validator("birth_date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        year, month, day = [*value.split("-"), "01", "01"][:3]
        date(int(year), int(month), int(day))  # ValueError → 422
        return value


class Matches(BaseModel):
    full_name: bool
    birth_date: bool


class RuleError(BaseModel):
    """Why an item could not be checked (e.g. a malformed CCCD)."""

    rule: str
    message_en: str
    message_vi: str


class VerifyOut(BaseModel):
    """``found`` = the CCCD is registered; ``verified`` = found and every field matches."""

    cccd: str
    found: bool
    verified: bool
    matches: Matches
    error: RuleError | None = None


class VerifyBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[VerifyIn]


class VerifyBatchOut(BaseModel):
    count: int
    results: list[VerifyOut]


class Health(BaseModel):
    status: str
    citizens: int
