"""Errors of the VNeID relying-party client."""

from __future__ import annotations

from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable


class VneidUnavailable(IntegrationUnavailable):
    """The identity provider cannot answer now; the person cannot log in with VNeID at the moment."""

    system_en = "VNeID"
    system_vi = "Hệ thống định danh VNeID"


class VneidRejected(IntegrationRejected):
    """The identity provider refused (bad or used code, PKCE mismatch) or sent an invalid token.

    ``rule`` is the OAuth ``error`` code (``invalid_grant``…) or ``id_token.invalid``.
    """

    system_en = "VNeID"
    system_vi = "Hệ thống định danh VNeID"
