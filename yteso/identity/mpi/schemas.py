"""Request bodies of the MPI's domain API (``/api/mpi``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ReviewDecision(BaseModel):
    """An operator's decision on a review item."""

    model_config = ConfigDict(extra="forbid")
    review_id: int = Field(ge=1)
    decision: Literal["link", "no-link"]
    note: str | None = Field(default=None, max_length=1024)


class MergeRequest(BaseModel):
    """Merge Patient ``source`` (the duplicate) into ``target`` (the survivor); ``Patient/id`` or ``id``."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=1, max_length=80)
    target: str = Field(min_length=1, max_length=80)
    reason: str | None = Field(default=None, max_length=512)


class UnmergeRequest(BaseModel):
    """Undo a merge, by its id or by the duplicate Patient it replaced."""

    model_config = ConfigDict(extra="forbid")
    merge_id: int | None = Field(default=None, ge=1)
    source: str | None = Field(default=None, min_length=1, max_length=80)
