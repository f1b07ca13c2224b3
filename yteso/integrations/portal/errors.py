"""Errors of the national-portal client."""

from __future__ import annotations

from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable


class PortalUnavailable(IntegrationUnavailable):
    """The portal cannot answer now (5xx, timeout, connection, breaker open): keep the outbox row
    pending and send it again later."""

    system_en = "The National Public Service Portal"
    system_vi = "Cổng Dịch vụ công quốc gia"


class PortalRejected(IntegrationRejected):
    """The portal refused the call (4xx) with its own message (``remote_message``, usually
    Vietnamese): sending the same data again will fail again."""

    system_en = "The National Public Service Portal"
    system_vi = "Cổng Dịch vụ công quốc gia"
