"""Fault injection for tests of external-system clients: a misbehaving ASGI wrapper and a hand clock.

>>> flaky = Misbehaving(create_portal_app(), fail_first=2)  # doctest: +SKIP
>>> with run_app(flaky) as url: ...  # the first two requests answer 500  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send


class FakeClock:
    """A monotonic clock the test moves by hand (for cache TTL and breaker reset)."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Misbehaving:
    """ASGI wrapper: records request paths, can be slow, and fails the first ``fail_first`` requests.

    A failed request gets ``fail_status`` with a plain-text body and never reaches the wrapped app.
    """

    def __init__(self, inner: ASGIApp, *, fail_first: int = 0, fail_status: int = 500, delay: float = 0.0):
        self.inner = inner
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.delay = delay
        self.paths: list[str] = []

    @property
    def requests(self) -> int:
        return len(self.paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return
        self.paths.append(scope["path"])
        if self.delay:
            await asyncio.sleep(self.delay)
        if len(self.paths) <= self.fail_first:
            headers = [(b"content-type", b"text/plain")]
            await send({"type": "http.response.start", "status": self.fail_status, "headers": headers})
            await send({"type": "http.response.body", "body": b"scripted failure"})
            return
        await self.inner(scope, receive, send)
