"""Pieces every external-system client shares: circuit breaker, TTL cache, retrying HTTP, errors."""

from yteso.integrations.common.breaker import CircuitBreaker
from yteso.integrations.common.cache import TtlLruCache
from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable
from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable

__all__ = [
    "CircuitBreaker",
    "IntegrationRejected",
    "IntegrationUnavailable",
    "ResilientHttp",
    "ServiceUnavailable",
    "TtlLruCache",
]
