"""A running development VNeID with synthetic accounts, and a scripted browser for its pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from yteso.integrations.vneid import VneidUser, generate_users
from yteso.integrations.vneid.server import create_vneid_app
from yteso.testing.servers import run_app

CLIENT_ID = "yteso-web"
REDIRECT_URI = "http://127.0.0.1:8000/auth/callback"


@pytest.fixture(scope="module")
def accounts() -> list[VneidUser]:
    return generate_users(5, seed=3)


@pytest.fixture(scope="module")
def idp_url(accounts) -> Iterator[str]:
    with run_app(create_vneid_app(accounts, clients={CLIENT_ID: [REDIRECT_URI]})) as url:
        yield url


def txn_of(page: httpx.Response) -> str:
    match = re.search(r'name="txn" value="([^"]+)"', page.text)
    assert match, page.text
    return match.group(1)


def browser_login(
    idp_url: str, auth_url: str, cccd: str, password: str, enterprise_code: str | None = None
) -> dict[str, str]:
    """Fill the login and one-time-code pages as a person would; returns the redirect's query."""
    with httpx.Client() as browser:
        page = browser.get(auth_url)
        assert page.status_code == 200 and "Đăng nhập" in page.text
        txn = txn_of(page)
        form = {"txn": txn, "cccd": cccd, "password": password}
        if enterprise_code is not None:
            form["enterprise_code"] = enterprise_code
        otp_page = browser.post(f"{idp_url}/authorize", data=form)
        assert otp_page.status_code == 200, otp_page.text
        otp = browser.get(f"{idp_url}/_dev/otp", params={"txn": txn}).json()["otp"]
        assert f'id="dev-otp">{otp}<' in otp_page.text
        done = browser.post(f"{idp_url}/authorize/otp", data={"txn": txn, "otp": otp})
    assert done.status_code == 303, done.text
    location = done.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
