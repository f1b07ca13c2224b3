"""Request bodies of the services API (answers are plain JSON built by :mod:`yteso.services.views`)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CounterApplicant(_In):
    """The applicant a clerk files for at the counter (tiếp nhận trực tiếp)."""

    kind: Literal["citizen", "business"]
    id: str = Field(min_length=10, max_length=20)
    name: str = Field(min_length=1, max_length=255)
    cccd: str | None = Field(default=None, min_length=12, max_length=12)


class SubmitIn(_In):
    """``POST /api/services/dossiers``: the procedure, the form, and the documents per component
    (ids of documents in the applicant's data store: fresh uploads or reused ones)."""

    procedure: str = Field(max_length=32)
    form: dict[str, Any]
    documents: dict[str, list[str]] = Field(default_factory=dict)
    applicant: CounterApplicant | None = None


class ActionIn(_In):
    """``POST /api/services/dossiers/{code}/actions/{action}``; which fields matter depends on the action:
    ``note`` (any), ``reason`` (not_accept, refuse, request_supplement, apologize), ``form`` and
    ``documents`` (supplement), ``officer`` (assign), ``requirements`` (request_supplement),
    ``rating``/``comment`` (rate), ``new_due_date`` (apologize)."""

    note: str | None = Field(default=None, max_length=2000)
    reason: str | None = Field(default=None, max_length=2000)
    form: dict[str, Any] | None = None
    documents: dict[str, list[str]] | None = None
    officer: str | None = Field(default=None, max_length=128)
    requirements: list[str] | None = None
    rating: int | None = Field(default=None, ge=1, le=3)
    comment: str | None = Field(default=None, max_length=1000)
    new_due_date: date | None = None


class HolidayIn(_In):
    day: date
    name: str = Field(min_length=1, max_length=200)
    is_working: bool = False


class StaffIn(_In):
    unit_code: str = Field(min_length=1, max_length=16)
    positions: list[Literal["clerk", "specialist", "head", "leader"]] = Field(min_length=1)
    name: str | None = Field(default=None, max_length=200)


class BusinessLoginIn(_In):
    """A citizen logged in with VNeID asks to act for an enterprise (mã số doanh nghiệp)."""

    enterprise_code: str = Field(pattern=r"^[0-9]{10}(-[0-9]{3})?$")
