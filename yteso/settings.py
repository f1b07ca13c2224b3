"""Typed settings read from ``YTESO_*`` environment variables.

Built once in :func:`yteso.app.create_app` (never at import time). Outside development a
placeholder secret key refuses to start.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-secret-change-me-0123456789abcdef"


class Settings(BaseSettings):
    """Platform configuration. Every field maps to ``YTESO_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="YTESO_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    """``production`` refuses placeholder secrets."""
    database_url: str = "sqlite:///./var/yteso.db"
    """SQLAlchemy URL: ``sqlite:///path`` (embedded) or ``postgresql+psycopg://user@host/db``."""
    database_schema: str | None = None
    """PostgreSQL schema to use (search_path); the default schema when unset."""
    db_pool_size: int = 10
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = DEV_SECRET
    """HS256 key for locally issued tokens (``yteso token``)."""
    token_issuer: str = "yteso"
    token_ttl_seconds: int = 8 * 3600
    oidc_jwks_url: str | None = None
    """JWKS URL of an external OIDC issuer whose RS256 tokens are accepted (production)."""
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    """Largest request body accepted on FHIR routes; larger answers 413."""
    fhir_base_url: str | None = None
    """Public base URL used in ``fullUrl`` and paging links (default: from the request)."""
    fhir_default_count: int = 20
    fhir_max_count: int = 1000
    queue_url: str | None = None
    """Work queue of the gateway: unset/``inprocess`` (worker threads in the server) or ``nats://host:4222``."""
    gateway_workers: int = 1
    """In-process gateway worker threads."""
    gateway_batch: int = Field(default=50, ge=1, le=500)
    """Dossiers stored per transaction (fewer round trips and commits per dossier when larger)."""
    gateway_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    """Largest claims-XML envelope accepted (413 above)."""
    population_url: str | None = None
    """URL of the national population database (or the reference server)."""

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production" and (self.secret_key == DEV_SECRET or len(self.secret_key) < 32):
            raise ValueError("YTESO_SECRET_KEY must be set to a random value of >= 32 characters in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
