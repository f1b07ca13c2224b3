"""The web application: ``create_app(settings)`` wires routers, error handlers and the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from yteso import __version__
from yteso.core.auth import TokenVerifier
from yteso.core.db import make_engine, session_factory
from yteso.core.http import JsonResponse, install_error_handlers
from yteso.core.serving import tune_gc
from yteso.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; nothing happens at import time."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, schema=settings.database_schema)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from yteso.gateway import runtime as gateway_runtime

        app.state.gateway_queue = gateway_runtime.start(app.state.sessions, settings)
        tune_gc()
        try:
            yield
        finally:
            app.state.gateway_queue.close()
            engine.dispose()

    app = FastAPI(
        title="yteso",
        version=__version__,
        default_response_class=JsonResponse,
        lifespan=lifespan,
        description="Nền tảng y tế số — FHIR R4 health-record store and national health systems",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.verifier = TokenVerifier(settings)
    install_error_handlers(app)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> JsonResponse:
        """200 when the database answers, 503 otherwise."""
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # any database failure means "not healthy"
            return JsonResponse({"status": "unavailable", "error": str(exc)[:200]}, status_code=503)
        return JsonResponse({"status": "ok", "version": __version__})

    from yteso.fhir.router import router as fhir_router
    from yteso.gateway.router import router as gateway_router
    from yteso.identity.mpi.router import router as mpi_router
    from yteso.registries.catalogs.router import router as terminology_router

    app.include_router(terminology_router)  # before fhir_router: /fhir/CodeSystem/$lookup is not a read
    app.include_router(mpi_router)  # before fhir_router: POST /fhir/Patient/$match
    app.include_router(fhir_router)
    app.include_router(gateway_router)
    app.include_router(__import__("yteso.services.router", fromlist=["router"]).router)
    __import__("yteso.web.router", fromlist=["install"]).install(app)  # pages /dich-vu-cong, dev VNeID /vneid
    return app
