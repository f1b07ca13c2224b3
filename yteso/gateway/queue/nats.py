"""NATS JetStream queue: the receiver publishes dossier keys, ``yteso gateway worker`` processes consume.

A message is acknowledged only after the dossier's transaction has committed, so a worker
killed half-way leaves it unacknowledged and JetStream redelivers it after ``ack_wait``;
processing is idempotent (the dossier's state is checked under a row lock).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

import nats
from nats.js.api import AckPolicy, ConsumerConfig, RetentionPolicy, StreamConfig

log = logging.getLogger("yteso.gateway.queue")

STREAM = "YTESO_GATEWAY"
SUBJECT = "yteso.gateway.dossiers"
CONSUMER = "gateway-workers"


async def ensure_stream(js: Any, *, stream: str = STREAM, subject: str = SUBJECT) -> None:
    try:
        await js.stream_info(stream)
    except nats.js.errors.NotFoundError:
        await js.add_stream(StreamConfig(name=stream, subjects=[subject], retention=RetentionPolicy.WORK_QUEUE))


class NatsPublisher:
    """Synchronous publisher (callable from request threads) over one background event loop."""

    def __init__(self, url: str, *, stream: str = STREAM, subject: str = SUBJECT, timeout: float = 10.0) -> None:
        self._subject = subject
        self._timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="nats-publisher", daemon=True)
        self._thread.start()
        self._nc: Any = self._call(nats.connect(url, connect_timeout=timeout, max_reconnect_attempts=-1))
        self._js = self._nc.jetstream()
        self._call(ensure_stream(self._js, stream=stream, subject=subject))

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(self._timeout)

    def publish(self, pks: Iterable[int]) -> None:
        async def _send() -> None:
            for pk in pks:
                await self._js.publish(self._subject, str(pk).encode())

        self._call(_send())

    def close(self) -> None:
        try:
            self._call(self._nc.drain())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)


async def consume(
    url: str,
    handle: Callable[[list[int]], object],
    *,
    ack_wait: float = 60.0,
    batch: int = 10,
    stop: asyncio.Event | None = None,
    idle_exit: float | None = None,
    stream: str = STREAM,
    subject: str = SUBJECT,
    durable: str = CONSUMER,
) -> int:
    """Pull batches of dossier keys and ``handle`` them (in a thread); ack after it returns. Returns how many.

    ``idle_exit`` stops after that many seconds without messages (for batch runs and tests).
    """
    nc = await nats.connect(url, max_reconnect_attempts=-1)
    js = nc.jetstream()
    await ensure_stream(js, stream=stream, subject=subject)
    sub = await js.pull_subscribe(
        subject,
        durable=durable,
        config=ConsumerConfig(durable_name=durable, ack_policy=AckPolicy.EXPLICIT, ack_wait=ack_wait, max_deliver=20),
    )
    done, idle = 0, 0.0
    try:
        while stop is None or not stop.is_set():
            try:
                msgs = await sub.fetch(batch, timeout=1.0)
            except nats.errors.TimeoutError:
                idle += 1.0
                if idle_exit is not None and idle >= idle_exit:
                    break
                continue
            idle = 0.0
            keys = [int(m.data) for m in msgs]
            await asyncio.to_thread(handle, keys)
            for msg in msgs:
                await msg.ack()
            done += len(msgs)
    finally:
        await nc.drain()
    return done
