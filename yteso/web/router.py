"""The web pages of the public-services system under ``/dich-vu-cong`` (routes: docs/web.md).

``install(app)`` (called once by :func:`yteso.app.create_app`) adds the pages, the two addresses the
services print (``/services/verify/{id}``, ``/services/dossiers/{code}``) and, outside production,
the development VNeID identity provider under ``/vneid`` (used when ``YTESO_VNEID_URL`` is unset).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse, Response

from yteso.core.errors import NotFound
from yteso.web import dashboard, dossiers, login, procedures, queue, verify
from yteso.web.render import static_file
from yteso.web.state import EMBEDDED_IDP_PATH, PREFIX, EmbeddedVneid, web_state_of


@asynccontextmanager
async def _lifespan(app: Any) -> AsyncIterator[None]:
    try:
        yield
    finally:
        state = getattr(app.state, "web", None)
        if state is not None:
            state.close()


router = APIRouter(include_in_schema=False, lifespan=_lifespan)
for _part in (login, procedures, dossiers, queue, dashboard, verify):
    router.include_router(_part.router)
router.include_router(verify.aliases)


@router.get(PREFIX)
async def home() -> Response:
    return RedirectResponse(f"{PREFIX}/", status_code=308)


@router.get(PREFIX + "/static/{name}")
async def static(name: str) -> Response:
    """The pages' one stylesheet (cached for a year: its URL carries its hash)."""
    found = static_file(name)
    if found is None or not name.endswith(".css"):
        raise NotFound("No such file", "Không có tệp này")
    return Response(
        found[0], media_type="text/css; charset=utf-8", headers={"Cache-Control": "public, max-age=31536000, immutable"}
    )


def install(app: FastAPI) -> None:
    """Add the pages to ``app``; outside production also the development VNeID at ``/vneid``."""
    app.include_router(router)
    if app.state.settings.environment != "production":
        app.mount(EMBEDDED_IDP_PATH, EmbeddedVneid(app))


__all__ = ["install", "router", "web_state_of"]
