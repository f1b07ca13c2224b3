"""Errors of the payment-gateway client and of callback verification."""

from __future__ import annotations

from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable


class PaymentUnavailable(IntegrationUnavailable):
    """The payment gateway cannot answer now; the fee stays unpaid and can be retried later."""

    system_en = "The payment gateway"
    system_vi = "Cổng thanh toán"


class PaymentRejected(IntegrationRejected):
    """The payment gateway refused the request (bad signature, unknown fee code, amount conflict…)."""

    system_en = "The payment gateway"
    system_vi = "Cổng thanh toán"


class CallbackRejected(Exception):
    """A payment callback that must not be acted upon; answer it with 400 and do nothing.

    ``rule``: ``signature.missing``, ``signature.invalid`` (wrong key or tampered body),
    ``body.malformed`` (not a JSON object), ``body.fields`` (a field missing or of the wrong type),
    ``timestamp.stale`` (more than the allowed age from now, either way).
    """

    def __init__(self, rule: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.rule = rule
        self.message_vi = message_vi
        self.message_en = message_en
