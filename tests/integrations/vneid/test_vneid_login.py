"""The development VNeID: citizen and business logins end to end, and the platform accepts the token."""

from __future__ import annotations

import httpx
import pytest

from tests.integrations.vneid.conftest import CLIENT_ID, REDIRECT_URI, browser_login
from yteso.core.auth import TokenVerifier
from yteso.core.errors import Unauthenticated
from yteso.integrations.vneid import DEV_PASSWORD, VneidClient, VneidRejected
from yteso.integrations.vneid.server import create_vneid_app
from yteso.settings import Settings
from yteso.testing.servers import run_app


def platform_settings(idp_url: str) -> Settings:
    return Settings(
        environment="test",
        secret_key="test-secret-" + "x" * 32,
        oidc_jwks_url=f"{idp_url}/jwks",
        oidc_issuer=idp_url,
        oidc_audience=CLIENT_ID,
    )


def test_discovery_and_jwks(idp_url):
    meta = httpx.get(f"{idp_url}/.well-known/openid-configuration").json()
    assert meta["issuer"] == idp_url and meta["token_endpoint"] == f"{idp_url}/token"
    assert meta["code_challenge_methods_supported"] == ["S256"]
    (key,) = httpx.get(meta["jwks_uri"]).json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig") and key["kid"]


def test_citizen_login_gives_tokens_the_platform_accepts(idp_url, accounts):
    person = accounts[0]
    with VneidClient(idp_url, CLIENT_ID, REDIRECT_URI) as rp:
        request = rp.authorization_request()
        answer = browser_login(idp_url, request.url, person.cccd, DEV_PASSWORD)
        assert answer["state"] == request.state
        tokens = rp.exchange_code(answer["code"], request.code_verifier, nonce=request.nonce)
        assert tokens.claims["sub"] == person.cccd and tokens.claims["cccd"] == person.cccd
        assert (tokens.claims["name"], tokens.claims["role"]) == (person.full_name, "citizen")
        assert tokens.claims["account_type"] == "citizen" and "enterprise_code" not in tokens.claims
        assert tokens.claims["nonce"] == request.nonce and tokens.claims["amr"] == ["pwd", "otp"]
        assert rp.userinfo(tokens.access_token)["cccd"] == person.cccd

    verifier = TokenVerifier(platform_settings(idp_url))
    caller = verifier.caller(f"Bearer {tokens.access_token}")
    assert (caller.role, caller.citizen, caller.subject) == ("citizen", person.cccd, person.cccd)
    assert any(s.context == "patient" for s in caller.scopes)  # the citizen role's default scopes
    assert verifier.caller(f"Bearer {tokens.id_token}").citizen == person.cccd


def test_business_login_carries_the_enterprise_code(idp_url, accounts):
    person = accounts[1]
    enterprise = person.enterprise_codes[0]
    with VneidClient(idp_url, CLIENT_ID, REDIRECT_URI) as rp:
        request = rp.authorization_request(business=True)
        page = httpx.get(request.url)
        assert "Mã số doanh nghiệp" in page.text and "người đại diện" in page.text
        answer = browser_login(idp_url, request.url, person.cccd, DEV_PASSWORD, enterprise_code=enterprise)
        tokens = rp.exchange_code(answer["code"], request.code_verifier, nonce=request.nonce)
    assert tokens.claims["enterprise_code"] == enterprise and tokens.claims["account_type"] == "business"
    assert tokens.claims["cccd"] == person.cccd and tokens.claims["role"] == "citizen"
    caller = TokenVerifier(platform_settings(idp_url)).caller(f"Bearer {tokens.access_token}")
    assert (caller.role, caller.citizen) == ("citizen", person.cccd)


def test_a_token_from_another_key_is_refused_by_the_platform(idp_url, accounts):
    with run_app(create_vneid_app(accounts)) as other_url, VneidClient(other_url, CLIENT_ID, REDIRECT_URI) as rp:
        request = rp.authorization_request()
        answer = browser_login(other_url, request.url, accounts[0].cccd, DEV_PASSWORD)
        tokens = rp.exchange_code(answer["code"], request.code_verifier, nonce=request.nonce)
    settings = platform_settings(idp_url)  # trusts the first provider's JWKS and issuer only
    with pytest.raises(Unauthenticated):
        TokenVerifier(settings).caller(f"Bearer {tokens.access_token}")


def test_codes_work_once_and_need_the_right_verifier(idp_url, accounts):
    with VneidClient(idp_url, CLIENT_ID, REDIRECT_URI) as rp:
        request = rp.authorization_request()
        answer = browser_login(idp_url, request.url, accounts[2].cccd, DEV_PASSWORD)
        with pytest.raises(VneidRejected) as info:
            rp.exchange_code(answer["code"], "a-wrong-verifier", nonce=request.nonce)
        assert info.value.rule == "invalid_grant" and "code_verifier" in info.value.remote_message
        with pytest.raises(VneidRejected) as info:  # the failed attempt spent the code
            rp.exchange_code(answer["code"], request.code_verifier, nonce=request.nonce)
        assert info.value.rule == "invalid_grant"

        request = rp.authorization_request()
        answer = browser_login(idp_url, request.url, accounts[2].cccd, DEV_PASSWORD)
        with pytest.raises(VneidRejected) as info:
            rp.exchange_code(answer["code"], request.code_verifier, nonce="another-nonce")
        assert info.value.rule == "id_token.invalid"
