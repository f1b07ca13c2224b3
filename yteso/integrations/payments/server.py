"""Reference payment gateway (like the national portal's payment platform), for tests and demos.

Merchants create a payment for a fee code and send the citizen to ``pay_url``; the citizen's
payment is simulated (``POST /payments/{fee_code}/pay`` or the button on ``GET /pay/{fee_code}``);
the gateway then POSTs a signed callback to the merchant, retrying until it gets a 2xx. State is
in memory. Protocol: docs/integrations.md#payments.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from yteso.core.timez import VN_TZ
from yteso.integrations.payments.schemas import Delivery, PayIn, PaymentCreated, PaymentIn, PaymentOut
from yteso.integrations.payments.signing import (
    MAX_AGE,
    MERCHANT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    request_message,
    sign,
    signature_matches,
)

log = logging.getLogger(__name__)


@dataclass
class _Payment:
    merchant_id: str
    request: PaymentIn
    gateway_ref: str
    status: str = "pending"
    transaction_id: str | None = None
    paid_at: str | None = None
    callback_delivered: bool = False

    def out(self) -> PaymentOut:
        r = self.request
        return PaymentOut(
            fee_code=r.fee_code,
            gateway_ref=self.gateway_ref,
            status=self.status,
            amount_vnd=r.amount_vnd,
            description=r.description,
            transaction_id=self.transaction_id,
            paid_at=self.paid_at,
            callback_delivered=self.callback_delivered,
        )


def error(status: int, rule: str, message_vi: str, message_en: str) -> JSONResponse:
    """The protocol's error answer: ``{"error": {"rule", "message_vi", "message_en"}}``."""
    body = {"error": {"rule": rule, "message_vi": message_vi, "message_en": message_en}}
    return JSONResponse(body, status_code=status)


