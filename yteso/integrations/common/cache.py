"""A thread-safe LRU cache whose entries also expire after a time-to-live (clock injectable)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class TtlLruCache(Generic[K, V]):
    """At most ``maxsize`` entries (least recently used evicted first), each valid ``ttl`` seconds.

    ``maxsize`` 0 disables caching. Values must not be ``None`` (``get`` returns ``None`` on a miss).
    """

    def __init__(self, maxsize: int, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._clock = clock
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._data.get(key)
            if entry is not None and entry[0] > self._clock():
                self._data.move_to_end(key)
                self.hits += 1
                return entry[1]
            if entry is not None:
                del self._data[key]
            self.misses += 1
            return None

    def put(self, key: K, value: V) -> None:
        if self.maxsize <= 0:
            return
        with self._lock:
            self._data[key] = (self._clock() + self.ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
