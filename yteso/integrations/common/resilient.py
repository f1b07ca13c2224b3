"""One remote service over HTTP: timeout per attempt, retries with backoff, circuit breaker.

Retried: timeouts, connection errors and 5xx answers (never 4xx, which would only fail again).
Waits are ``backoff``, ``2*backoff``, ``4*backoff``… seconds. Every attempt passes through the
breaker: it counts consecutive failed attempts and, once open, refuses calls without touching the
network until ``breaker_reset`` seconds have passed. When no usable answer can be had,
:class:`ServiceUnavailable` says why; each client turns it into its own domain error.

A retried POST may reach the server twice, so every protocol we define makes its writes
idempotent (a natural key such as the fee code or the dossier code, or an ``Idempotency-Key``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from yteso.integrations.common.breaker import CircuitBreaker


class ServiceUnavailable(Exception):
    """No usable answer: ``reason`` is ``timeout``, ``connection``, ``server_error`` or ``breaker_open``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class ResilientHttp:
    """Sends requests to ``base_url`` through ``http`` (injected, or one made and owned here).

    ``retries`` is the number of extra attempts after the first. The clock (for the breaker) and
    the sleep function (for the backoff) are injectable so tests need not wait.
    """

    def __init__(
        self,
        base_url: str,
        *,
        name: str,
        http: httpx.Client | None = None,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.1,
        breaker_threshold: int = 5,
        breaker_reset: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.name = name
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self._sleep = sleep
        self._owns_http = http is None
        self.http = http if http is not None else httpx.Client(timeout=timeout)
        self.breaker = CircuitBreaker(breaker_threshold, breaker_reset, clock, name=name)

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One logical call: attempts gated and scored by the breaker; any answer below 500 is returned.

        ``path`` is appended to ``base_url`` unless it is an absolute ``http(s)://`` URL. ``headers``
        may be a function, called before every attempt (for per-attempt signatures).
        """
        reason, detail = "breaker_open", "circuit breaker open"
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        for attempt in range(self.retries + 1):
            if not self.breaker.allow():
                break
            try:
                sent_headers = headers() if callable(headers) else headers
                response = self.http.request(
                    method,
                    url,
                    json=json,
                    content=content,
                    data=data,
                    headers=sent_headers,
                    params=params,
                    timeout=self.timeout,
                )
            except httpx.TimeoutException as exc:
                reason, detail = "timeout", f"{type(exc).__name__} after {self.timeout} s"
            except httpx.TransportError as exc:
                reason, detail = "connection", f"{type(exc).__name__}: {exc}"
            except BaseException:
                self.breaker.record_failure()
                raise
            else:
                if response.status_code < 500:
                    self.breaker.record_success()
                    return response
                reason, detail = "server_error", f"HTTP {response.status_code}"
            self.breaker.record_failure()
            if attempt < self.retries:
                self._sleep(self.backoff * 2**attempt)
        raise ServiceUnavailable(reason, detail)

    def close(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_http:
            self.http.close()
