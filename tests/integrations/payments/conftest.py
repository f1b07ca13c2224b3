"""A running payment gateway and a merchant receiver that verifies callbacks idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from yteso.integrations.payments import CallbackRejected, PaymentCallback, verify_callback
from yteso.integrations.payments.server import create_payment_gateway_app
from yteso.testing.servers import run_app

SECRET = "merchant-secret-for-tests-0123456789"
MERCHANT = "BYT-DVC"


@dataclass
class Ledger:
    """The merchant's side: callbacks received, effects applied once per transaction_id."""

    received: int = 0
    rejected: list[str] = field(default_factory=list)
    effects: dict[str, PaymentCallback] = field(default_factory=dict)


def receiver_app(secret: str) -> tuple[FastAPI, Ledger]:
    ledger = Ledger()
    app = FastAPI()

    @app.post("/callback")
    async def callback(request: Request) -> JSONResponse:
        try:
            cb = verify_callback(await request.body(), request.headers.get("X-Signature"), secret)
        except CallbackRejected as exc:
            ledger.rejected.append(exc.rule)
            return JSONResponse({"rule": exc.rule}, status_code=400)
        ledger.received += 1
        ledger.effects.setdefault(cb.transaction_id, cb)  # idempotent: a repeat has no new effect
        return JSONResponse({"ok": True})

    return app, ledger


@pytest.fixture
def gateway_app() -> FastAPI:
    return create_payment_gateway_app(SECRET, callback_attempts=4, callback_backoff=0.05)


@pytest.fixture
def gateway_url(gateway_app: FastAPI) -> Iterator[str]:
    with run_app(gateway_app) as url:
        yield url


@pytest.fixture
def receiver() -> Iterator[tuple[str, Ledger]]:
    app, ledger = receiver_app(SECRET)
    with run_app(app) as url:
        yield url, ledger
