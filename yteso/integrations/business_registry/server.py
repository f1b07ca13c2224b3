"""Reference national business registry (CSDLQG về đăng ký doanh nghiệp), for tests and demos.

Serves enterprises from a CSV (``generate``/``models.write_csv``) or, without one, 500 generated
with seed 0. Protocol: docs/integrations.md#business-registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from yteso.core.ids import IdentifierError
from yteso.integrations.business_registry.codes import validate_enterprise_code
from yteso.integrations.business_registry.generate import generate
from yteso.integrations.business_registry.models import Enterprise, read_csv

DEFAULT_COUNT = 500


def error(status: int, rule: str, message_vi: str, message_en: str) -> JSONResponse:
    return JSONResponse({"error": {"rule": rule, "message_vi": message_vi, "message_en": message_en}}, status)


def create_business_registry_app(
    csv_path: str | Path | None = None, *, enterprises: Iterable[Enterprise] | None = None
) -> FastAPI:
    """The registry app over ``csv_path``, or ``enterprises``, or a generated default set."""
    if enterprises is None:
        enterprises = read_csv(csv_path) if csv_path is not None else generate(DEFAULT_COUNT, seed=0)
    register = {e.enterprise_code: e for e in enterprises}
    app = FastAPI(title="Đăng ký doanh nghiệp (reference)", version="1")
    app.state.enterprises = register

    @app.get("/enterprises/{code}", responses={400: {}, 404: {}})
    async def get_enterprise(code: str) -> Any:
        try:
            code = validate_enterprise_code(code)
        except IdentifierError as exc:
            return error(400, exc.rule, exc.message_vi, exc.message_en)
        found = register.get(code)
        if found is None:
            return error(
                404, "enterprise.not_found", "Không có doanh nghiệp với mã số này.", "No enterprise with this code."
            )
        return found.as_json()

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "enterprises": len(register)}

    return app
