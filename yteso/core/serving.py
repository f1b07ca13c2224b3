"""Running the HTTP server (uvicorn) with the socket options a low-latency API needs."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHttpProtocol(HttpToolsProtocol):
    """httptools protocol that turns Nagle's algorithm off on every connection.

    With several workers uvicorn binds the listening socket itself with protocol number 0, so
    asyncio does not set TCP_NODELAY on accepted connections; small keep-alive responses then
    wait for the peer's delayed ACK (about 40 ms each).
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock: Any = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # not a TCP socket (e.g. a Unix socket)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    """Make the cyclic garbage collector cheap for a long-running server or worker.

    Such a process holds a large long-lived heap (routes, compiled search paths, caches) and
    allocates many short-lived containers per request (a claims dossier maps to ~1,100 dicts and
    lists). With the default thresholds (700, 10, 10) the collector rescans that heap every few
    thousand allocations: it took half the gateway's mapping time. What is alive after start-up
    is frozen (never scanned again) and collections run less often. Our code makes few reference
    cycles, so memory stays flat (docs/gateway.md has the figures).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def run_server(host: str, port: int, *, workers: int = 1, log_level: str = "info") -> None:
    """Serve ``yteso.app:create_app`` (settings from the environment)."""
    import uvicorn

    uvicorn.run(
        "yteso.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        http=NoDelayHttpProtocol,
        loop="uvloop",
    )
