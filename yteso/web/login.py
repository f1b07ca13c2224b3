"""Logging in and out of the pages.

- Citizens and organisations: "Đăng nhập bằng VNeID", the OpenID Connect authorisation-code flow
  with PKCE against VNeID (``YTESO_VNEID_URL``; outside production without it, the development
  identity provider served under ``/vneid``). The verified ``id_token`` becomes the session's user.
- Officers, managers and admins in development: a login form (role, account id, unit, positions)
  that is refused in production (``YTESO_ENVIRONMENT=production``) and hidden when
  ``YTESO_WEB_DEV_LOGIN=false``. Production staff log in through the ministry's staff SSO (docs/web.md).
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from yteso.core.errors import DomainError, NotFound
from yteso.core.ids import IdentifierError, validate_cccd
from yteso.core.request import in_transaction
from yteso.services import staff
from yteso.services.access import business_subject
from yteso.services.context import Unavailable
from yteso.services.states import POSITIONS
from yteso.web.page import LOGIN_PATH, Page, PageRoute, page_of, safe_next
from yteso.web.session import User
from yteso.web.state import EMBEDDED_IDP_PATH, PREFIX

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
DEV_ROLES = ("officer", "analyst", "admin")
_SUBJECT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:._@-]{2,63}$")
_UNIT = re.compile(r"^[A-Z0-9][A-Z0-9.-]{0,15}$")


@router.get("/dang-nhap")
async def login_page(next: str | None = None, page: Page = Depends(page_of)) -> Response:
    """The login page: the VNeID buttons, and the staff form in development."""
    return page.render(
        "login.html",
        next=safe_next(next),
        vneid=page.web.vneid_issuer is not None,
        dev_login=page.web.dev_login,
        embedded_url=page.web.base_url + EMBEDDED_IDP_PATH if page.web.embedded_idp else None,
        roles=DEV_ROLES,
        positions=POSITIONS,
    )


@router.get("/dang-nhap/vneid")
async def vneid_start(business: bool = False, next: str | None = None, page: Page = Depends(page_of)) -> Response:
    """Send the browser to VNeID with a fresh state, nonce and PKCE verifier kept in the session."""
    client = page.web.vneid()
    if client is None:
        raise Unavailable("VNeID login is not configured", "Chưa cấu hình đăng nhập VNeID")
    auth = await run_in_threadpool(client.authorization_request, business=business)
    page.session.oidc = {
        "state": auth.state,
        "nonce": auth.nonce,
        "verifier": auth.code_verifier,
        "next": safe_next(next),
    }
    page.session.changed = True
    return page.redirect(auth.url)


@router.get("/dang-nhap/vneid/callback")
async def vneid_callback(
    code: str | None = None,
    state: str | None = None,
    error: str | None = None,
    error_description: str | None = None,
    page: Page = Depends(page_of),
) -> Response:
    """VNeID sends the browser back here: check the state, trade the code, verify the ID token, log in."""
    pending = page.session.oidc
    if not pending or not state or not hmac.compare_digest(state.encode(), pending["state"].encode()):
        page.flash("error", "login.expired")
        return page.redirect(LOGIN_PATH)
    page.session.oidc = None
    page.session.changed = True
    client = page.web.vneid()
    if error or not code or client is None:
        page.flash("error", "login.failed", why=error_description or error or "-")
        return page.redirect(LOGIN_PATH)
    try:
        tokens = await run_in_threadpool(client.exchange_code, code, pending["verifier"], nonce=pending["nonce"])
        user = user_from_claims(tokens.claims)
    except DomainError as exc:
        page.flash("error", "login.failed", why=exc.message_en if page.lang == "en" else exc.message_vi)
        return page.redirect(LOGIN_PATH)
    page.session.login(user, page.web.web.session_ttl_seconds)
    page.flash("ok", "login.done", name=user.name)
    return page.redirect(pending["next"])


def user_from_claims(claims: dict[str, Any]) -> User:
    """The session user of a verified VNeID ``id_token``: a citizen, or a citizen acting for the
    enterprise VNeID names (an organisation's account is its legal representative's)."""
    try:
        cccd = validate_cccd(str(claims.get("cccd") or claims.get("sub") or "")).value
    except IdentifierError as exc:
        raise DomainError("VNeID sent no valid citizen ID", "VNeID không trả về số định danh hợp lệ") from exc
    name = str(claims.get("name") or cccd)
    enterprise = claims.get("enterprise_code")
    if enterprise:
        return User(business_subject(str(enterprise), cccd), "citizen", name, cccd=cccd, enterprise=str(enterprise))
    return User(f"vneid:{cccd}", "citizen", name, cccd=cccd)


@router.post("/dang-nhap/dev")
async def dev_login(page: Page = Depends(page_of)) -> Response:
    """Development login of staff; officers' positions are declared in the staff list as an admin would."""
    if not page.web.dev_login:
        raise NotFound("No such page", "Không có trang này")
    form = await page.form()
    role, subject = str(form.get("role") or ""), str(form.get("subject") or "").strip()
    name = str(form.get("name") or "").strip() or subject
    unit = str(form.get("unit") or "").strip().upper() or None
    positions = [str(p) for p in form.getlist("positions") if str(p) in POSITIONS]
    if (
        role not in DEV_ROLES
        or not _SUBJECT.match(subject)
        or (unit and not _UNIT.match(unit))
        or (role == "officer" and not unit)
    ):
        raise DomainError(
            "Choose a role, an account id (3-64 letters, digits, :._@-) and, for an officer, a unit",
            "Hãy chọn vai trò, mã tài khoản (3-64 ký tự) và, với cán bộ, mã đơn vị",
        )
    if role == "officer" and positions and unit:
        await in_transaction(page.request, lambda s: staff.put_staff(s, subject, unit, positions, name))
    page.session.login(
        User(subject, role, name[:100], unit=unit if role == "officer" else None, via="dev"),
        page.web.web.session_ttl_seconds,
    )
    page.flash("ok", "login.done", name=name)
    target = safe_next(str(form.get("next") or ""))
    if target == f"{PREFIX}/":  # no page asked for: the officer's queue, the manager's dashboard
        target = f"{PREFIX}/can-bo/hang-doi" if role == "officer" else f"{PREFIX}/bao-cao"
    return page.redirect(target)


@router.post("/dang-xuat")
async def logout(page: Page = Depends(page_of)) -> Response:
    await page.form()
    page.session.logout()
    page.flash("ok", "login.logged_out")
    return page.redirect(f"{PREFIX}/")
