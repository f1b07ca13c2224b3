"""Client of the National Public Service Portal (Cổng DVC quốc gia) sync calls.

Logs in once (``/api/login``) and keeps the session; when the portal says the session is gone
(401) it logs in again and repeats the call once. Each call is retried on 5xx, timeouts and
connection errors, behind a circuit breaker. Writes are idempotent on the portal side (a dossier
is replaced by ``MaHoSo``, a repeated progress step is ignored), so an outbox can simply re-send.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from types import TracebackType
from typing import Any

import httpx

from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable
from yteso.integrations.portal.codes import PORTAL_STATUS, format_portal_time
from yteso.integrations.portal.errors import PortalRejected, PortalUnavailable
from yteso.integrations.portal.schemas import SESSION_HEADER

log = logging.getLogger(__name__)


class PortalClient:
    """Pushes dossiers and their progress to the portal and looks them up, as one ministry account."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.2,
        breaker_threshold: int = 5,
        breaker_reset: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._username = username
        self._password = password
        self._session: str | None = None
        self._lock = threading.Lock()
        self._remote = ResilientHttp(
            base_url,
            name="portal",
            http=http,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            breaker_threshold=breaker_threshold,
            breaker_reset=breaker_reset,
            clock=clock,
            sleep=sleep,
        )
        self.breaker = self._remote.breaker

    def push_dossier(self, payload: dict[str, Any]) -> None:
        """``DongBoHoSoMC``: create or replace the dossier ``payload["MaHoSo"]`` on the portal.

        Field names are the portal's (``MaHoSo``, ``MaTTHC``, ``TenTTHC``, ``ChuHoSo``,
        ``LoaiDoiTuong``, ``NgayTiepNhan``, ``NgayHenTra``, ``TrangThaiHoSo`` required). ``datetime``
        and ``date`` values anywhere in it are written as ``yyyyMMddHHmmss`` in Vietnam time (a
        naive ``datetime`` is UTC).
        """
        self._call("DongBoHoSoMC", _portal_json(payload))

    def push_progress(
        self,
        dossier_code: str,
        status_code: int,
        changed_at: datetime,
        note: str,
        *,
        officer: str | None = None,
        title: str | None = None,
        department: str | None = None,
    ) -> None:
        """``CapNhatTienDoHoSoMC``: one processing step; the dossier takes status ``status_code``.

        ``officer``, ``title`` and ``department`` fill ``NguoiXuLy``, ``ChucDanh`` and ``PhongBanXuLy``.
        Raises ``ValueError`` for a status outside 1-10 (no call made).
        """
        if status_code not in PORTAL_STATUS:
            raise ValueError(f"status_code {status_code} is not a portal status (1-10)")
        body: dict[str, Any] = {
            "MaHoSo": dossier_code,
            "TrangThai": int(status_code),
            "ThoiDiemXuLy": format_portal_time(changed_at),
            "NoiDungXuLy": note,
        }
        optional = {"NguoiXuLy": officer, "ChucDanh": title, "PhongBanXuLy": department}
        body.update({k: v for k, v in optional.items() if v is not None})
        self._call("CapNhatTienDoHoSoMC", body)

    def lookup(self, dossier_code: str) -> dict[str, Any] | None:
        """``TraCuuHoSo``: the dossier as the portal holds it (with its steps in ``TienDo``), or ``None``."""
        data = self._call("TraCuuHoSo", {"MaHoSo": dossier_code}, missing_ok=True)
        if data is None:
            return None
        dossier = data.get("data")
        if not isinstance(dossier, dict):
            raise PortalRejected(200, "unreadable answer: no dossier in data")
        return dossier

    def close(self) -> None:
        self._remote.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------------

    def _call(self, service: str, body: dict[str, Any], *, missing_ok: bool = False) -> dict[str, Any] | None:
        """POST ``/api/{service}`` in a session; re-login once on 401; ``None`` for 404 if ``missing_ok``."""
        for fresh_login in (False, True):
            session = self._login(force=fresh_login)
            response = self._post(f"/api/{service}", body, {SESSION_HEADER: session})
            if response.status_code != 401:
                break
            log.info("portal_session_expired", extra={"service": service})
        if response.status_code == 404 and missing_ok:
            return None
        return self._accept(response)

    def _login(self, *, force: bool) -> str:
        with self._lock:
            if self._session is None or force:
                body = {"username": self._username, "password": self._password}
                data = self._accept(self._post("/api/login", body, None))
                session = data.get("session")
                if not isinstance(session, str) or not session:
                    raise PortalRejected(200, "unreadable login answer: no session")
                self._session = session
            return self._session

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str] | None) -> httpx.Response:
        try:
            return self._remote.request("POST", path, json=body, headers=headers)
        except ServiceUnavailable as exc:
            log.warning("portal_unavailable", extra={"reason": exc.reason, "detail": exc.detail, "path": path})
            raise PortalUnavailable(exc.reason, exc.detail) from exc

    @staticmethod
    def _accept(response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            data = None
        message = data.get("message") if isinstance(data, dict) else None
        if response.status_code != 200 or not isinstance(data, dict) or data.get("error_code") != 0:
            text = str(message) if message else response.text[:300]
            log.warning("portal_rejected", extra={"status": response.status_code, "portal_message": text})
            raise PortalRejected(response.status_code, text)
        return data


def _portal_json(value: Any) -> Any:
    """``value`` with every ``datetime``/``date`` written in the portal's format."""
    if isinstance(value, datetime | date):
        return format_portal_time(value)
    if isinstance(value, dict):
        return {k: _portal_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_portal_json(v) for v in value]
    return value
