"""Errors of the population-database client; both are domain errors the app turns into HTTP answers."""

from __future__ import annotations

from yteso.core.errors import DomainError


class PopulationUnavailable(DomainError):
    """The population database cannot answer now (timeout, refused, 5xx, or circuit breaker open).

    Callers fall back to local data and must say so (e.g. "not verified against CSDLQG về dân cư").
    ``reason`` is ``timeout``, ``connection``, ``server_error`` or ``breaker_open``.
    """

    status = 503
    code = "transient"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(
            f"The national population database is unavailable ({reason}){': ' + detail if detail else ''}.",
            "Cơ sở dữ liệu quốc gia về dân cư tạm thời không truy cập được; "
            "kết quả chưa được đối chiếu với CSDL dân cư.",
        )
        self.reason = reason
        self.detail = detail


class PopulationProtocolError(DomainError):
    """The population database refused our request (unexpected 4xx) or answered something unreadable."""

    status = 502
    code = "exception"

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(
            f"Unexpected answer from the population database (HTTP {status_code}): {detail}",
            f"CSDL dân cư trả lời không như mong đợi (HTTP {status_code}).",
        )
        self.status_code = status_code
        self.detail = detail
