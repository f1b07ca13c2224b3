"""FHIR interactions (create, read, update, delete, search, history) as the caller.

Routes call these; each runs inside the request's transaction on an access-checked,
audited :class:`FhirRepository`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from yteso.core.audit import AuditContext
from yteso.core.auth import Caller, Scope
from yteso.core.errors import Invalid, Issue, NotFound, PreconditionFailed
from yteso.core.timez import fhir_instant, now_utc, parse_instant
from yteso.fhir.access import AccessPolicy
from yteso.fhir.models import validate_resource
from yteso.fhir.repository import FhirRepository, Stored
from yteso.fhir.search import engine, query
from yteso.fhir.search.definitions import SUPPORTED_TYPES
from yteso.fhir.summary import shape
from yteso.settings import Settings


@dataclass
class FhirContext:
    """What every interaction needs: the caller's repository and the settings."""

    repo: FhirRepository
    settings: Settings
    strict: bool = False
    request_base: str = "http://127.0.0.1:8000/fhir"
    minimal: bool = False
    """``Prefer: return=minimal``: answer writes without echoing the resources (bulk loaders)."""

    @property
    def base(self) -> str:
        return (self.settings.fhir_base_url or self.request_base).rstrip("/")


def system_context(
    session: Session,
    settings: Settings,
    *,
    agent: str,
    facility: str | None = None,
    purpose: str | None = None,
    client_address: str | None = None,
) -> FhirContext:
    """A context for a platform system acting on its own authority (e.g. the gateway storing a
    facility's dossier). Reads and writes are unrestricted but audited under ``agent``;
    ``facility`` becomes the producing facility of what is written.
    """
    caller = Caller(
        subject=agent, role="admin", facility=facility, scopes=(Scope("system", "*", "*"),), purpose=purpose
    )
    audit_ctx = AuditContext(
        agent=agent, role="system", facility=facility, purpose=purpose, client_address=client_address
    )
    return FhirContext(FhirRepository(session, AccessPolicy(caller), audit_ctx), settings)


def check_type(res_type: str) -> None:
    if res_type not in SUPPORTED_TYPES:
        raise NotFound(
            f"Resource type {res_type!r} is not supported", f"Loại tài nguyên {res_type!r} không được hỗ trợ"
        )


def check_body(res_type: str, body: Any, res_id: str | None = None) -> dict[str, Any]:
    """The body must be a JSON object of ``res_type`` (and id ``res_id`` on update), valid R4."""
    if not isinstance(body, dict):
        raise Invalid("The body must be a JSON object", "Nội dung phải là một đối tượng JSON")
    if body.get("resourceType") != res_type:
        raise Invalid(
            f"resourceType {body.get('resourceType')!r} does not match the URL ({res_type})",
            f"resourceType {body.get('resourceType')!r} không khớp với URL ({res_type})",
            issues=[
                Issue(
                    "resourceType does not match the URL",
                    "resourceType không khớp với URL",
                    expression="resourceType",
                    value=str(body.get("resourceType")),
                    rule="resource.type-mismatch",
                )
            ],
        )
    if res_id is not None and body.get("id") != res_id:
        raise Invalid(
            f"Body id {body.get('id')!r} does not match the URL id {res_id!r}",
            f"id trong nội dung ({body.get('id')!r}) không khớp với id trên URL ({res_id!r})",
            issues=[
                Issue(
                    "id does not match the URL",
                    "id không khớp với URL",
                    expression=f"{res_type}.id",
                    value=str(body.get("id")),
                    rule="resource.id-mismatch",
                )
            ],
        )
    validate_resource(body)
    return body


def create(ctx: FhirContext, res_type: str, body: Any, *, if_none_exist: str | None = None) -> Stored:
    """Create; with ``If-None-Exist`` return the one existing match instead (412 if several)."""
    check_type(res_type)
    body = check_body(res_type, body)
    if if_none_exist:
        existing = conditional_matches(ctx, res_type, if_none_exist)
        if len(existing) == 1:
            return ctx.repo.read(res_type, existing[0])
        if len(existing) > 1:
            raise PreconditionFailed(
                "If-None-Exist matches several resources", "Điều kiện If-None-Exist khớp nhiều tài nguyên"
            )
    return ctx.repo.create(body)


def update(ctx: FhirContext, res_type: str, res_id: str, body: Any, *, if_match: str | None) -> Stored:
    check_type(res_type)
    body = check_body(res_type, body, res_id)
    plan = ctx.repo.prepare_update(res_type, res_id, body, if_match=parse_etag(if_match))
    return ctx.repo.write_many([plan])[0]


def conditional_update(ctx: FhirContext, res_type: str, criteria: str, body: Any) -> Stored:
    """PUT ``Type?criteria``: no match creates, one match updates, several answer 412."""
    check_type(res_type)
    matches = conditional_matches(ctx, res_type, criteria)
    if len(matches) > 1:
        raise PreconditionFailed(
            "The conditional update matches several resources", "Cập nhật có điều kiện khớp nhiều tài nguyên"
        )
    if not matches:
        body = check_body(res_type, body)
        return ctx.repo.write_many([ctx.repo.prepare_create(body, res_id=body.get("id"))])[0]
    return update(ctx, res_type, matches[0], {**body, "id": body.get("id", matches[0])}, if_match=None)


def delete(ctx: FhirContext, res_type: str, res_id: str) -> None:
    check_type(res_type)
    plan = ctx.repo.prepare_delete(res_type, res_id)
    if plan is not None:
        ctx.repo.write_many([plan])


