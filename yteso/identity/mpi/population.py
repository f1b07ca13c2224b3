"""Checking a CCCD against the population database, and saying so when it cannot be done.

The client is created on first use for ``YTESO_POPULATION_URL`` and kept for the process (its
cache and circuit breaker must outlive a request). When the database is down, matching goes on
with what the platform holds and the answer carries a warning instead of a verification.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from yteso.core.errors import Issue
from yteso.identity.mpi.features import Person, birth_iso
from yteso.identity.population import PopulationClient, PopulationProtocolError, PopulationUnavailable
from yteso.settings import Settings

log = logging.getLogger(__name__)

_clients: dict[str, PopulationClient] = {}
_lock = threading.Lock()


def client_for(settings: Settings) -> PopulationClient | None:
    """The process's client of the population database, or ``None`` when none is configured."""
    url = settings.population_url
    if not url:
        return None
    with _lock:
        client = _clients.get(url)
        if client is None:
            client = _clients[url] = PopulationClient(url, timeout=1.0, retries=1, backoff=0.05)
        return client


@dataclass(frozen=True)
class PopulationCheck:
    """What the population database said about the probe's CCCD (``verified`` only when asked)."""

    asked: bool
    verified: bool = False
    found: bool = False
    note: Issue | None = None
    unavailable: bool = False
    """Asked, but the database could not answer: nothing was verified."""

    @property
    def answered(self) -> bool:
        return self.asked and not self.unavailable


NOT_CONFIGURED = PopulationCheck(False)


def check(client: PopulationClient | None, probe: Person) -> PopulationCheck:
    """Verify the probe's CCCD, name and birth date; never raises for an unreachable database."""
    if client is None or not probe.cccd or not probe.name or not probe.birth:
        return NOT_CONFIGURED
    try:
        answer = client.verify(probe.cccd, probe.name, birth_iso(probe.birth))
    except PopulationUnavailable as exc:
        log.warning("mpi_population_unavailable", extra={"reason": exc.reason})
        return PopulationCheck(True, note=UNAVAILABLE, unavailable=True)
    except PopulationProtocolError as exc:
        log.warning("mpi_population_protocol_error", extra={"status": exc.status_code})
        return PopulationCheck(True, note=UNAVAILABLE, unavailable=True)
    except ValueError:  # a malformed CCCD (IdentifierError): nothing to verify
        return PopulationCheck(True, note=_issue("information", NOT_VERIFIED_EN, NOT_VERIFIED_VI, "mpi.not-verified"))
    if answer.verified:
        return PopulationCheck(True, True, True, _issue("information", VERIFIED_EN, VERIFIED_VI, "mpi.verified"))
    return PopulationCheck(
        True, False, answer.found, _issue("information", NOT_VERIFIED_EN, NOT_VERIFIED_VI, "mpi.not-verified")
    )


def _issue(severity: str, en: str, vi: str, rule: str) -> Issue:
    code = "informational" if severity == "information" else "transient"
    return Issue(en, vi, rule=rule, severity=severity, code=code)


VERIFIED_EN = "The citizen ID, name and birth date were verified against the national population database."
VERIFIED_VI = "Số định danh, họ tên và ngày sinh đã được đối chiếu khớp với CSDL quốc gia về dân cư."
NOT_VERIFIED_EN = (
    "The citizen ID could not be verified against the national population database (unknown, or the name or "
    "birth date differ): no deterministic link was made."
)
NOT_VERIFIED_VI = (
    "Số định danh không được CSDL quốc gia về dân cư xác nhận (không có, hoặc họ tên/ngày sinh không khớp): "
    "không liên kết tất định."
)
UNAVAILABLE = _issue(
    "warning",
    "The national population database is unavailable: matching used only the records the platform holds, and "
    "the citizen ID was not verified.",
    "CSDL quốc gia về dân cư tạm thời không truy cập được: chỉ đối chiếu với dữ liệu nền tảng đang lưu, số định "
    "danh chưa được xác minh.",
    "mpi.population-unavailable",
)
