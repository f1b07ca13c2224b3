"""The rules of the development VNeID: authorisation requests, password + OTP login, codes, tokens.

Standard OpenID Connect authorisation-code flow with PKCE (S256 required, public clients). Login
transactions, one-time codes and authorisation codes live in memory and expire; an
authorisation code works once. See docs/integrations.md#vneid.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jwt

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.integrations.business_registry.codes import validate_enterprise_code
from yteso.integrations.vneid.keys import SigningKey
from yteso.integrations.vneid.users import VneidUser

log = logging.getLogger(__name__)

MAX_OTP_ATTEMPTS = 5


class AuthError(Exception):
    """An OAuth error: ``error`` code (``invalid_request``, ``invalid_grant``…) and a description."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True)
class AuthRequest:
    """A checked ``/authorize`` request."""

    client_id: str
    redirect_uri: str
    state: str | None
    nonce: str | None
    code_challenge: str
    scope: str
    business: bool


@dataclass
class Login:
    """One login in progress: password step done when ``user`` is set, then the OTP step."""

    txn: str
    request: AuthRequest
    expires: float
    user: VneidUser | None = None
    enterprise_code: str | None = None
    otp: str | None = None
    otp_expires: float = 0.0
    attempts: int = 0


@dataclass(frozen=True)
class Grant:
    """What an authorisation code stands for."""

    request: AuthRequest
    user: VneidUser
    enterprise_code: str | None
    auth_time: int
    expires: float


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a code verifier."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class Provider:
    """State and rules of the identity provider (one per app)."""

    def __init__(
        self,
        users: Iterable[VneidUser],
        key: SigningKey,
        *,
        clients: dict[str, list[str]] | None,
        token_ttl: int,
        code_ttl: float,
        login_ttl: float,
        otp_ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.users = {u.cccd: u for u in users}
        self.key = key
        self.clients = clients
        self.token_ttl = token_ttl
        self.code_ttl = code_ttl
        self.login_ttl = login_ttl
        self.otp_ttl = otp_ttl
        self.clock = clock
        self.logins: dict[str, Login] = {}
        self.grants: dict[str, Grant] = {}
        self.latest_otp: dict[str, str] = {}

    # --- /authorize -----------------------------------------------------------------------------

    def client_ok(self, client_id: str, redirect_uri: str) -> bool:
        """May we send this client's answers to ``redirect_uri``? (Checked before any redirect.)"""
        if not client_id or not redirect_uri.startswith(("http://", "https://")):
            return False
        return self.clients is None or redirect_uri in self.clients.get(client_id, [])

    def check_request(self, params: dict[str, str]) -> AuthRequest:
        """The request's OIDC/PKCE parameters, or :class:`AuthError` (sent back to the client)."""
        if params.get("response_type") != "code":
            raise AuthError("unsupported_response_type", "only response_type=code is supported")
        scope = params.get("scope", "openid")
        if "openid" not in scope.split():
            raise AuthError("invalid_scope", "scope must include openid")
        challenge, method = params.get("code_challenge", ""), params.get("code_challenge_method", "")
        if not challenge or method != "S256":
            raise AuthError("invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256")
        return AuthRequest(
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            state=params.get("state"),
            nonce=params.get("nonce"),
            code_challenge=challenge,
            scope=scope,
            business=params.get("login_type") == "business",
        )

    def start(self, request: AuthRequest) -> Login:
        self._forget_expired()
        login = Login(secrets.token_urlsafe(16), request, self.clock() + self.login_ttl)
        self.logins[login.txn] = login
        return login

    def login(self, txn: str) -> Login:
        login = self.logins.get(txn)
        if login is None or login.expires < self.clock():
            raise AuthError("login_expired", "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.")
        return login

    def check_password(self, login: Login, cccd: str, password: str, enterprise_code: str | None) -> None:
        """The password step; raises :class:`AuthError` with a Vietnamese description."""
        wrong = AuthError("access_denied", "Số định danh cá nhân hoặc mật khẩu không đúng.")
        try:
            cccd = validate_cccd(cccd).value
        except IdentifierError as exc:
            raise wrong from exc
        user = self.users.get(cccd)
        if user is None or not secrets.compare_digest(user.password.encode(), password.encode()):
            raise wrong
        if login.request.business:
            try:
                code = validate_enterprise_code(enterprise_code or "")
            except IdentifierError as exc:
                raise AuthError("access_denied", exc.message_vi) from exc
            if code not in user.enterprise_codes:
                raise AuthError("access_denied", "Tài khoản này không được đại diện cho doanh nghiệp đã nhập.")
            login.enterprise_code = code
        login.user = user
        login.otp = f"{secrets.randbelow(10**6):06d}"
        login.otp_expires = self.clock() + self.otp_ttl
        self.latest_otp[user.cccd] = login.otp
        log.info("vneid_otp_sent", extra={"txn": login.txn})

    def check_otp(self, login: Login, otp: str) -> str:
        """The OTP step; returns a fresh authorisation code, or raises :class:`AuthError`."""
        if login.user is None or login.otp is None:
            raise AuthError("login_expired", "Vui lòng nhập mật khẩu trước.")
        if login.otp_expires < self.clock():
            raise AuthError("login_expired", "Mã OTP đã hết hạn; vui lòng đăng nhập lại.")
        if not secrets.compare_digest(login.otp.encode(), otp.strip().encode()):
            login.attempts += 1
            if login.attempts >= MAX_OTP_ATTEMPTS:
                del self.logins[login.txn]
                raise AuthError("login_expired", "Nhập sai mã OTP quá số lần cho phép; vui lòng đăng nhập lại.")
            raise AuthError("access_denied", f"Mã OTP không đúng (còn {MAX_OTP_ATTEMPTS - login.attempts} lần thử).")
        del self.logins[login.txn]
        code = secrets.token_urlsafe(32)
        self.grants[code] = Grant(
            login.request, login.user, login.enterprise_code, int(time.time()), self.clock() + self.code_ttl
        )
        log.info("vneid_login", extra={"client_id": login.request.client_id, "business": login.request.business})
        return code

    # --- /token ---------------------------------------------------------------------------------

    def exchange(self, form: dict[str, str], issuer: str) -> dict[str, Any]:
        """Authorisation code + PKCE verifier → tokens; the code is spent whatever the outcome."""
        if form.get("grant_type") != "authorization_code":
            raise AuthError("unsupported_grant_type", "only grant_type=authorization_code is supported")
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or grant.expires < self.clock():
            raise AuthError("invalid_grant", "unknown, used or expired authorization code")
        req = grant.request
        if form.get("client_id") != req.client_id or form.get("redirect_uri") != req.redirect_uri:
            raise AuthError("invalid_grant", "client_id or redirect_uri differs from the authorization request")
        if not secrets.compare_digest(s256(form.get("code_verifier", "")), req.code_challenge):
            raise AuthError("invalid_grant", "code_verifier does not match code_challenge")
        return self.tokens(grant, issuer)

    def tokens(self, grant: Grant, issuer: str) -> dict[str, Any]:
        now = int(time.time())
        person = self.person_claims(grant.user, grant.enterprise_code)
        common = {"iss": issuer, "aud": grant.request.client_id, "iat": now, "exp": now + self.token_ttl}
        id_claims = {**common, **person, "auth_time": grant.auth_time, "amr": ["pwd", "otp"]}
        if grant.request.nonce:
            id_claims["nonce"] = grant.request.nonce
        access_claims = {**common, **person, "client_id": grant.request.client_id, "jti": uuid.uuid4().hex}
        return {
            "access_token": self.sign(access_claims),
            "id_token": self.sign(id_claims),
            "token_type": "Bearer",
            "expires_in": self.token_ttl,
            "scope": grant.request.scope,
        }

    @staticmethod
    def person_claims(user: VneidUser, enterprise_code: str | None) -> dict[str, Any]:
        """``sub`` (the CCCD), ``cccd``, ``name``, ``role`` (``citizen``), ``account_type`` and, for a
        business login, ``enterprise_code`` (the person acts for that enterprise)."""
        claims: dict[str, Any] = {"sub": user.cccd, "cccd": user.cccd, "name": user.full_name, "role": "citizen"}
        claims["account_type"] = "business" if enterprise_code else "citizen"
        if enterprise_code:
            claims["enterprise_code"] = enterprise_code
        return claims

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.key.private_key, algorithm="RS256", headers={"kid": self.key.kid})

    def read_access_token(self, token: str, issuer: str) -> dict[str, Any]:
        """The claims of an access token this provider issued; ``jwt.PyJWTError`` otherwise."""
        public = self.key.private_key.public_key()
        claims: dict[str, Any] = jwt.decode(
            token, public, algorithms=["RS256"], issuer=issuer, options={"verify_aud": False, "require": ["jti"]}
        )
        return claims

    def _forget_expired(self) -> None:
        now = self.clock()
        for txn in [t for t, login in self.logins.items() if login.expires < now]:
            del self.logins[txn]
        for code in [c for c, g in self.grants.items() if g.expires < now]:
            del self.grants[code]
