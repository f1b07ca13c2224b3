"""Clients of the external national systems, each with a reference server speaking its protocol.

One sub-package per system (``payments``, ``portal``, ``justice``, ``business_registry``, ``vneid``):
``client.py`` (takes an injected ``httpx.Client``; timeouts, retries, circuit breaker, clear errors),
``server.py`` (a FastAPI app factory for tests and demos), ``schemas.py`` and ``cli.py``. The shared
resilience pieces live in :mod:`yteso.integrations.common`. Protocols: ``docs/integrations.md``.
"""
