"""HTTP plumbing shared by every router: JSON responses, body limits, and the one error handler.

Domain errors become an OperationOutcome on ``/fhir`` routes and ``{"error": ...}`` elsewhere,
with the Vietnamese message first and English beside it.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from yteso.core.errors import DomainError, Invalid, Issue, TooLarge, UnsupportedMediaType

log = logging.getLogger("yteso.http")

FHIR_JSON = "application/fhir+json"
JSON_TYPES = ("application/fhir+json", "application/json", "application/json+fhir")


class JsonResponse(Response):
    """orjson-encoded response (fast, keeps Vietnamese text as UTF-8)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class FhirResponse(JsonResponse):
    media_type = FHIR_JSON + "; charset=utf-8"


async def read_body(request: Request, max_bytes: int, *, media_types: tuple[str, ...], expected: str) -> bytes:
    """Read a request body: 415 unless its media type is one of ``media_types`` (``""`` allows none
    given), 413 over ``max_bytes`` (counted while reading), 400 if empty."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in media_types:
        raise UnsupportedMediaType(
            f"Media type {ctype!r} is not supported; send {expected}",
            f"Không hỗ trợ kiểu dữ liệu {ctype!r}; hãy gửi {expected}",
        )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise Invalid("The request body is empty", "Nội dung yêu cầu trống")
    return raw


async def read_json(request: Request, max_bytes: int) -> Any:
    """Read and parse a JSON body (see :func:`read_body`); 400 if malformed."""
    raw = await read_body(request, max_bytes, media_types=("", *JSON_TYPES), expected="application/fhir+json")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Invalid(
            f"Malformed JSON: {exc}",
            f"JSON không hợp lệ: {exc}",
            issues=[Issue(f"Malformed JSON: {exc}", f"JSON không hợp lệ: {exc}", rule="json.syntax", code="structure")],
        ) from None


def _too_large(limit: int) -> TooLarge:
    return TooLarge(f"The body is larger than the limit of {limit} bytes", f"Nội dung vượt quá giới hạn {limit} byte")


def outcome(exc: DomainError, *, english: bool = False) -> dict[str, Any]:
    issues = exc.issues or [Issue(exc.message_en, exc.message_vi, code=exc.code)]
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": i.severity if i.severity in ("fatal", "error", "warning", "information") else "error",
                "code": i.code or exc.code,
                "details": {
                    "text": i.message_en if english else i.message_vi,
                    **({"coding": [{"system": "urn:yteso:rule", "code": i.rule}]} if i.rule else {}),
                },
                "diagnostics": i.message_vi if english else i.message_en,
                **({"expression": [i.expression]} if i.expression else {}),
            }
            for i in issues
        ],
    }


def error_body(exc: DomainError) -> dict[str, Any]:
    return {
        "error": {
            "code": exc.code,
            "message_vi": exc.message_vi,
            "message_en": exc.message_en,
            "issues": [
                {
                    "field": i.expression,
                    "value": i.value,
                    "rule": i.rule,
                    "message_vi": i.message_vi,
                    "message_en": i.message_en,
                }
                for i in exc.issues
            ],
        }
    }


def respond_error(request: Request, exc: DomainError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if request.url.path.startswith("/fhir"):
        english = request.headers.get("accept-language", "").lower().startswith("en")
        return FhirResponse(outcome(exc, english=english), status_code=exc.status, headers=headers)
    return JsonResponse(error_body(exc), status_code=exc.status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Turn every error into a clear answer (OperationOutcome on FHIR routes)."""

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        return respond_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        issues = [
            Issue(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}",
                f"{'.'.join(map(str, e['loc']))}: không hợp lệ",
                expression=".".join(map(str, e["loc"])),
                rule=e["type"],
            )
            for e in exc.errors()
        ]
        return respond_error(request, Invalid("Invalid request", "Yêu cầu không hợp lệ", issues=issues))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        err = DomainError(str(exc.detail), str(exc.detail))
        err.status = exc.status_code
        err.code = "not-found" if exc.status_code == 404 else "processing"
        return respond_error(request, err)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled_error", extra={"path": request.url.path})
        err = DomainError("Internal error; nothing was stored", "Lỗi hệ thống; không có dữ liệu nào được lưu")
        err.status, err.code = 500, "exception"
        return respond_error(request, err)
