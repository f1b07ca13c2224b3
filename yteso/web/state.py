"""What the pages need for the app's lifetime: settings, the services' runtime, the templates, the
VNeID client, and the embedded development identity provider (``/vneid``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from yteso.services.context import Runtime
from yteso.services.routing import runtime_of_app
from yteso.settings import Settings
from yteso.web.settings import WebSettings

PREFIX = "/dich-vu-cong"
CALLBACK_PATH = f"{PREFIX}/dang-nhap/vneid/callback"
EMBEDDED_IDP_PATH = "/vneid"


@dataclass
class WebState:
    """Long-lived collaborators of the pages (one per app)."""

    settings: Settings
    web: WebSettings
    runtime: Runtime
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _vneid: Any = None

    @property
    def production(self) -> bool:
        return self.settings.environment == "production"

    @cached_property
    def base_url(self) -> str:
        return (self.web.base_url or self.runtime.config.public_base_url).rstrip("/")

    @property
    def embedded_idp(self) -> bool:
        """The development VNeID runs inside the platform: no VNeID URL, and not in production."""
        return not self.web.vneid_url and not self.production

    @property
    def vneid_issuer(self) -> str | None:
        if self.web.vneid_url:
            return self.web.vneid_url.rstrip("/")
        return self.base_url + EMBEDDED_IDP_PATH if self.embedded_idp else None

    @property
    def redirect_uri(self) -> str:
        return self.base_url + CALLBACK_PATH

    @property
    def dev_login(self) -> bool:
        """The development login form: enabled by setting, never in production."""
        return self.web.dev_login and not self.production

    @property
    def secure_cookies(self) -> bool:
        if self.web.secure_cookies is not None:
            return self.web.secure_cookies
        return self.production or self.base_url.startswith("https://")

    def vneid(self) -> Any | None:
        """The VNeID relying-party client (built once), or None when no VNeID is configured."""
        issuer = self.vneid_issuer
        if issuer is None:
            return None
        with self._lock:
            if self._vneid is None:
                from yteso.integrations.vneid import VneidClient

                self._vneid = VneidClient(issuer, self.web.vneid_client_id, self.redirect_uri, retries=1)
            return self._vneid

    def close(self) -> None:
        with self._lock:
            if self._vneid is not None:
                self._vneid.close()
                self._vneid = None


def web_state_of(app: Any) -> WebState:
    """The pages' state of this app (settings from ``app.state.web_settings`` or the environment)."""
    state: WebState | None = getattr(app.state, "web", None)
    if state is None:
        web = getattr(app.state, "web_settings", None) or WebSettings()
        state = WebState(app.state.settings, web, runtime_of_app(app))
        app.state.web = state
    return state


class EmbeddedVneid:
    """ASGI app mounted at ``/vneid`` outside production: the development identity provider, built on
    its first request (so settings given after ``create_app`` apply); 404 when an external VNeID is set."""

    def __init__(self, parent: Any) -> None:
        self.parent = parent
        self._app: ASGIApp | None = None
        self._lock = threading.Lock()

    def _build(self, state: WebState) -> ASGIApp:
        from yteso.integrations.vneid.server import create_vneid_app
        from yteso.integrations.vneid.users import generate_users

        users: Any = state.web.vneid_users or generate_users(20, seed=0)
        return create_vneid_app(users, state.vneid_issuer, clients={state.web.vneid_client_id: [state.redirect_uri]})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        state = web_state_of(self.parent)
        if not state.embedded_idp:
            await _not_found(send)
            return
        with self._lock:
            if self._app is None:
                self._app = self._build(state)
        await self._app(scope, receive, send)


async def _not_found(send: Send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not found"})
