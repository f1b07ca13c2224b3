"""Bodies of the criminal-record protocol (docs/integrations.md#justice)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

IDEMPOTENCY_HEADER = "Idempotency-Key"
"""A request repeated with the same key answers the first request instead of making a second one."""


class CertificateRequestIn(BaseModel):
    """``POST /requests``: ask for a criminal-record certificate (Phiếu lý lịch tư pháp) for a person."""

    model_config = ConfigDict(extra="forbid")

    cccd: str = Field(max_length=20)
    full_name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=500)


class CertificateRequestOut(BaseModel):
    """``POST /requests`` and ``GET /requests/{request_id}``.

    ``status``: ``pending`` → ``issued`` (``certificate_no``, ``has_record``, ``issued_at`` set) or
    ``refused`` (``reason`` set). ``has_record`` true means the person has a criminal record (có án tích).
    """

    request_id: str
    status: str
    certificate_no: str | None = None
    has_record: bool | None = None
    issued_at: str | None = None
    reason: str | None = None
