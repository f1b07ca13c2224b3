"""Base errors of the external-system clients, so callers can catch "any national system" at once.

Each client subclasses them (``PortalUnavailable(IntegrationUnavailable)`` …). Both are domain
errors, so an unhandled one becomes a clear HTTP answer (503 / 502) with Vietnamese text.
"""

from __future__ import annotations

from yteso.core.errors import DomainError


class IntegrationUnavailable(DomainError):
    """The external system cannot answer now (timeout, refused, 5xx, or circuit breaker open).

    Retrying later may work: an outbox keeps the work pending. ``reason`` is ``timeout``,
    ``connection``, ``server_error`` or ``breaker_open``.
    """

    status = 503
    code = "transient"
    system_en = "The external system"
    system_vi = "Hệ thống bên ngoài"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(
            f"{self.system_en} is unavailable ({reason}){': ' + detail if detail else ''}.",
            f"{self.system_vi} tạm thời không truy cập được; vui lòng thử lại sau.",
        )
        self.reason = reason
        self.detail = detail


class IntegrationRejected(DomainError):
    """The external system refused the request (4xx) or answered something unreadable.

    Retrying the same request will fail again: fix the data. ``status_code`` is the remote HTTP
    status, ``remote_message`` the remote system's own message (often Vietnamese).
    """

    status = 502
    code = "exception"
    system_en = "The external system"
    system_vi = "Hệ thống bên ngoài"

    def __init__(self, status_code: int, remote_message: str, *, rule: str | None = None) -> None:
        super().__init__(
            f"{self.system_en} refused the request (HTTP {status_code}): {remote_message}",
            f"{self.system_vi} từ chối yêu cầu (HTTP {status_code}): {remote_message}",
        )
        self.status_code = status_code
        self.remote_message = remote_message
        self.rule = rule
