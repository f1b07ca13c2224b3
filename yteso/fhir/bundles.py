"""Batch and transaction Bundles (FHIR R4 §3.1.0.11).

A transaction is atomic: every entry is planned and validated first, ``urn:uuid:`` and
conditional references (``Patient?identifier=...``) are resolved, then all writes are applied
together; any failure rolls everything back. A batch runs each entry on its own savepoint.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl

from yteso.core.errors import DomainError, Invalid, Issue, PreconditionFailed
from yteso.core.timez import fhir_instant
from yteso.fhir import service
from yteso.fhir.repository import Stored, _Write

_METHODS = ("GET", "POST", "PUT", "DELETE")


def process(ctx: service.FhirContext, bundle: Any) -> dict[str, Any]:
    """Run a ``transaction`` or ``batch`` Bundle and return its response Bundle."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise Invalid("Expected a Bundle", "Cần một Bundle")
    kind = bundle.get("type")
    entries = bundle.get("entry") or []
    if kind == "transaction":
        return _transaction(ctx, entries)
    if kind == "batch":
        return _batch(ctx, entries)
    raise Invalid(
        f"Bundle.type must be transaction or batch, not {kind!r}",
        f"Bundle.type phải là transaction hoặc batch, không phải {kind!r}",
        issues=[
            Issue(
                "Bundle.type must be transaction or batch",
                "Bundle.type phải là transaction/batch",
                expression="Bundle.type",
                value=str(kind),
                rule="bundle.type",
            )
        ],
    )


def _request(entry: Any, i: int) -> tuple[str, str]:
    req = entry.get("request") if isinstance(entry, dict) else None
    method = (req or {}).get("method")
    url = (req or {}).get("url")
    if method not in _METHODS or not isinstance(url, str) or not url:
        raise Invalid(
            f"Bundle.entry[{i}].request needs a method and url",
            f"Bundle.entry[{i}].request cần method và url",
            issues=[
                Issue(
                    "request.method/url missing or invalid",
                    "Thiếu hoặc sai request.method/url",
                    expression=f"Bundle.entry[{i}].request",
                    value=str(method),
                    rule="bundle.request",
                )
            ],
        )
    return method, url.lstrip("/")


def _transaction(ctx: service.FhirContext, entries: list[Any]) -> dict[str, Any]:
    repo = ctx.repo
    ids: dict[str, str] = {}  # fullUrl (urn:uuid:...) -> "Type/id"
    plans: list[tuple[int, str, Any]] = []
    # Pass 1: assign ids to creates so that urn:uuid references can be rewritten.
    for i, entry in enumerate(entries):
        method, url = _request(entry, i)
        body = entry.get("resource")
        if method == "POST":
            res_type = url.split("?", 1)[0]
            _require_body(body, res_type, i)
            if_none = (entry.get("request") or {}).get("ifNoneExist")
            existing = service.conditional_matches(ctx, res_type, if_none) if if_none else []
            if len(existing) > 1:
                raise _at(
                    i, PreconditionFailed("ifNoneExist matches several resources", "ifNoneExist khớp nhiều tài nguyên")
                )
            new_id = existing[0] if existing else str(uuid.uuid4())
            if entry.get("fullUrl"):
                ids[entry["fullUrl"]] = f"{res_type}/{new_id}"
            plans.append((i, "EXISTING" if existing else "POST", (res_type, new_id)))
        elif method == "PUT":
            res_type, _, rest = url.partition("/")
            if "?" in res_type:
                res_type, criteria = res_type.split("?", 1)
                matches = service.conditional_matches(ctx, res_type, criteria)
                if len(matches) > 1:
                    raise _at(
                        i,
                        PreconditionFailed(
                            "conditional update matches several resources",
                            "cập nhật có điều kiện khớp nhiều tài nguyên",
                        ),
                    )
                res_id = matches[0] if matches else (body or {}).get("id") or str(uuid.uuid4())
            else:
                res_id = rest
            if entry.get("fullUrl"):
                ids[entry["fullUrl"]] = f"{res_type}/{res_id}"
            plans.append((i, "PUT", (res_type, res_id)))
        elif method == "DELETE":
            plans.append((i, "DELETE", tuple(url.split("/", 1))))
        else:
            plans.append((i, "GET", url))
    # Pass 2: rewrite references, validate, plan writes.
    writes: list[_Write] = []
    responses: dict[int, dict[str, Any]] = {}
    for i, kind, target in plans:
        entry = entries[i]
        try:
            if kind in ("POST", "PUT"):
                body = _rewrite(entry["resource"], ids, ctx)
                res_type, res_id = target
                body["id"] = res_id
                service.check_body(res_type, body)
                if kind == "POST":
                    writes.append(repo.prepare_create(body, res_id=res_id))
                else:
                    if_match = service.parse_etag((entry.get("request") or {}).get("ifMatch"))
                    writes.append(repo.prepare_update(res_type, res_id, body, if_match=if_match))
            elif kind == "DELETE":
                plan = repo.prepare_delete(*target)
                if plan:
                    writes.append(plan)
                responses[i] = {"status": "204 No Content"}
            elif kind == "EXISTING":
                stored = repo.read(*target)
                responses[i] = _response(stored, "200 OK")
        except DomainError as exc:
            raise _at(i, exc) from None
    stored_all = repo.write_many(writes) if writes else []
    by_key = {(s.res_type, s.res_id): s for s in stored_all}
    out: list[dict[str, Any]] = []
    for i, kind, target in plans:
        if i in responses:
            out.append({"response": responses[i]})
        elif kind in ("POST", "PUT"):
            s = by_key[tuple(target)]
            out.append(
                {
                    "fullUrl": f"{ctx.base}/{s.res_type}/{s.res_id}",
                    **({} if ctx.minimal else {"resource": s.body}),
                    "response": _response(s, "201 Created" if s.created else "200 OK"),
                }
            )
        else:
            out.append(_get_entry(ctx, str(target)))
    return {"resourceType": "Bundle", "type": "transaction-response", "entry": out}


