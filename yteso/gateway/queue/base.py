"""The queue seam and its in-process implementation (the embedded default)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Protocol

log = logging.getLogger("yteso.gateway.queue")

Handler = Callable[[list[int]], object]
"""Processes a batch of dossier keys."""


class DossierQueue(Protocol):
    """Carries dossier keys from the receiver to the workers."""

    def publish(self, pks: Iterable[int]) -> None: ...

    def close(self) -> None: ...


Finder = Callable[[int], list[int]]
"""Returns up to n keys of dossiers still waiting in the database (work another process received)."""


class InProcessQueue:
    """Worker threads in this process: nothing to install, nothing survives a restart — the
    app re-queues every dossier still ``queued`` in the database when it starts.

    With several server processes each receives its own share; a worker whose queue is empty
    asks ``find_work`` for dossiers still waiting in the database, so that no process sits idle
    while another has a backlog (the row lock taken when storing keeps each dossier to one worker).
    """

    IDLE_POLL = (0.05, 2.0)  # seconds between looks for waiting work: right after work, at most

    def __init__(self, handler: Handler, *, workers: int = 1, batch: int = 20, find_work: Finder | None = None) -> None:
        self._batch = batch
        self._find_work = find_work
        self._items: queue.Queue[int | None] = queue.Queue()
        self._handler = handler
        self._pending = 0
        self._lock = threading.Condition()
        self._threads = [
            threading.Thread(target=self._run, name=f"gateway-worker-{i}", daemon=True) for i in range(workers)
        ]
        for t in self._threads:
            t.start()

    def publish(self, pks: Iterable[int]) -> None:
        for pk in pks:
            with self._lock:
                self._pending += 1
            self._items.put(pk)

    def join(self, timeout: float | None = None) -> bool:
        """Wait until every published dossier has been handled (True) or ``timeout`` passes."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        for _ in self._threads:
            self._items.put(None)
        for t in self._threads:
            t.join(timeout=30)

    def _run(self) -> None:
        wait = self.IDLE_POLL[0]
        while True:
            try:
                first = self._items.get(timeout=wait if self._find_work else None)
            except queue.Empty:
                wait = self._help_others(wait)
                continue
            wait = self.IDLE_POLL[0]
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < self._batch:
                try:
                    more = self._items.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            try:
                self._handler(batch)
            except Exception:  # the handler records failures itself; keep the worker alive
                log.exception("gateway_worker_error", extra={"dossiers": batch})
            finally:
                with self._lock:
                    self._pending -= len(batch)
                    self._lock.notify_all()
            if stop:
                return

    def _help_others(self, wait: float) -> float:
        """Process dossiers waiting in the database; the next wait is short after work, else longer."""
        assert self._find_work is not None
        try:
            found = self._find_work(self._batch)
            if found:
                self._handler(found)
                return self.IDLE_POLL[0]
        except Exception:  # a database outage must not kill the worker; it looks again later
            log.exception("gateway_find_work_failed")
        return min(wait * 2, self.IDLE_POLL[1])


def make_queue(
    url: str | None, handler: Handler, *, workers: int, batch: int = 20, find_work: Finder | None = None
) -> DossierQueue:
    """``None`` or ``inprocess`` → :class:`InProcessQueue`; ``nats://...`` → a JetStream publisher
    (workers then run as ``yteso gateway worker``)."""
    if not url or url == "inprocess":
        return InProcessQueue(handler, workers=workers, batch=batch, find_work=find_work)
    if url.startswith("nats://"):
        from yteso.gateway.queue.nats import NatsPublisher

        return NatsPublisher(url)
    raise ValueError(f"unsupported queue URL {url!r} (inprocess or nats://host:port)")
