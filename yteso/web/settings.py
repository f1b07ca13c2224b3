"""Settings of the web pages, read from ``YTESO_WEB_*`` (and ``YTESO_VNEID_*`` for the login).

Built on the first page request (or set on ``app.state.web_settings`` before it), never at import
time. See docs/web.md for how login works in development and in production.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    return AliasChoices(f"YTESO_{name.upper()}", f"YTESO_WEB_{name.upper()}", name)


class WebSettings(BaseSettings):
    """Every field maps to ``YTESO_WEB_<NAME>``; the VNeID ones also to ``YTESO_VNEID_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="YTESO_WEB_", extra="ignore", populate_by_name=True)

    base_url: str | None = None
    """Public address of the pages (where VNeID sends the browser back); unset: the services'
    ``YTESO_SERVICES_PUBLIC_BASE_URL`` (default http://127.0.0.1:8000). Open the site at this address."""
    vneid_url: str | None = Field(default=None, validation_alias=_env("vneid_url"))
    """Issuer URL of VNeID (OpenID Connect). Unset outside production: the development identity
    provider is served inside the platform under ``/vneid``. Unset in production: no VNeID login."""
    vneid_client_id: str = Field(default="yteso-dich-vu-cong", validation_alias=_env("vneid_client_id"))
    """Client id of the pages, as registered with VNeID."""
    vneid_users: str | None = Field(default=None, validation_alias=_env("vneid_users"))
    """Accounts CSV of the embedded development identity provider (default: 20 generated accounts,
    password ``vneid-dev``; ``yteso vneid users`` lists them)."""
    dev_login: bool = True
    """Offer the development login form for officers, managers and admins (never in production)."""
    session_ttl_seconds: int = Field(default=8 * 3600, ge=300)
    """How long a login lasts (the session cookie's lifetime)."""
    secure_cookies: bool | None = None
    """Send cookies over HTTPS only; unset: when ``base_url`` is https or in production."""
