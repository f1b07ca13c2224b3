"""Relying-party client of VNeID (or of any standard OIDC provider, such as the development one).

Builds the authorisation URL (state, nonce, PKCE S256), exchanges the returned code for tokens
and verifies the ``id_token`` (signature from the JWKS, issuer, audience, expiry, nonce). The
provider's metadata and keys are fetched once and kept; an unknown ``kid`` refetches the keys.
VNeID's own deviations (encrypted answers, no ID token, userinfo claims) belong in an adapter
with this same surface.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx
import jwt

from yteso.integrations.common.resilient import ResilientHttp, ServiceUnavailable
from yteso.integrations.vneid.errors import VneidRejected, VneidUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """Send the browser to ``url``; keep ``state``, ``nonce`` and ``code_verifier`` in the session."""

    url: str
    state: str
    nonce: str
    code_verifier: str


@dataclass(frozen=True, slots=True)
class TokenSet:
    """The tokens of a completed login; ``claims`` are the verified ``id_token`` claims."""

    access_token: str
    id_token: str
    expires_in: int
    claims: dict[str, Any]


def pkce_challenge(verifier: str) -> str:
    """S256 code challenge of a PKCE verifier."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class VneidClient:
    """One registered application (``client_id`` + ``redirect_uri``) of the identity provider."""

    def __init__(
        self,
        issuer_url: str,
        client_id: str,
        redirect_uri: str,
        *,
        http: httpx.Client | None = None,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.2,
        breaker_threshold: int = 5,
        breaker_reset: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        leeway: float = 30.0,
    ) -> None:
        self.issuer = issuer_url.rstrip("/")
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self.leeway = leeway
        self._remote = ResilientHttp(
            self.issuer,
            name="vneid",
            http=http,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            breaker_threshold=breaker_threshold,
            breaker_reset=breaker_reset,
            clock=clock,
            sleep=sleep,
        )
        self.breaker = self._remote.breaker
        self._metadata: dict[str, Any] | None = None
        self._keys: jwt.PyJWKSet | None = None

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (fetched once); its ``issuer`` must be ours."""
        if self._metadata is None:
            data = self._json(self._get("/.well-known/openid-configuration"))
            if data.get("issuer") != self.issuer:
                raise VneidRejected(200, f"issuer mismatch: {data.get('issuer')!r} != {self.issuer!r}")
            self._metadata = data
        return self._metadata

    def authorization_request(self, *, business: bool = False, scope: str = "openid profile") -> AuthorizationRequest:
        """A fresh authorisation URL; ``business`` opens the enterprise login."""
        state, nonce, verifier = secrets.token_urlsafe(16), secrets.token_urlsafe(16), secrets.token_urlsafe(48)
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": pkce_challenge(verifier),
            "code_challenge_method": "S256",
        }
        if business:
            params["login_type"] = "business"
        url = httpx.URL(self.metadata()["authorization_endpoint"], params=params)
        return AuthorizationRequest(str(url), state, nonce, verifier)

    def exchange_code(self, code: str, code_verifier: str, *, nonce: str | None) -> TokenSet:
        """Trade the authorisation code for tokens and verify the ``id_token`` (with ``nonce``)."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "client_id": self.client_id,
            "code_verifier": code_verifier,
        }
        response = self._send("POST", self.metadata()["token_endpoint"], data=form)
        data = self._json(response, allow_error=True)
        if response.status_code != 200:
            error = str(data.get("error", "error"))
            raise VneidRejected(response.status_code, str(data.get("error_description", error)), rule=error)
        try:
            access, id_token, expires = str(data["access_token"]), str(data["id_token"]), int(data["expires_in"])
        except (KeyError, TypeError, ValueError) as exc:
            raise VneidRejected(200, f"unreadable token answer: {exc}") from exc
        return TokenSet(access, id_token, expires, self.verify_id_token(id_token, nonce=nonce))

    def verify_id_token(self, id_token: str, *, nonce: str | None) -> dict[str, Any]:
        """Verified claims, or :class:`VneidRejected` (rule ``id_token.invalid``)."""
        try:
            kid = jwt.get_unverified_header(id_token).get("kid")
            claims: dict[str, Any] = jwt.decode(
                id_token,
                self._signing_key(str(kid)),
                algorithms=["RS256"],
                audience=self.client_id,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise VneidRejected(200, f"invalid id_token: {exc}", rule="id_token.invalid") from exc
        if nonce is not None and claims.get("nonce") != nonce:
            raise VneidRejected(200, "invalid id_token: nonce mismatch", rule="id_token.invalid")
        return claims

    def userinfo(self, access_token: str) -> dict[str, Any]:
        """The person's claims from the userinfo endpoint."""
        endpoint = self.metadata()["userinfo_endpoint"]
        response = self._send("GET", endpoint, headers={"Authorization": f"Bearer {access_token}"})
        if response.status_code != 200:
            raise VneidRejected(response.status_code, response.text[:300], rule="invalid_token")
        return self._json(response)

    def close(self) -> None:
        self._remote.close()

    def __enter__(self) -> VneidClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------------

    def _signing_key(self, kid: str) -> Any:
        for refresh in (False, True):
            if self._keys is None or refresh:
                self._keys = jwt.PyJWKSet.from_dict(self._json(self._get(self.metadata()["jwks_uri"])))
            for key in self._keys.keys:
                if key.key_id == kid:
                    return key.key
        raise jwt.InvalidKeyError(f"no key {kid!r} in the provider's JWKS")

    def _get(self, url: str) -> httpx.Response:
        return self._send("GET", url)

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._remote.request(method, url, **kwargs)
        except ServiceUnavailable as exc:
            log.warning("vneid_unavailable", extra={"reason": exc.reason, "detail": exc.detail})
            raise VneidUnavailable(exc.reason, exc.detail) from exc

    @staticmethod
    def _json(response: httpx.Response, *, allow_error: bool = False) -> dict[str, Any]:
        if response.status_code != 200 and not allow_error:
            raise VneidRejected(response.status_code, response.text[:300])
        try:
            data = response.json()
        except ValueError as exc:
            raise VneidRejected(response.status_code, "answer is not JSON") from exc
        if not isinstance(data, dict):
            raise VneidRejected(response.status_code, "answer is not a JSON object")
        return data
