"""The browser session: a signed cookie (HMAC-SHA256 with a key derived from ``YTESO_SECRET_KEY``).

It holds the CSRF token of the forms, the logged-in user (after VNeID or the development login),
the OpenID Connect state of a login in progress, and one-shot messages. It is ``HttpOnly`` and
``SameSite=Lax``; a tampered or expired cookie is ignored (the visitor is anonymous again).
Nothing secret is in it: the user's claims are readable by whoever holds the cookie, not writable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

COOKIE = "yteso_session"
_LABEL = b"yteso-web-session-v1"


@dataclass
class User:
    """Who is logged in: the platform subject and role, and for a citizen the CCCD (and enterprise)."""

    subject: str
    role: str
    name: str
    cccd: str | None = None
    unit: str | None = None
    enterprise: str | None = None
    via: str = "vneid"

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class WebSession:
    """The session's content; ``changed`` says whether the cookie must be written again."""

    csrf: str
    expires: int
    user: User | None = None
    oidc: dict[str, str] | None = None
    flash: list[dict[str, str]] = field(default_factory=list)
    changed: bool = False

    @classmethod
    def fresh(cls, ttl: int) -> WebSession:
        return cls(csrf=secrets.token_urlsafe(24), expires=int(time.time()) + ttl, changed=True)

    def login(self, user: User, ttl: int) -> None:
        """A new login: new CSRF token (no fixation of a token seen before login), new lifetime."""
        self.user, self.oidc = user, None
        self.csrf = secrets.token_urlsafe(24)
        self.expires = int(time.time()) + ttl
        self.changed = True

    def logout(self) -> None:
        self.user, self.oidc = None, None
        self.csrf = secrets.token_urlsafe(24)
        self.changed = True

    def add_flash(self, kind: str, vi: str, en: str) -> None:
        self.flash.append({"kind": kind, "vi": vi, "en": en})
        self.changed = True

    def take_flash(self) -> list[dict[str, str]]:
        out, self.flash = self.flash, []
        if out:
            self.changed = True
        return out

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token).encode(), self.csrf.encode())


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), _LABEL, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(session: WebSession, secret: str) -> str:
    data = {
        "c": session.csrf,
        "e": session.expires,
        "u": session.user.as_json() if session.user else None,
        "o": session.oidc,
        "f": session.flash,
    }
    payload = _b64(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())
    signature = _b64(hmac.new(_key(secret), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{signature}"


def decode(value: str | None, secret: str) -> WebSession | None:
    """The session in a cookie value, or None if absent, tampered with, malformed or expired."""
    if not value or value.count(".") != 1:
        return None
    payload, signature = value.split(".")
    expected = _b64(hmac.new(_key(secret), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    try:
        data = json.loads(_unb64(payload))
        if int(data["e"]) < time.time():
            return None
        user = User(**data["u"]) if data.get("u") else None
        return WebSession(
            csrf=str(data["c"]), expires=int(data["e"]), user=user, oidc=data.get("o"), flash=list(data.get("f") or [])
        )
    except (ValueError, KeyError, TypeError):
        return None