def _batch(ctx: service.FhirContext, entries: list[Any]) -> dict[str, Any]:
    out = []
    session = ctx.repo.session
    for i, entry in enumerate(entries):
        try:
            with session.begin_nested():
                out.append(_batch_entry(ctx, entry, i))
        except DomainError as exc:
            for record in exc.after_rollback:
                record(session)
            out.append(
                {
                    "response": {
                        "status": f"{exc.status}",
                        "outcome": service.outcome_resource(exc.issues or [Issue(exc.message_en, exc.message_vi)]),
                    }
                }
            )
    return {"resourceType": "Bundle", "type": "batch-response", "entry": out}


def _batch_entry(ctx: service.FhirContext, entry: Any, i: int) -> dict[str, Any]:
    method, url = _request(entry, i)
    body = entry.get("resource")
    if method == "GET":
        return _get_entry(ctx, url)
    res_type, _, rest = url.partition("/")
    if method == "POST":
        _require_body(body, res_type, i)
        if_none = (entry.get("request") or {}).get("ifNoneExist")
        s = service.create(ctx, res_type, body, if_none_exist=if_none)
        return {"resource": s.body, "response": _response(s, "201 Created" if s.created else "200 OK")}
    if method == "PUT":
        if "?" in res_type:
            res_type, criteria = res_type.split("?", 1)
            s = service.conditional_update(ctx, res_type, criteria, body)
        else:
            s = service.update(ctx, res_type, rest, body, if_match=(entry.get("request") or {}).get("ifMatch"))
        return {"resource": s.body, "response": _response(s, "201 Created" if s.created else "200 OK")}
    service.delete(ctx, res_type, rest)
    return {"response": {"status": "204 No Content"}}


def _get_entry(ctx: service.FhirContext, url: str) -> dict[str, Any]:
    path, _, qs = url.partition("?")
    parts = path.split("/")
    if len(parts) == 2:
        s = ctx.repo.read(parts[0], parts[1])
        return {"resource": s.body, "response": _response(s, "200 OK")}
    return {
        "resource": service.search(ctx, parts[0], parse_qsl(qs, keep_blank_values=True)),
        "response": {"status": "200 OK"},
    }


def _require_body(body: Any, res_type: str, i: int) -> None:
    if not isinstance(body, dict) or body.get("resourceType") != res_type:
        raise Invalid(
            f"Bundle.entry[{i}].resource must be a {res_type}",
            f"Bundle.entry[{i}].resource phải là {res_type}",
            issues=[
                Issue(
                    "resource missing or of another type",
                    "Thiếu resource hoặc sai loại",
                    expression=f"Bundle.entry[{i}].resource",
                    rule="bundle.resource",
                )
            ],
        )


def _rewrite(node: Any, ids: dict[str, str], ctx: service.FhirContext) -> Any:
    """Copy ``node`` with ``urn:uuid:`` and conditional references replaced by ``Type/id``."""
    if isinstance(node, dict):
        out = {k: _rewrite(v, ids, ctx) for k, v in node.items()}
        ref = out.get("reference")
        if isinstance(ref, str):
            if ref in ids:
                out["reference"] = ids[ref]
            elif "?" in ref and not ref.startswith(("http", "urn:")):
                res_type, criteria = ref.split("?", 1)
                matches = service.conditional_matches(ctx, res_type, criteria)
                if len(matches) != 1:
                    raise PreconditionFailed(
                        f"Conditional reference {ref!r} matches {len(matches)} resources (needs exactly 1)",
                        f"Tham chiếu có điều kiện {ref!r} khớp {len(matches)} tài nguyên (cần đúng 1)",
                    )
                out["reference"] = f"{res_type}/{matches[0]}"
        return out
    if isinstance(node, list):
        return [_rewrite(v, ids, ctx) for v in node]
    return node


def _response(s: Stored, status: str) -> dict[str, Any]:
    return {
        "status": status,
        "location": f"{s.res_type}/{s.res_id}/_history/{s.version}",
        "etag": s.etag,
        "lastModified": fhir_instant(s.last_updated),
    }


def _at(i: int, exc: DomainError) -> DomainError:
    exc.issues = [
        Issue(
            f"Bundle.entry[{i}]: {exc.message_en}",
            f"Bundle.entry[{i}]: {exc.message_vi}",
            expression=f"Bundle.entry[{i}]",
            rule="bundle.entry",
        )
    ] + [
        Issue(
            x.message_en,
            x.message_vi,
            expression=f"Bundle.entry[{i}].resource.{x.expression}" if x.expression else None,
            value=x.value,
            rule=x.rule,
            code=x.code,
        )
        for x in exc.issues
    ]
    return exc
