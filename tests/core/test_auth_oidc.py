"""Production tokens: RS256 from an external OIDC issuer, verified against its JWKS over HTTP."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from yteso.core.auth import TokenVerifier
from yteso.core.errors import Unauthenticated
from yteso.settings import Settings
from yteso.testing.servers import run_app


@pytest.fixture(scope="module")
def issuer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "k1", "use": "sig", "alg": "RS256"})
    app = FastAPI()

    @app.get("/jwks")
    def jwks() -> dict:
        return {"keys": [jwk]}

    with run_app(app) as base:
        yield key, base


def _token(key, **claims):
    now = int(time.time())
    body = {"iss": "https://sso.example.vn", "aud": "yteso", "sub": "u1", "iat": now, "exp": now + 60, **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


def test_rs256_token_from_oidc_issuer_is_accepted(issuer):
    key, base = issuer
    settings = Settings(oidc_jwks_url=f"{base}/jwks", oidc_issuer="https://sso.example.vn", oidc_audience="yteso")
    caller = TokenVerifier(settings).caller("Bearer " + _token(key, role="citizen", cccd="001090000001"))
    assert caller.role == "citizen" and caller.citizen == "001090000001"
    assert any(s.context == "patient" for s in caller.scopes)


def test_rs256_token_with_wrong_issuer_or_key_is_refused(issuer):
    key, base = issuer
    settings = Settings(oidc_jwks_url=f"{base}/jwks", oidc_issuer="https://sso.example.vn", oidc_audience="yteso")
    verifier = TokenVerifier(settings)
    with pytest.raises(Unauthenticated):
        verifier.caller("Bearer " + _token(key, role="citizen", iss="https://evil.example"))
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(Unauthenticated):
        verifier.caller("Bearer " + _token(other, role="citizen"))


def test_expired_and_tampered_local_tokens_are_refused():
    from yteso.core.auth import issue_token

    settings = Settings(secret_key="s" * 40)
    verifier = TokenVerifier(settings)
    expired = issue_token(settings, role="admin", ttl_seconds=-10)
    with pytest.raises(Unauthenticated):
        verifier.caller(f"Bearer {expired}")
    good = issue_token(settings, role="citizen", citizen="001090000001")
    forged = jwt.encode({**jwt.decode(good, options={"verify_signature": False}), "role": "admin"}, "x" * 40)
    with pytest.raises(Unauthenticated):
        verifier.caller(f"Bearer {forged}")
    with pytest.raises(Unauthenticated):
        verifier.caller(None)
