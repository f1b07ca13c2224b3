"""Circuit breaker: stop calling a failing service for a while, then let one trial call through.

closed → (``threshold`` consecutive failed attempts) → open → (``reset_after`` seconds) → half-open:
one trial attempt; success closes, failure opens again for another ``reset_after``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    """Counts consecutive failures of one remote service; thread-safe; clock injectable."""

    def __init__(
        self, threshold: int, reset_after: float, clock: Callable[[], float] = time.monotonic, name: str = ""
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be >= 1")
        self.threshold = threshold
        self.reset_after = reset_after
        self.name = name
        self._clock = clock
        self._lock = threading.Lock()
        self._state = CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False

    @property
    def state(self) -> str:
        """``closed``, ``open`` or ``half_open`` (open whose wait is over counts as half-open)."""
        with self._lock:
            if self._state == OPEN and self._clock() - self._opened_at >= self.reset_after:
                return HALF_OPEN
            return self._state

    def allow(self) -> bool:
        """May one attempt go out now? In half-open only one trial runs at a time."""
        with self._lock:
            if self._state == CLOSED:
                return True
            if self._state == OPEN:
                if self._clock() - self._opened_at < self.reset_after:
                    return False
                self._state = HALF_OPEN
                log.info("circuit_half_open", extra={"breaker": self.name})
            if self._trial_running:
                return False
            self._trial_running = True
            return True

    def record_success(self) -> None:
        with self._lock:
            if self._state != CLOSED:
                log.info("circuit_closed", extra={"breaker": self.name})
            self._state = CLOSED
            self._failures = 0
            self._trial_running = False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._state == HALF_OPEN or self._failures >= self.threshold:
                if self._state != OPEN:
                    log.warning("circuit_opened", extra={"breaker": self.name, "failures": self._failures})
                self._state = OPEN
                self._opened_at = self._clock()
            self._trial_running = False