def conditional_matches(ctx: FhirContext, res_type: str, criteria: str) -> list[str]:
    from urllib.parse import parse_qsl

    params = parse_qsl(criteria.split("?", 1)[-1], keep_blank_values=True)
    if not params:
        raise Invalid("Conditional criteria are empty", "Điều kiện tìm kiếm trống")
    req = query.parse(res_type, params, default_count=2, max_count=2, strict=True)
    req.count, req.total = 2, "none"
    page = engine.run(ctx.repo.session, ctx.repo.policy, req)
    return [m[1] for m in page.matches]


def parse_etag(value: str | None) -> int | None:
    if not value:
        return None
    digits = value.strip().removeprefix("W/").strip('"')
    try:
        return int(digits)
    except ValueError:
        raise Invalid(f"If-Match {value!r} is not a version ETag", f"If-Match {value!r} không hợp lệ") from None


def search(ctx: FhirContext, res_type: str, params: list[tuple[str, str]]) -> dict[str, Any]:
    """Search as the caller and return a ``searchset`` Bundle with paging links."""
    check_type(res_type)
    if res_type == "AuditEvent":
        from yteso.fhir.audit_view import search_audit

        return search_audit(ctx, params)
    s = ctx.settings
    req = query.parse(
        res_type, params, default_count=s.fhir_default_count, max_count=s.fhir_max_count, strict=ctx.strict
    )
    page = engine.run(ctx.repo.session, ctx.repo.policy, req)
    bodies = ctx.repo.bodies([m[0] for m in page.matches] + [i[0] for i in page.included])
    entries = [_entry(ctx, bodies[pk], "match", req) for pk, _id, _p in page.matches]
    entries += [_entry(ctx, bodies[pk], "include", req) for pk, *_ in page.included]
    if req.ignored:
        entries.append({"resource": outcome_resource(req.ignored), "search": {"mode": "outcome"}})
    patients = {p for *_x, p in page.matches} | {p for *_x, p in page.included}
    touched = sorted(p for p in patients if p)
    ctx.repo.audit_search(res_type, touched or [None], urlencode(params)[:1024])
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "meta": {"lastUpdated": fhir_instant(now_utc())},
    }
    if page.total is not None:
        bundle["total"] = page.total
    bundle["link"] = _links(ctx, res_type, req, page)
    if req.summary != "count":
        bundle["entry"] = entries
    return bundle


def _entry(ctx: FhirContext, body: dict[str, Any], mode: str, req: query.SearchRequest) -> dict[str, Any]:
    res = shape(body, summary=req.summary, elements=req.elements)
    return {"fullUrl": f"{ctx.base}/{body['resourceType']}/{body['id']}", "resource": res, "search": {"mode": mode}}


def _links(ctx: FhirContext, res_type: str, req: query.SearchRequest, page: engine.SearchPage) -> list[dict[str, str]]:
    kept = [(k, val) for k, val in req.echo if k not in ("_offset", "_snapshot", "_count")]

    def url(offset: int) -> str:
        params = [*kept, ("_count", str(req.count)), ("_snapshot", str(page.snapshot)), ("_offset", str(offset))]
        return f"{ctx.base}/{res_type}?{urlencode(params)}"

    links = [{"relation": "self", "url": url(req.offset)}]
    if req.summary == "count":
        return links
    links.append({"relation": "first", "url": url(0)})
    if engine.has_next(req, page):
        links.append({"relation": "next", "url": url(req.offset + req.count)})
    if req.offset > 0:
        links.append({"relation": "previous", "url": url(max(0, req.offset - req.count))})
    return links


def outcome_resource(issues: list[Issue]) -> dict[str, Any]:
    """An OperationOutcome with Vietnamese text and English in ``diagnostics``."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": i.severity,
                "code": i.code,
                "details": {"text": i.message_vi},
                "diagnostics": i.message_en,
                **({"expression": [i.expression]} if i.expression else {}),
            }
            for i in issues
        ],
    }


def history(
    ctx: FhirContext, res_type: str | None, res_id: str | None, params: list[tuple[str, str]]
) -> dict[str, Any]:
    """History Bundle (instance, type or system), newest first, with ``_since`` and ``_count``."""
    if res_type:
        check_type(res_type)
    since = None
    count = ctx.settings.fhir_default_count
    for name, value in params:
        try:
            if name == "_since":
                since = parse_instant(value)
            elif name == "_count":
                count = max(1, min(int(value), ctx.settings.fhir_max_count))
        except ValueError:
            raise Invalid(f"Invalid {name}={value!r}", f"Giá trị {name}={value!r} không hợp lệ") from None
    rows = ctx.repo.history(res_type, res_id, since=since, count=count)
    entries = []
    for rtype, rid, version, method, updated, body in rows:
        entry: dict[str, Any] = {
            "fullUrl": f"{ctx.base}/{rtype}/{rid}",
            "request": {"method": method, "url": f"{rtype}/{rid}" if method != "POST" else rtype},
            "response": {
                "status": {"POST": "201", "PUT": "200", "DELETE": "204"}[method],
                "etag": f'W/"{version}"',
                "lastModified": fhir_instant(updated),
            },
        }
        if body is not None:
            entry["resource"] = body
        entries.append(entry)
    return {"resourceType": "Bundle", "type": "history", "total": len(entries), "entry": entries}
