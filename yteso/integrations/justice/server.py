"""Reference criminal-record service (lý lịch tư pháp, Ministry of Justice), for tests and demos.

Requests are answered after ``delay_seconds``: issued with "has a record" from ``records``
(absent = no record), or refused for the CCCDs in ``refuse`` (e.g. identity could not be
confirmed). State is in memory. Protocol: docs/integrations.md#justice.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.core.timez import VN_TZ
from yteso.integrations.justice.schemas import IDEMPOTENCY_HEADER, CertificateRequestIn, CertificateRequestOut


def error(status: int, rule: str, message_vi: str, message_en: str) -> JSONResponse:
    return JSONResponse({"error": {"rule": rule, "message_vi": message_vi, "message_en": message_en}}, status)


@dataclass
class _Request:
    request_id: str
    body: CertificateRequestIn
    created: float
    outcome: CertificateRequestOut | None = None


class _Registry:
    def __init__(self, records: dict[str, bool], delay: float, refuse: set[str], clock: Callable[[], float]) -> None:
        self.records = records
        self.delay = delay
        self.refuse = refuse
        self.clock = clock
        self.requests: dict[str, _Request] = {}
        self.by_key: dict[str, str] = {}
        self.issued = 0

    def view(self, req: _Request) -> CertificateRequestOut:
        """The request as of now: decided once its delay has passed (and then fixed)."""
        if req.outcome is not None:
            return req.outcome
        if self.clock() - req.created < self.delay:
            return CertificateRequestOut(request_id=req.request_id, status="pending")
        cccd = req.body.cccd
        if cccd in self.refuse:
            req.outcome = CertificateRequestOut(
                request_id=req.request_id,
                status="refused",
                reason="Không xác minh được nhân thân người yêu cầu.",
            )
        else:
            self.issued += 1
            now = datetime.now(VN_TZ)
            req.outcome = CertificateRequestOut(
                request_id=req.request_id,
                status="issued",
                certificate_no=f"{self.issued:06d}/{now.year}/LLTP",
                has_record=self.records.get(cccd, False),
                issued_at=now.isoformat(timespec="seconds"),
            )
        return req.outcome


def create_justice_app(
    records: dict[str, bool] | None = None,
    delay_seconds: float = 0,
    *,
    refuse: Iterable[str] = (),
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """The service app. ``records`` maps CCCD → has a criminal record (absent: none)."""
    registry = _Registry(dict(records or {}), delay_seconds, set(refuse), clock)
    app = FastAPI(title="Lý lịch tư pháp (reference)", version="1")
    app.state.registry = registry

    @app.post("/requests", status_code=201, responses={200: {}, 400: {}, 422: {}})
    async def create(request: Request) -> Any:
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key and key in registry.by_key:
            return JSONResponse(registry.view(registry.requests[registry.by_key[key]]).model_dump(), 200)
        try:
            body = CertificateRequestIn.model_validate_json(await request.body())
            validate_cccd(body.cccd)
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return error(422, "request.invalid", f"Yêu cầu không hợp lệ: {detail}", f"Invalid request: {detail}")
        except IdentifierError as exc:
            return error(400, exc.rule, exc.message_vi, exc.message_en)
        req = _Request(uuid.uuid4().hex, body, registry.clock())
        registry.requests[req.request_id] = req
        if key:
            registry.by_key[key] = req.request_id
        return registry.view(req)

    @app.get("/requests/{request_id}", responses={404: {}})
    async def get(request_id: str) -> Any:
        req = registry.requests.get(request_id)
        if req is None:
            return error(404, "request.not_found", "Không có yêu cầu này.", "No request with this id.")
        return registry.view(req)

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "requests": len(registry.requests)}

    return app
