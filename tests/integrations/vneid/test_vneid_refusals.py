"""The development VNeID refuses bad requests, wrong passwords, wrong one-time codes, strangers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from tests.integrations.vneid.conftest import CLIENT_ID, REDIRECT_URI, txn_of
from yteso.integrations.vneid import DEV_PASSWORD, VneidClient, generate_users, load_users, write_users
from yteso.integrations.vneid.provider import MAX_OTP_ATTEMPTS
from yteso.integrations.vneid.server import create_vneid_app
from yteso.testing.servers import free_port, run_app


def authorize_params(**overrides: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid",
        "state": "st-1",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v}


def test_unregistered_clients_get_an_error_page_not_a_redirect(idp_url):
    for params in (authorize_params(client_id="stranger"), authorize_params(redirect_uri="http://evil.test/cb")):
        page = httpx.get(f"{idp_url}/authorize", params=params)
        assert page.status_code == 400 and "không được đăng ký" in page.text


def test_missing_pkce_or_wrong_response_type_is_sent_back_to_the_client(idp_url):
    cases = [
        (authorize_params(code_challenge=""), "invalid_request"),
        (authorize_params(code_challenge_method="plain"), "invalid_request"),
        (authorize_params(response_type="token"), "unsupported_response_type"),
        (authorize_params(scope="profile"), "invalid_scope"),
    ]
    for params, error in cases:
        answer = httpx.get(f"{idp_url}/authorize", params=params)
        assert answer.status_code == 303
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        assert query["error"] == [error] and query["state"] == ["st-1"]


def test_wrong_password_unknown_person_and_foreign_enterprise_are_refused(idp_url, accounts):
    with httpx.Client() as browser:
        txn = txn_of(browser.get(f"{idp_url}/authorize", params=authorize_params()))
        for cccd, password in ((accounts[0].cccd, "sai-mat-khau"), ("001099000001", DEV_PASSWORD), ("123", "x")):
            page = browser.post(f"{idp_url}/authorize", data={"txn": txn, "cccd": cccd, "password": password})
            assert page.status_code == 401 and "không đúng" in page.text
        business = browser.get(f"{idp_url}/authorize", params=authorize_params(login_type="business"))
        other_enterprise = accounts[1].enterprise_codes[0]
        form = {
            "txn": txn_of(business),
            "cccd": accounts[0].cccd,
            "password": DEV_PASSWORD,
            "enterprise_code": other_enterprise,
        }
        page = browser.post(f"{idp_url}/authorize", data=form)
        assert page.status_code == 401 and "không được đại diện" in page.text
        form["enterprise_code"] = "0100109107"
        assert "kiểm tra" in browser.post(f"{idp_url}/authorize", data=form).text


def test_wrong_one_time_codes_end_the_login(idp_url, accounts):
    with httpx.Client() as browser:
        txn = txn_of(browser.get(f"{idp_url}/authorize", params=authorize_params()))
        form = {"txn": txn, "cccd": accounts[0].cccd, "password": DEV_PASSWORD}
        assert browser.post(f"{idp_url}/authorize", data=form).status_code == 200
        otp = browser.get(f"{idp_url}/_dev/otp", params={"cccd": accounts[0].cccd}).json()["otp"]
        wrong = "000000" if otp != "000000" else "111111"
        for attempt in range(1, MAX_OTP_ATTEMPTS):
            page = browser.post(f"{idp_url}/authorize/otp", data={"txn": txn, "otp": wrong})
            assert page.status_code == 401 and f"còn {MAX_OTP_ATTEMPTS - attempt} lần" in page.text
        page = browser.post(f"{idp_url}/authorize/otp", data={"txn": txn, "otp": wrong})
        assert page.status_code == 400 and "quá số lần" in page.text
        page = browser.post(f"{idp_url}/authorize/otp", data={"txn": txn, "otp": otp})
        assert page.status_code == 400  # the login is gone, even with the right code


def test_without_dev_endpoints_the_code_is_not_disclosed(accounts):
    with run_app(create_vneid_app(accounts, dev_endpoints=False)) as url, httpx.Client() as browser:
        txn = txn_of(browser.get(f"{url}/authorize", params=authorize_params()))
        page = browser.post(f"{url}/authorize", data={"txn": txn, "cccd": accounts[0].cccd, "password": DEV_PASSWORD})
        assert page.status_code == 200 and "dev-otp" not in page.text
        assert browser.get(f"{url}/_dev/otp", params={"txn": txn}).status_code == 404


def test_key_file_and_users_file_survive_a_restart(tmp_path, accounts):
    users_csv = tmp_path / "users.csv"
    assert write_users(users_csv, accounts) == len(accounts)
    assert load_users(users_csv) == accounts
    key_path = tmp_path / "vneid-key.pem"
    kids = []
    for _ in range(2):
        port = free_port()
        issuer = f"http://127.0.0.1:{port}"
        with run_app(create_vneid_app(users_csv, issuer, key_path=key_path), port=port) as url:
            kids.append(httpx.get(f"{url}/jwks").json()["keys"][0]["kid"])
            with VneidClient(issuer, "any-client", "http://localhost:9/cb") as rp:
                assert rp.metadata()["issuer"] == issuer
    assert kids[0] == kids[1] and key_path.stat().st_mode & 0o777 == 0o600


def test_generated_accounts_represent_their_enterprises():
    users = generate_users(10, seed=3)
    assert len(users) == 10 and len({u.cccd for u in users}) == 10
    assert all(u.enterprise_codes and u.password == DEV_PASSWORD for u in users)
