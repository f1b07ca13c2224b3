"""Fixtures shared by the external-system tests: a hand clock, recorded sleeps, a failing wrapper."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from yteso.testing.faults import FakeClock, Misbehaving


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleeps() -> list[float]:
    """Pass ``sleep=sleeps.append`` to a client: backoff waits are recorded, not slept."""
    return []


@pytest.fixture
def misbehave() -> type[Misbehaving]:
    """``misbehave(app, fail_first=2, fail_status=500, delay=0.5)`` wraps a real app."""
    return Misbehaving


def wait_for(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Poll ``condition`` until it is true (for work a server finishes in the background)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.02)
