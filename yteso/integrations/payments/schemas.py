"""Request and response bodies of the payment-gateway protocol (docs/integrations.md#payments)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from yteso.integrations.payments.fee_code import FeeCodeError, parse_fee_code

MAX_AMOUNT_VND = 10_000_000_000


class PaymentIn(BaseModel):
    """``POST /payments``: ask the gateway to collect ``amount_vnd`` for ``fee_code``."""

    model_config = ConfigDict(extra="forbid")

    fee_code: str
    amount_vnd: int = Field(gt=0, le=MAX_AMOUNT_VND)
    description: str = Field(min_length=1, max_length=500)
    return_url: str = Field(pattern=r"^https?://", max_length=2000)
    callback_url: str = Field(pattern=r"^https?://", max_length=2000)

    @field_validator("fee_code")
    @classmethod
    def _fee_code(cls, value: str) -> str:
        try:
            return str(parse_fee_code(value))
        except FeeCodeError as exc:
            raise ValueError(f"{exc.rule}: {exc}") from exc


class PaymentCreated(BaseModel):
    """Answer to ``POST /payments`` (201 new, 200 when the same fee was already created)."""

    fee_code: str
    gateway_ref: str
    pay_url: str
    status: str


class PaymentOut(BaseModel):
    """``GET /payments/{fee_code}``: ``paid_at`` is ISO 8601 with offset, ``null`` until paid."""

    fee_code: str
    gateway_ref: str
    status: str
    amount_vnd: int
    description: str
    transaction_id: str | None
    paid_at: str | None
    callback_delivered: bool


class PayIn(BaseModel):
    """``POST /payments/{fee_code}/pay`` (JSON, or a form from the pay page): the simulated outcome."""

    outcome: str = Field(default="paid", pattern="^(paid|failed)$")


class Delivery(BaseModel):
    """One attempt to deliver a callback, as listed by ``GET /_admin/callbacks``."""

    fee_code: str
    transaction_id: str
    attempt: int
    status_code: int | None
    error: str | None