class _Gateway:
    """The gateway's state and its callback sender."""

    def __init__(self, secret: str, attempts: int, backoff: float, timeout: float) -> None:
        self.secret = secret
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self.payments: dict[str, _Payment] = {}
        self.deliveries: list[Delivery] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def authenticate(self, request: Request, body: bytes) -> str | JSONResponse:
        """The merchant id of a correctly signed, fresh request, or the 401 answer."""
        merchant = request.headers.get(MERCHANT_HEADER, "")
        stamp = request.headers.get(TIMESTAMP_HEADER, "")
        message = request_message(request.method, request.url.path, stamp, body)
        if not merchant or not signature_matches(self.secret, message, request.headers.get(SIGNATURE_HEADER)):
            return error(401, "signature.invalid", "Chữ ký yêu cầu không hợp lệ.", "The request signature is invalid.")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > MAX_AGE.total_seconds():
            return error(401, "timestamp.stale", "Thời điểm yêu cầu đã quá hạn.", "The request timestamp is stale.")
        return merchant

    def settle(self, payment: _Payment, outcome: str) -> None:
        """Record the citizen's payment attempt and start delivering its callback."""
        payment.status = outcome
        payment.transaction_id = f"TXN{datetime.now(VN_TZ):%Y%m%d}{secrets.token_hex(6).upper()}"
        payment.paid_at = datetime.now(VN_TZ).isoformat(timespec="seconds") if outcome == "paid" else None
        payment.callback_delivered = False
        task = asyncio.get_running_loop().create_task(self._deliver(payment, payment.transaction_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def callback_body(self, payment: _Payment) -> bytes:
        data = {
            "fee_code": payment.request.fee_code,
            "status": payment.status,
            "amount_vnd": payment.request.amount_vnd,
            "transaction_id": payment.transaction_id,
            "paid_at": payment.paid_at,
            "merchant_id": payment.merchant_id,
            "timestamp": int(time.time()),
            "nonce": uuid.uuid4().hex,
        }
        return json.dumps(data, ensure_ascii=False).encode()

    async def _deliver(self, payment: _Payment, transaction_id: str) -> None:
        """POST the signed callback until a 2xx (fresh timestamp and nonce on each attempt)."""
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            for attempt in range(1, self.attempts + 1):
                body = self.callback_body(payment)
                headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(self.secret, body)}
                code: int | None = None
                problem: str | None = None
                try:
                    code = (await client.post(payment.request.callback_url, content=body, headers=headers)).status_code
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                fee = payment.request.fee_code
                self.deliveries.append(
                    Delivery(
                        fee_code=fee, transaction_id=transaction_id, attempt=attempt, status_code=code, error=problem
                    )
                )
                if code is not None and 200 <= code < 300:
                    payment.callback_delivered = True
                    return
                log.warning("payment_callback_failed", extra={"fee_code": fee, "attempt": attempt, "status": code})
                if attempt < self.attempts:
                    await asyncio.sleep(self.backoff * 2 ** (attempt - 1))


def create_payment_gateway_app(
    secret: str,
    *,
    public_url: str | None = None,
    callback_attempts: int = 6,
    callback_backoff: float = 0.5,
    callback_timeout: float = 5.0,
) -> FastAPI:
    """The gateway app; ``secret`` is the merchant's shared HMAC key.

    ``public_url`` is the base of ``pay_url`` (default: the URL the request came in on). A callback
    is tried ``callback_attempts`` times, waiting ``callback_backoff``, then twice as long each time.
    """
    gw = _Gateway(secret, callback_attempts, callback_backoff, callback_timeout)
    app = FastAPI(title="Payment gateway (reference)", version="1")
    app.state.gateway = gw

    def find(fee_code: str, merchant: str | None = None) -> _Payment | JSONResponse:
        payment = gw.payments.get(fee_code.upper())
        if payment is None or (merchant is not None and payment.merchant_id != merchant):
            return error(404, "payment.not_found", "Không có khoản thu này.", "No payment with this fee code.")
        return payment

    @app.post("/payments", status_code=201, responses={200: {}, 401: {}, 409: {}, 422: {}})
    async def create(request: Request) -> Any:
        body = await request.body()
        merchant = gw.authenticate(request, body)
        if isinstance(merchant, JSONResponse):
            return merchant
        try:
            data = PaymentIn.model_validate_json(body)
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return error(422, "payment.invalid", f"Dữ liệu không hợp lệ: {detail}", f"Invalid payment: {detail}")
        base = (public_url or str(request.base_url)).rstrip("/")
        existing = gw.payments.get(data.fee_code)
        if existing is not None:
            if existing.merchant_id != merchant or existing.request.amount_vnd != data.amount_vnd:
                return error(
                    409,
                    "payment.conflict",
                    "Mã khoản thu đã dùng cho khoản khác.",
                    "This fee code was already created with another amount or merchant.",
                )
            return JSONResponse(_created(existing, base).model_dump(), status_code=200)
        payment = _Payment(merchant, data, f"GW{uuid.uuid4().hex[:16].upper()}")
        gw.payments[data.fee_code] = payment
        log.info("payment_created", extra={"fee_code": data.fee_code, "amount_vnd": data.amount_vnd})
        return _created(payment, base)

    @app.get("/payments/{fee_code}", responses={401: {}, 404: {}})
    async def query(fee_code: str, request: Request) -> Any:
        merchant = gw.authenticate(request, b"")
        if isinstance(merchant, JSONResponse):
            return merchant
        found = find(fee_code, merchant)
        return found if isinstance(found, JSONResponse) else found.out()

    @app.post("/payments/{fee_code}/pay", responses={303: {}, 404: {}})
    async def pay(fee_code: str, request: Request) -> Any:
        found = find(fee_code)
        if isinstance(found, JSONResponse):
            return found
        is_form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
        raw: Any = dict(await request.form()) if is_form else (await request.body() or b"{}")
        try:
            outcome = (PayIn.model_validate(raw) if is_form else PayIn.model_validate_json(raw)).outcome
        except ValidationError:
            return error(422, "pay.invalid", "Kết quả phải là paid hoặc failed.", "outcome must be paid or failed")
        if found.status != "paid":
            gw.settle(found, outcome)
        if is_form:
            params = {"fee_code": found.request.fee_code, "status": found.status}
            return RedirectResponse(str(httpx.URL(found.request.return_url).copy_merge_params(params)), 303)
        return found.out()

    @app.get("/pay/{fee_code}", response_class=HTMLResponse, responses={404: {}})
    async def pay_page(fee_code: str) -> Response:
        found = find(fee_code)
        return found if isinstance(found, JSONResponse) else HTMLResponse(_page(found))

    @app.get("/_admin/callbacks")
    async def callbacks(fee_code: str | None = None) -> list[Delivery]:
        """Every callback delivery attempt (optionally of one fee), oldest first."""
        return [d for d in gw.deliveries if fee_code is None or d.fee_code == fee_code.upper()]

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "payments": len(gw.payments)}

    return app


def _created(payment: _Payment, base: str) -> PaymentCreated:
    fee = payment.request.fee_code
    return PaymentCreated(
        fee_code=fee, gateway_ref=payment.gateway_ref, pay_url=f"{base}/pay/{fee}", status=payment.status
    )


def _page(payment: _Payment) -> str:
    r = payment.request
    amount = f"{r.amount_vnd:,}".replace(",", ".")
    fee, desc = html.escape(r.fee_code), html.escape(r.description)
    if payment.status == "paid":
        action = f"<p class=ok>Đã thanh toán lúc {html.escape(payment.paid_at or '')}.</p>"
    else:
        action = (
            f'<form method="post" action="/payments/{fee}/pay">'
            '<button name="outcome" value="paid" type="submit">Thanh toán</button> '
            '<button name="outcome" value="failed" type="submit" class=secondary>Hủy giao dịch</button></form>'
        )
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Thanh toán trực tuyến</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}}
dt{{color:#555}}dd{{margin:0 0 .8rem;font-weight:600}}button{{font-size:1.1rem;padding:.6rem 1.4rem;
background:#c8102e;color:#fff;border:0;border-radius:.3rem;cursor:pointer}}.secondary{{background:#777}}
.ok{{color:#0a7a2f;font-weight:600}}</style></head>
<body><h1>Cổng thanh toán (môi trường thử nghiệm)</h1>
<dl><dt>Mã khoản thu</dt><dd>{fee}</dd><dt>Nội dung</dt><dd>{desc}</dd>
<dt>Số tiền</dt><dd>{amount} ₫</dd></dl>{action}</body></html>"""
