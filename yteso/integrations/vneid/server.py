"""Development identity provider that behaves like the national VNeID login (OpenID Connect).

``/.well-known/openid-configuration``, ``/jwks``, ``/authorize`` (password form, then a one-time
code page; citizens log in with CCCD, businesses with enterprise code + the responsible person's
CCCD), ``/token`` (authorisation code + PKCE → RS256 ``id_token`` and ``access_token``) and
``/userinfo``. With ``dev_endpoints`` the one-time code is shown on its page and readable at
``GET /_dev/otp``, for automated tests. Protocol: docs/integrations.md#vneid.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import jwt
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from yteso.integrations.vneid import pages
from yteso.integrations.vneid.keys import SigningKey
from yteso.integrations.vneid.provider import AuthError, AuthRequest, Provider
from yteso.integrations.vneid.users import VneidUser, load_users

NO_STORE = {"Cache-Control": "no-store"}


def create_vneid_app(
    users: str | Path | Iterable[VneidUser],
    issuer_url: str | None = None,
    *,
    key_path: str | Path | None = None,
    clients: dict[str, list[str]] | None = None,
    dev_endpoints: bool = True,
    token_ttl: int = 3600,
    code_ttl: float = 60.0,
    otp_ttl: float = 300.0,
) -> FastAPI:
    """The identity provider app.

    ``users``: a users CSV path or accounts. ``issuer_url``: the public base URL (the ``iss`` of the
    tokens); ``None`` takes it from each request. ``key_path``: a PEM RSA key, created there if
    missing (default: a new key per start). ``clients``: client id → allowed redirect URIs
    (``None`` accepts any client and any http(s) redirect URI). ``dev_endpoints``: show the OTP.
    """
    accounts = load_users(users) if isinstance(users, str | Path) else list(users)
    key = SigningKey.from_file(key_path) if key_path is not None else SigningKey.generate()
    provider = Provider(
        accounts, key, clients=clients, token_ttl=token_ttl, code_ttl=code_ttl, login_ttl=600.0, otp_ttl=otp_ttl
    )
    app = FastAPI(title="VNeID (development identity provider)", version="1")
    app.state.provider = provider

    def issuer(request: Request) -> str:
        return (issuer_url or str(request.base_url)).rstrip("/")

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status, headers=NO_STORE)

    @app.get("/.well-known/openid-configuration")
    async def discovery(request: Request) -> dict[str, Any]:
        base = issuer(request)
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none"],
            "scopes_supported": ["openid", "profile"],
            "claims_supported": ["sub", "cccd", "name", "role", "account_type", "enterprise_code", "nonce"],
        }

    @app.get("/jwks")
    async def jwks() -> dict[str, Any]:
        return {"keys": [key.public_jwk()]}

    @app.get("/authorize", response_class=HTMLResponse)
    async def authorize(request: Request) -> Response:
        params = dict(request.query_params)
        client_id, redirect_uri = params.get("client_id", ""), params.get("redirect_uri", "")
        if not provider.client_ok(client_id, redirect_uri):
            return html(pages.error_page("Ứng dụng hoặc địa chỉ chuyển hướng không được đăng ký."), 400)
        try:
            auth = provider.check_request(params)
        except AuthError as exc:
            answer = {"error": exc.error, "error_description": exc.description, "state": params.get("state")}
            return _redirect(redirect_uri, answer)
        login = provider.start(auth)
        base = issuer(request)
        return html(pages.login_page(f"{base}/authorize", login.txn, auth.business, _switch_url(base, auth)))

    @app.post("/authorize", response_class=HTMLResponse)
    async def password_step(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            login = provider.login(form.get("txn", ""))
        except AuthError as exc:
            return html(pages.error_page(exc.description), 400)
        try:
            provider.check_password(login, form.get("cccd", ""), form.get("password", ""), form.get("enterprise_code"))
        except AuthError as exc:
            base, auth = issuer(request), login.request
            page = pages.login_page(
                f"{base}/authorize", login.txn, auth.business, _switch_url(base, auth), exc.description
            )
            return html(page, 401)
        return html(
            pages.otp_page(f"{issuer(request)}/authorize/otp", login.txn, dev_code=login.otp if dev_endpoints else None)
        )

    @app.post("/authorize/otp", response_class=HTMLResponse)
    async def otp_step(request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            login = provider.login(form.get("txn", ""))
        except AuthError as exc:
            return html(pages.error_page(exc.description), 400)
        try:
            code = provider.check_otp(login, form.get("otp", ""))
        except AuthError as exc:
            if exc.error == "login_expired":
                return html(pages.error_page(exc.description), 400)
            dev_code = login.otp if dev_endpoints else None
            return html(pages.otp_page(f"{issuer(request)}/authorize/otp", login.txn, exc.description, dev_code), 401)
        return _redirect(login.request.redirect_uri, {"code": code, "state": login.request.state})

    @app.post("/token")
    async def token(request: Request) -> JSONResponse:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            return JSONResponse(provider.exchange(form, issuer(request)), headers=NO_STORE)
        except AuthError as exc:
            return JSONResponse({"error": exc.error, "error_description": exc.description}, 400, headers=NO_STORE)

    @app.get("/userinfo")
    async def userinfo(request: Request) -> JSONResponse:
        auth = request.headers.get("authorization", "")
        try:
            if not auth.lower().startswith("bearer "):
                raise jwt.InvalidTokenError("no bearer token")
            claims = provider.read_access_token(auth[7:].strip(), issuer(request))
        except jwt.PyJWTError:
            return JSONResponse({"error": "invalid_token"}, 401, headers={"WWW-Authenticate": "Bearer"})
        keep = ("sub", "cccd", "name", "role", "account_type", "enterprise_code")
        return JSONResponse({k: claims[k] for k in keep if k in claims})

    if dev_endpoints:

        @app.get("/_dev/otp")
        async def dev_otp(txn: str | None = None, cccd: str | None = None) -> JSONResponse:
            """The one-time code of a login (by ``txn``) or the latest one sent to ``cccd``."""
            login = provider.logins.get(txn or "")
            otp = login.otp if login is not None else provider.latest_otp.get(cccd or "")
            if otp is None:
                return JSONResponse({"error": "no one-time code pending"}, 404)
            return JSONResponse({"otp": otp})

    return app


def _redirect(uri: str, params: dict[str, str | None]) -> RedirectResponse:
    """303 to the client's redirect URI with ``params`` added to its query."""
    query = {k: v for k, v in params.items() if v is not None}
    return RedirectResponse(str(httpx.URL(uri).copy_merge_params(query)), 303)


def _switch_url(base: str, auth: AuthRequest) -> str:
    """The same authorisation request with the other login type (citizen ↔ business)."""
    params = {
        "response_type": "code",
        "client_id": auth.client_id,
        "redirect_uri": auth.redirect_uri,
        "scope": auth.scope,
        "state": auth.state,
        "nonce": auth.nonce,
        "code_challenge": auth.code_challenge,
        "code_challenge_method": "S256",
        "login_type": None if auth.business else "business",
    }
    return str(httpx.URL(f"{base}/authorize", params={k: v for k, v in params.items() if v is not None}))
