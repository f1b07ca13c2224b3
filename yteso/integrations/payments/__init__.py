"""Payment gateway (cổng thanh toán): fee identifiers, client, signed callbacks, reference server.

Public surface: :func:`make_fee_code` / :func:`parse_fee_code`, :class:`PaymentClient`
(:class:`PaymentRequest`, :class:`PaymentStatus`), :func:`verify_callback` (:class:`PaymentCallback`,
:class:`CallbackRejected`), :class:`PaymentUnavailable`, :class:`PaymentRejected` and
``server.create_payment_gateway_app``.
"""

from yteso.integrations.payments.client import PaymentClient, PaymentRequest, PaymentStatus
from yteso.integrations.payments.errors import CallbackRejected, PaymentRejected, PaymentUnavailable
from yteso.integrations.payments.fee_code import FeeCode, FeeCodeError, is_fee_code, make_fee_code, parse_fee_code
from yteso.integrations.payments.signing import SIGNATURE_HEADER, PaymentCallback, verify_callback

__all__ = [
    "SIGNATURE_HEADER",
    "CallbackRejected",
    "FeeCode",
    "FeeCodeError",
    "PaymentCallback",
    "PaymentClient",
    "PaymentRejected",
    "PaymentRequest",
    "PaymentStatus",
    "PaymentUnavailable",
    "is_fee_code",
    "make_fee_code",
    "parse_fee_code",
    "verify_callback",
]
