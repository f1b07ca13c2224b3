"""Reference server of the national population database (CSDLQG về dân cư), for tests and demos.

The real database belongs to the Ministry of Public Security (C06) and is reached through the
national data-sharing platform; this server speaks the small protocol our client needs
(docs/population-db.md) over a synthetic CSV held in memory.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException

from yteso.core.ids import IdentifierError, validate_cccd
from yteso.identity.population import service
from yteso.identity.population.schemas import (
    MAX_BATCH,
    CitizenOut,
    Health,
    VerifyBatchIn,
    VerifyBatchOut,
    VerifyIn,
    VerifyOut,
)
from yteso.identity.population.store import CitizenStore


def create_population_app(csv_path: str | Path | None = None, *, store: CitizenStore | None = None) -> FastAPI:
    """Load the register (from ``csv_path``, or use ``store``) and return the ASGI app serving it."""
    if store is None:
        if csv_path is None:
            raise ValueError("give csv_path or store")
        store = CitizenStore.load(csv_path)
    register = store
    app = FastAPI(title="Population database (reference)", version="1")

    def bad_request(exc: IdentifierError) -> HTTPException:
        return HTTPException(status_code=400, detail=service.rule_error(exc).model_dump())

    @app.get("/healthz")
    async def healthz() -> Health:
        return Health(status="ok", citizens=len(register))

    @app.get("/citizens/{cccd}", responses={400: {}, 404: {}})
    async def get_citizen(cccd: str) -> CitizenOut:
        try:
            validate_cccd(cccd)
        except IdentifierError as exc:
            raise bad_request(exc) from exc
        citizen = register.get(cccd.strip())
        if citizen is None:
            detail = {
                "rule": "citizen.not_found",
                "message_en": "No citizen with this ID in the population database.",
                "message_vi": "Không có công dân với số định danh này trong CSDL dân cư.",
            }
            raise HTTPException(status_code=404, detail=detail)
        return CitizenOut(
            cccd=citizen.cccd,
            full_name=citizen.full_name,
            birth_date=citizen.birth_date,
            sex=citizen.sex,
            province_code=citizen.province_code,
            phone=citizen.phone,
        )

    @app.post("/verify", responses={400: {}})
    async def verify(item: VerifyIn) -> VerifyOut:
        try:
            return service.verify(register, item)
        except IdentifierError as exc:
            raise bad_request(exc) from exc

    @app.post("/verify/batch", responses={413: {}})
    async def verify_batch(body: VerifyBatchIn) -> VerifyBatchOut:
        if len(body.items) > MAX_BATCH:
            detail = {
                "rule": "batch.too_large",
                "message_en": f"At most {MAX_BATCH} items per batch; got {len(body.items)}.",
                "message_vi": f"Mỗi lô tối đa {MAX_BATCH} mục; nhận được {len(body.items)}.",
            }
            raise HTTPException(status_code=413, detail=detail)
        results = service.verify_many(register, body.items)
        return VerifyBatchOut(count=len(results), results=results)

    return app
