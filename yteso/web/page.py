"""Plumbing of every page: the session and language of the request, CSRF-checked forms, rendering,
running the services as the logged-in user, and errors shown as pages (not JSON).

A page handler takes ``page: Page = Depends(page_of)``; routes are :class:`PageRoute`, so a domain
error becomes an error page in the visitor's language, and "not logged in" a redirect to the login.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData

from yteso.core.auth import DEFAULT_SCOPES, Caller, Scope
from yteso.core.errors import DomainError, Forbidden, Invalid
from yteso.core.request import audit_context, in_transaction
from yteso.core.timez import now_utc
from yteso.services import access
from yteso.services.context import Work
from yteso.web import i18n, session
from yteso.web.render import environment, percent
from yteso.web.session import User, WebSession
from yteso.web.state import PREFIX, WebState, web_state_of

T = TypeVar("T")
LOGIN_PATH = f"{PREFIX}/dang-nhap"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
MAX_FORM_FILES = 20
_LOCAL_PATH = re.compile(r"/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*")


class LoginRequired(Exception):
    """The page needs a logged-in user: the visitor is sent to the login page."""


class CsrfRefused(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            "The form's security token is missing or wrong", "Mã bảo vệ của biểu mẫu không đúng hoặc đã hết hạn"
        )


@dataclass
class Page:
    """One page request: who, in which language, with which session."""

    request: Request
    web: WebState
    session: WebSession
    lang: str
    lang_chosen: bool

    # --- who -------------------------------------------------------------------------------------

    @property
    def user(self) -> User | None:
        return self.session.user

    def caller(self) -> Caller:
        """The logged-in user as the platform's :class:`Caller` (the same the API builds from a token)."""
        user = self.session.user
        if user is None:
            raise LoginRequired
        scopes = tuple(s for s in (Scope.parse(x) for x in DEFAULT_SCOPES.get(user.role, ())) if s)
        return Caller(subject=user.subject, role=user.role, facility=user.unit, citizen=user.cccd, scopes=scopes)

    async def as_user(self, work: Callable[[Work], T]) -> T:
        """Run ``work`` as the logged-in user in one transaction (as the API's ``as_caller`` does)."""
        caller = self.caller()
        rt, ctx = self.web.runtime, audit_context(self.request, caller)
        return await in_transaction(
            self.request, lambda s: work(Work(s, rt, access.actor_of(s, caller, ctx), now_utc()))
        )

    # --- input -----------------------------------------------------------------------------------

    async def form(self) -> FormData:
        """The posted form, after checking its CSRF token against the session's."""
        form = await self.request.form(max_files=MAX_FORM_FILES)
        token = form.get("csrf")
        if not self.session.csrf_ok(token if isinstance(token, str) else None):
            raise CsrfRefused
        return form

    # --- output ----------------------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return i18n.translator(self.lang)(key, **values)

    def text(self, vi: str | None, en: str | None) -> str:
        """Domain text in the page language (Vietnamese when there is no English)."""
        return (en or vi or "") if self.lang == "en" else (vi or en or "")

    def flash(self, kind: str, key: str, **values: object) -> None:
        self.session.add_flash(kind, i18n.translator("vi")(key, **values), i18n.translator("en")(key, **values))

    def flash_error(self, exc: DomainError) -> None:
        self.session.add_flash("error", _with_issues(exc, "vi"), _with_issues(exc, "en"))

    def lang_url(self, lang: str) -> str:
        return self.with_query(lang=lang)

    def with_query(self, **changes: object) -> str:
        """This page's address with some query parameters replaced (paging, language)."""
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k not in changes]
        params += [(k, str(v)) for k, v in changes.items()]
        return f"{self.request.url.path}?{urlencode(params)}"

    def render(self, template: str, http_status: int = 200, **context: Any) -> Response:
        user = self.session.user
        base = {
            "page": self,
            "t": i18n.translator(self.lang),
            "lang": self.lang,
            "user": user,
            "csrf": self.session.csrf,
            "flashes": self.session.take_flash(),
            "prefix": PREFIX,
            "other_lang": "en" if self.lang == "vi" else "vi",
            "status_name": self.status_name,
            "action_name": self.action_name,
            "percent": lambda v: percent(v, self.lang),
        }
        html = environment().get_template(template).render(**base, **context)
        return self.finish(HTMLResponse(html, status_code=http_status))

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def error(self, exc: DomainError) -> Response:
        return self.render("error.html", http_status=exc.status, message=_with_issues(exc, self.lang), error=exc)

    def finish(self, response: Response) -> Response:
        """Write the session cookie when it changed, the language cookie when chosen, security headers."""
        if self.session.changed:
            ttl = max(0, self.session.expires - _now())
            response.set_cookie(
                session.COOKIE,
                session.encode(self.session, self.web.settings.secret_key),
                max_age=ttl,
                path="/",
                httponly=True,
                samesite="lax",
                secure=self.web.secure_cookies,
            )
        if self.lang_chosen:
            response.set_cookie(
                i18n.COOKIE, self.lang, max_age=365 * 86400, path="/", samesite="lax", secure=self.web.secure_cookies
            )
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def status_name(self, status: str) -> str:
        return i18n.status_name(status, self.lang)

    def action_name(self, action: str) -> str:
        return i18n.action_name(action, self.lang)


def _now() -> int:
    return int(time.time())


def _with_issues(exc: DomainError, lang: str) -> str:
    main = exc.message_en if lang == "en" else exc.message_vi
    details = [(i.message_en if lang == "en" else i.message_vi) for i in exc.issues]
    details = [d for d in details if d and d != main]
    return main + (": " + "; ".join(details) if details else "")


async def page_of(request: Request) -> Page:
    """The request's :class:`Page` (one per request)."""
    existing: Page | None = getattr(request.state, "web_page", None)
    if existing is not None:
        return existing
    web = web_state_of(request.app)
    sess = session.decode(request.cookies.get(session.COOKIE), web.settings.secret_key)
    if sess is None:
        sess = WebSession.fresh(web.web.session_ttl_seconds)
    query_lang = request.query_params.get("lang")
    lang = i18n.negotiate(query_lang, request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))
    page = Page(request, web, sess, lang, lang_chosen=query_lang in i18n.LANGS)
    request.state.web_page = page
    return page


def login_url(next_path: str | None = None) -> str:
    return LOGIN_PATH + (f"?next={quote(next_path, safe='')}" if next_path else "")


def safe_next(value: str | None) -> str:
    """A path of the pages to return to after login (never another site: no ``//host``, no backslash,
    no whitespace or control characters a browser would drop)."""
    if not value or not _LOCAL_PATH.fullmatch(value) or value.startswith("//"):
        return f"{PREFIX}/"
    return value


class PageRoute(APIRoute):
    """A page route: errors become pages in the visitor's language, "log in first" a redirect."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                page = await page_of(request)
                here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return page.redirect(login_url(here if request.method == "GET" else None))
            except DomainError as exc:
                return (await page_of(request)).error(exc)
            except RequestValidationError as exc:
                fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
                return (await page_of(request)).error(
                    Invalid(f"Invalid request: {fields}", f"Yêu cầu không hợp lệ: {fields}")
                )

        return run
