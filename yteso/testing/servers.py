"""Run an ASGI app under a real uvicorn server in a background thread, for tests.

>>> with run_app(create_population_app("pop.csv")) as base_url:  # doctest: +SKIP
...     httpx.get(f"{base_url}/healthz")
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager

import uvicorn
from starlette.types import ASGIApp


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (for a "nothing listens here" address)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


class _ServerThread(threading.Thread):
    """Runs ``server`` on ``sock`` and keeps any exception for the caller's thread."""

    def __init__(self, server: uvicorn.Server, sock: socket.socket) -> None:
        super().__init__(name="uvicorn-test-server", daemon=True)
        self.server = server
        self.sock = sock
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        except BaseException as exc:  # re-raised in the caller's thread
            self.error = exc


@contextmanager
def run_app(
    app: ASGIApp,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    startup_timeout: float = 10.0,
    lifespan: str = "auto",
    log_level: str = "warning",
) -> Iterator[str]:
    """Serve ``app`` on ``host:port`` (0 = any free port) and yield its base URL once it accepts requests.

    The socket is bound here, before the thread starts, so there is no race for the port. On exit
    the server is asked to stop and the thread joined; a server that failed to start raises
    ``RuntimeError`` here.
    """
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP,
    # and without it every keep-alive request waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        host=host,
        port=bound_port,
        lifespan=lifespan,  # type: ignore[arg-type]
        log_level=log_level,
        access_log=False,
        ws="none",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    thread = _ServerThread(server, sock)
    thread.start()
    try:
        _wait_started(server, thread, startup_timeout)
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(startup_timeout)
        sock.close()
    if thread.error is not None:
        raise RuntimeError("test server failed") from thread.error


def _wait_started(server: uvicorn.Server, thread: _ServerThread, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("test server stopped during start-up") from thread.error
        if time.monotonic() > deadline:
            raise RuntimeError(f"test server not ready after {timeout} s")
        time.sleep(0.01)
