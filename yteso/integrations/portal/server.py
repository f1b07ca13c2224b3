"""Reference National Public Service Portal (Cổng DVC quốc gia): receives dossier sync, in memory.

Speaks the sync calls ministries use (session login, ``DongBoHoSoMC``, ``CapNhatTienDoHoSoMC``,
``TraCuuHoSo``) plus ``/_admin`` switches so tests can take it down and bring it back (for the
sender's outbox) and list what it holds (for reconciliation). Protocol: docs/integrations.md#portal.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError

from yteso.integrations.portal.schemas import SESSION_HEADER, DossierIn, LoginIn, LookupIn, ProgressIn


def answer(status: int, message: str, **extra: Any) -> JSONResponse:
    """The portal's envelope: ``error_code`` 0 on success, the HTTP status otherwise."""
    return JSONResponse({"error_code": 0 if status < 400 else status, "message": message, **extra}, status)


class _Portal:
    """Dossiers by ``MaHoSo`` (each with its progress ``TienDo``), sessions, the down switch."""

    def __init__(self, users: dict[str, str] | None, session_ttl: float) -> None:
        self.users = users
        self.session_ttl = session_ttl
        self.sessions: dict[str, float] = {}
        self.dossiers: dict[str, dict[str, Any]] = {}
        self.down_status: int | None = None

    def login(self, body: LoginIn) -> str | None:
        if self.users is not None and not secrets.compare_digest(self.users.get(body.username, "\0"), body.password):
            return None
        token = secrets.token_urlsafe(24)
        self.sessions[token] = time.monotonic() + self.session_ttl
        return token

    def session_valid(self, token: str | None) -> bool:
        return token is not None and self.sessions.get(token, 0.0) > time.monotonic()

    def store_dossier(self, dossier: DossierIn) -> bool:
        """Create or replace; the progress already received is kept. True when new."""
        data = dossier.model_dump(exclude_none=True)
        old = self.dossiers.get(dossier.MaHoSo)
        data["TienDo"] = old["TienDo"] if old else []
        self.dossiers[dossier.MaHoSo] = data
        return old is None

    def add_progress(self, step: ProgressIn) -> bool:
        """Append the step (a repeat of the same step is ignored); the dossier takes the status of
        its latest step. False when the dossier is unknown."""
        dossier = self.dossiers.get(step.MaHoSo)
        if dossier is None:
            return False
        data = step.model_dump(exclude_none=True)
        steps: list[dict[str, Any]] = dossier["TienDo"]
        if data not in steps:
            steps.append(data)
            steps.sort(key=lambda s: s["ThoiDiemXuLy"])
        latest = steps[-1]
        dossier["TrangThaiHoSo"] = latest["TrangThai"]
        if latest["TrangThai"] == 10 and not dossier.get("NgayTra"):
            dossier["NgayTra"] = latest["ThoiDiemXuLy"]
        return True


def create_portal_app(*, users: dict[str, str] | None = None, session_ttl: float = 1800.0) -> FastAPI:
    """The portal app. ``users`` maps usernames to passwords; ``None`` accepts any non-empty pair."""
    portal = _Portal(users, session_ttl)
    app = FastAPI(title="Cổng DVC quốc gia (reference)", version="1")
    app.state.portal = portal

    @app.middleware("http")
    async def downtime(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if portal.down_status is not None and request.url.path.startswith("/api/"):
            return answer(portal.down_status, "Hệ thống đang bảo trì, vui lòng thử lại sau.")
        return await call_next(request)

    async def parse(request: Request, model: type[BaseModel]) -> Any:
        """The validated body, or a 400 in the portal's words."""
        try:
            return model.model_validate_json(await request.body())
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
            return answer(400, f"Dữ liệu không hợp lệ: {problems}")

    async def authorised(request: Request, model: type[BaseModel]) -> Any:
        """The validated body of a call made within a live session, or the refusal."""
        if not portal.session_valid(request.headers.get(SESSION_HEADER)):
            return answer(401, "Phiên làm việc không hợp lệ hoặc đã hết hạn.")
        return await parse(request, model)

    @app.post("/api/login")
    async def login(request: Request) -> JSONResponse:
        body = await parse(request, LoginIn)
        if isinstance(body, JSONResponse):
            return body
        token = portal.login(body)
        if token is None:
            return answer(401, "Sai tên đăng nhập hoặc mật khẩu.")
        return answer(200, "Thành công", session=token, expires_in=int(portal.session_ttl))

    @app.post("/api/DongBoHoSoMC")
    async def push_dossier(request: Request) -> JSONResponse:
        body = await authorised(request, DossierIn)
        if isinstance(body, JSONResponse):
            return body
        created = portal.store_dossier(body)
        return answer(200, "Thêm mới hồ sơ thành công" if created else "Cập nhật hồ sơ thành công")

    @app.post("/api/CapNhatTienDoHoSoMC")
    async def push_progress(request: Request) -> JSONResponse:
        body = await authorised(request, ProgressIn)
        if isinstance(body, JSONResponse):
            return body
        if not portal.add_progress(body):
            return answer(404, f"Không tìm thấy hồ sơ {body.MaHoSo}; hãy đồng bộ hồ sơ trước.")
        return answer(200, "Cập nhật tiến độ thành công")

    @app.post("/api/TraCuuHoSo")
    async def lookup(request: Request) -> JSONResponse:
        body = await authorised(request, LookupIn)
        if isinstance(body, JSONResponse):
            return body
        dossier = portal.dossiers.get(body.MaHoSo)
        if dossier is None:
            return answer(404, f"Không tìm thấy hồ sơ {body.MaHoSo}.")
        return answer(200, "Thành công", data=dossier)

    @app.post("/_admin/down")
    async def down(status: int = 503) -> dict[str, Any]:
        """Answer every ``/api/`` call with ``status`` (503 unless given) until ``/_admin/up``."""
        portal.down_status = status
        return {"down": True, "status": status}

    @app.post("/_admin/up")
    async def up() -> dict[str, Any]:
        portal.down_status = None
        return {"down": False}

    @app.post("/_admin/expire-sessions")
    async def expire_sessions() -> dict[str, Any]:
        """End every session, as a portal restart would (clients must log in again)."""
        count = len(portal.sessions)
        portal.sessions.clear()
        return {"expired": count}

    @app.get("/_admin/dossiers")
    async def dossiers() -> dict[str, Any]:
        """Every dossier held, with its progress steps (``TienDo``), by ``MaHoSo``."""
        held = [portal.dossiers[k] for k in sorted(portal.dossiers)]
        return {"count": len(held), "dossiers": held}

    @app.post("/_admin/reset")
    async def reset() -> dict[str, Any]:
        portal.dossiers.clear()
        portal.sessions.clear()
        portal.down_status = None
        return {"reset": True}

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "down" if portal.down_status else "ok", "dossiers": len(portal.dossiers)}

    return app
