"""Errors of the criminal-record (lý lịch tư pháp) client."""

from __future__ import annotations

from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable


class JusticeUnavailable(IntegrationUnavailable):
    """The criminal-record service cannot answer now; ask again later."""

    system_en = "The criminal-record service"
    system_vi = "Hệ thống lý lịch tư pháp"


class JusticeRejected(IntegrationRejected):
    """The criminal-record service refused the request (malformed CCCD, unknown request id…)."""

    system_en = "The criminal-record service"
    system_vi = "Hệ thống lý lịch tư pháp"
