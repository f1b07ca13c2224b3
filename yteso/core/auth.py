"""Authentication (bearer JWT) and the caller's identity, roles and SMART-on-FHIR scopes.

Locally issued tokens are HS256 with ``YTESO_SECRET_KEY`` (``yteso token``); in production
RS256 tokens of an external OIDC issuer are accepted, verified against its JWKS.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt

from yteso.core.errors import Forbidden, Unauthenticated
from yteso.settings import Settings

ROLES = ("admin", "facility", "clinician", "officer", "citizen", "analyst")

DEFAULT_SCOPES: dict[str, tuple[str, ...]] = {
    "admin": ("system/*.*",),
    "facility": ("user/*.*",),
    "clinician": ("user/*.*",),
    "officer": ("user/*.read",),
    "citizen": ("patient/*.read",),
    "analyst": ("user/*.read",),
}
EMERGENCY_PURPOSES = {"emergency", "ETREAT", "BTG"}


@dataclass(frozen=True)
class Scope:
    """One SMART scope, e.g. ``patient/Observation.read`` or v2 ``user/*.rs``."""

    context: str
    resource_type: str
    access: str

    @classmethod
    def parse(cls, text: str) -> Scope | None:
        try:
            context, rest = text.split("/", 1)
            resource_type, access = rest.split(".", 1)
        except ValueError:
            return None
        if context not in ("patient", "user", "system"):
            return None
        return cls(context, resource_type, access)

    def allows(self, resource_type: str, write: bool) -> bool:
        if self.resource_type not in ("*", resource_type):
            return False
        if self.access in ("*", "write" if write else "read"):
            return True
        letters = set("cud") if write else set("rs")
        return bool(letters & set(self.access)) and set(self.access) <= set("cruds")


@dataclass(frozen=True)
class Caller:
    """Who is calling: subject, role, facility (MA_CSKCB), citizen ID (CCCD), scopes."""

    subject: str
    role: str
    facility: str | None = None
    citizen: str | None = None
    scopes: tuple[Scope, ...] = field(default_factory=tuple)
    purpose: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin" or any(s.context == "system" for s in self.scopes)

    @property
    def emergency(self) -> bool:
        return self.purpose in EMERGENCY_PURPOSES

    def require_scope(self, resource_type: str, *, write: bool) -> None:
        """Refuse (403) unless one scope grants this interaction on this type."""
        if not any(s.allows(resource_type, write) for s in self.scopes):
            verb = "write" if write else "read"
            raise Forbidden(
                f"Token scopes do not allow {verb} of {resource_type}",
                f"Phạm vi (scope) của token không cho phép {'ghi' if write else 'đọc'} {resource_type}",
            )

    def with_purpose(self, purpose: str | None) -> Caller:
        if not purpose:
            return self
        return Caller(self.subject, self.role, self.facility, self.citizen, self.scopes, purpose)


def issue_token(
    settings: Settings,
    *,
    role: str,
    subject: str | None = None,
    facility: str | None = None,
    citizen: str | None = None,
    scopes: list[str] | None = None,
    ttl_seconds: int | None = None,
    purpose: str | None = None,
) -> str:
    """Sign a local HS256 token (development and service-to-service use)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.token_issuer,
        "sub": subject or f"{role}:{facility or citizen or uuid.uuid4().hex[:8]}",
        "iat": now,
        "exp": now + (ttl_seconds or settings.token_ttl_seconds),
        "role": role,
        "scope": " ".join(scopes or DEFAULT_SCOPES[role]),
    }
    if facility:
        claims["facility"] = facility
    if citizen:
        claims["cccd"] = citizen
    if purpose:
        claims["purpose"] = purpose
    return jwt.encode(claims, settings.secret_key, algorithm="HS256")


class TokenVerifier:
    """Checks bearer tokens: local HS256, or RS256 from the configured OIDC issuer's JWKS."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._jwks = jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True) if settings.oidc_jwks_url else None

    def caller(self, authorization: str | None) -> Caller:
        if not authorization or not authorization.lower().startswith("bearer "):
            raise Unauthenticated("A bearer token is required", "Cần mã truy cập (bearer token)")
        claims = self._decode(authorization[7:].strip())
        role = str(claims.get("role") or _role_from_claims(claims))
        if role not in ROLES:
            raise Forbidden(f"Unknown role {role!r}", f"Vai trò không hợp lệ: {role!r}")
        scope_text = claims.get("scope") or " ".join(DEFAULT_SCOPES[role])
        scopes = tuple(s for s in (Scope.parse(t) for t in str(scope_text).split()) if s)
        return Caller(
            subject=str(claims.get("sub", "")),
            role=role,
            facility=claims.get("facility"),
            citizen=claims.get("cccd"),
            scopes=scopes,
            purpose=claims.get("purpose"),
        )

    def _decode(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") == "HS256":
                return jwt.decode(
                    token,
                    self.settings.secret_key,
                    algorithms=["HS256"],
                    issuer=self.settings.token_issuer,
                    options={"require": ["exp", "sub"]},
                )
            if self._jwks is None:
                raise jwt.InvalidTokenError("no OIDC issuer configured for asymmetric tokens")
            key = self._jwks.get_signing_key_from_jwt(token)
            return jwt.decode(
                token,
                key.key,
                algorithms=["RS256", "ES256"],
                issuer=self.settings.oidc_issuer,
                audience=self.settings.oidc_audience,
                options={"require": ["exp", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"Invalid token: {exc}", f"Mã truy cập không hợp lệ: {exc}") from exc


def _role_from_claims(claims: dict[str, Any]) -> str:
    roles = claims.get("roles") or claims.get("realm_access", {}).get("roles") or []
    for role in ROLES:
        if role in roles:
            return role
    return ""
