"""Access-checked, audited storage of FHIR resources (one instance per request/transaction).

Every read goes through :class:`AccessPolicy` and every interaction is written to the audit
trail in the same transaction. Writes store the new version, its history row and its search
index rows together.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, tuple_, update
from sqlalchemy.orm import Session

from yteso.core import audit
from yteso.core.audit import AuditContext
from yteso.core.db import by_key, insert_tuples, reserve_keys
from yteso.core.errors import DomainError, Forbidden, Gone, NotFound, PreconditionFailed
from yteso.core.timez import fhir_instant
from yteso.fhir.access import AccessPolicy
from yteso.fhir.indexer import (
    IndexRows,
    consent_grants,
    consent_org_ids,
    delete_index_rows,
    index_resource,
    insert_index_rows,
)
from yteso.fhir.tables import consent_grant, idx_token, param_rows, resource, resource_version


@dataclass
class Stored:
    """A resource as stored: its body (with ``id`` and ``meta``), version and compartment."""

    res_type: str
    res_id: str
    version: int
    last_updated: datetime
    body: dict[str, Any] | None
    patient_id: str | None = None
    created: bool = False

    @property
    def etag(self) -> str:
        return f'W/"{self.version}"'


@dataclass
class _Write:
    method: str
    res_type: str
    res_id: str
    body: dict[str, Any] | None
    pk: int | None = None
    version: int = 1
    facility: str | None = None
    patient_id: str | None = None
    expect_version: int | None = None
    index: IndexRows | None = None


_INTERACTION = {"POST": "create", "PUT": "update", "DELETE": "delete"}
_RESOURCE_COLUMNS = ("pk", "res_type", "res_id", "version", "last_updated", "deleted", "patient_id", "facility")
_VERSION_COLUMNS = ("res_pk", "version", "res_type", "last_updated", "method", "content")

_CURRENT_PG = text(
    "SELECT r.* FROM fhir_resource r"
    " JOIN unnest(string_to_array(:types, ','), string_to_array(:ids, ',')) AS k(t, i)"
    " ON r.res_type = k.t AND r.res_id = k.i"
)
"""Current rows of keys given as two comma-joined strings: a FHIR type or id has no comma, and one
string costs the driver nothing to send where a list of 1,500 is converted item by item."""
_UPDATE_PG = text(
    "UPDATE fhir_resource AS r SET version = k.version, last_updated = :now, deleted = k.deleted,"
    " patient_id = k.patient_id"
    " FROM unnest(CAST(:pks AS bigint[]), CAST(:expect AS integer[]), CAST(:versions AS integer[]),"
    " CAST(:deleted AS boolean[]), CAST(:patients AS varchar[])) AS k(pk, expect, version, deleted, patient_id)"
    " WHERE r.pk = k.pk AND r.version = k.expect RETURNING r.pk"
)


class FhirRepository:
    """The caller's view of the store: reads filtered by access rules, everything audited."""

    def __init__(self, session: Session, policy: AccessPolicy, audit_ctx: AuditContext):
        self.session = session
        self.policy = policy
        self.audit_ctx = audit_ctx
        self.caller = policy.caller

    # ---- reads -------------------------------------------------------------------------
    def read(self, res_type: str, res_id: str) -> Stored:
        """Current version; 410 if deleted, 404 if unknown or (for citizens) not theirs."""
        row = self._row(res_type, res_id)
        self._check_readable(row, res_type, res_id, "read")
        if row.deleted:
            self._audit("read", res_type, res_id, [row.patient_id])
            raise Gone(f"{res_type}/{res_id} was deleted", f"{res_type}/{res_id} đã bị xoá")
        body = self.policy.visible(self._body(row.pk, row.version))
        self._audit("read", res_type, res_id, [row.patient_id])
        return Stored(res_type, res_id, row.version, row.last_updated, body, row.patient_id)

    def vread(self, res_type: str, res_id: str, version: int) -> Stored:
        row = self._row(res_type, res_id)
        self._check_readable(row, res_type, res_id, "vread")
        hist = self.session.execute(
            select(resource_version.c.content, resource_version.c.last_updated, resource_version.c.method).where(
                resource_version.c.res_pk == row.pk, resource_version.c.version == version
            )
        ).first()
        self._audit("vread", res_type, res_id, [row.patient_id])
        if hist is None:
            raise NotFound(
                f"{res_type}/{res_id} has no version {version}",
                f"{res_type}/{res_id} không có phiên bản {version}",
            )
        if hist.method == "DELETE":
            raise Gone(
                f"{res_type}/{res_id} version {version} is a deletion",
                f"Phiên bản {version} của {res_type}/{res_id} là bản xoá",
            )
        return Stored(res_type, res_id, version, hist.last_updated, self.policy.visible(hist.content), row.patient_id)

    def _row(self, res_type: str, res_id: str, *, required: bool = True) -> Any:
        row = self.session.execute(
            select(resource).where(resource.c.res_type == res_type, resource.c.res_id == res_id)
        ).first()
        if row is None and required:
            raise NotFound(f"{res_type}/{res_id} not found", f"Không tìm thấy {res_type}/{res_id}")
        return row

    def _readable(self, row: Any) -> bool:
        if self.policy.sees_everything:
            return True
        cond = self.policy.condition()
        return self.session.execute(select(resource.c.pk).where(resource.c.pk == row.pk, cond)).first() is not None

    def _check_readable(self, row: Any, res_type: str, res_id: str, interaction: str) -> None:
        self.caller.require_scope(res_type, write=False)
        if self._readable(row):
            return
        error: DomainError
        if self.policy.hides_existence:
            error = NotFound(f"{res_type}/{res_id} not found", f"Không tìm thấy {res_type}/{res_id}")
        else:
            error = Forbidden(
                f"No right to read {res_type}/{res_id}: it belongs to another facility and the patient has "
                "given no consent (purpose=emergency for break-the-glass)",
                f"Không có quyền đọc {res_type}/{res_id}: dữ liệu của cơ sở khác và người bệnh chưa đồng ý "
                "(dùng purpose=emergency trong trường hợp cấp cứu)",
            )
        ctx = self.audit_ctx
        error.after_rollback.append(
            lambda session: audit.record(
                session,
                ctx,
                interaction,
                resource_type=res_type,
                resource_id=res_id,
                patient_ids=[row.patient_id],
                outcome=audit.OUTCOME_MINOR,
            )
        )
        raise error

    def _body(self, pk: int, version: int) -> dict[str, Any]:
        return self.session.execute(
            select(resource_version.c.content).where(
                resource_version.c.res_pk == pk, resource_version.c.version == version
            )
        ).scalar_one()

    def bodies(self, pks: list[int]) -> dict[int, dict[str, Any]]:
        """Current bodies for already access-filtered surrogate keys (used by search)."""
        if not pks:
            return {}
        rows = self.session.execute(
            select(resource.c.pk, resource_version.c.content)
            .join(
                resource_version,
                (resource_version.c.res_pk == resource.c.pk) & (resource_version.c.version == resource.c.version),
            )
            .where(resource.c.pk.in_(pks))
        )
        return {pk: self.policy.visible(content) or {} for pk, content in rows}

    # ---- writes ------------------------------------------------------------------------
    def create(self, body: dict[str, Any], *, facility: str | None = None) -> Stored:
        return self.write_many([self.prepare_create(body, facility=facility)])[0]

    def prepare_create(self, body: dict[str, Any], *, facility: str | None = None, res_id: str | None = None) -> _Write:
        """Plan a create (the server assigns the id unless ``res_id`` is given)."""
        res_type = body["resourceType"]
        self.caller.require_scope(res_type, write=True)
        return _Write("POST", res_type, res_id or str(uuid.uuid4()), body, facility=facility or self.caller.facility)

    def prepare_update(
        self,
        res_type: str,
        res_id: str,
        body: dict[str, Any],
        *,
        if_match: int | None = None,
        facility: str | None = None,
    ) -> _Write:
        """Plan an update; a resource that does not exist yet is created with the client's id."""
        self.caller.require_scope(res_type, write=True)
        row = self._row(res_type, res_id, required=False)
        if row is None:
            if if_match is not None:
                raise PreconditionFailed(
                    f"{res_type}/{res_id} does not exist (If-Match given)",
                    f"{res_type}/{res_id} chưa tồn tại (có If-Match)",
                )
            return _Write("PUT", res_type, res_id, body, facility=facility or self.caller.facility)
        self._check_writable(row)
        if if_match is not None and if_match != row.version:
            raise PreconditionFailed(
                f"{res_type}/{res_id} is at version {row.version}, not {if_match}",
                f"{res_type}/{res_id} đang ở phiên bản {row.version}, không phải {if_match}",
            )
        return _Write(
            "PUT",
            res_type,
            res_id,
            body,
            pk=row.pk,
            version=row.version + 1,
            facility=row.facility or facility or self.caller.facility,
            expect_version=row.version,
        )

    def prepare_upserts(self, items: Sequence[tuple[dict[str, Any], str | None]]) -> list[_Write]:
        """Plan create-or-update of resources whose ids the caller chose, each with its producing
        facility (one lookup for all of them).

        Used by systems that give resources deterministic ids (the gateway), so that sending the
        same data again makes new versions, never duplicates.
        """
        for res_type in {b["resourceType"] for b, _f in items}:
            self.caller.require_scope(res_type, write=True)
        existing = self.current_rows([(body["resourceType"], body["id"]) for body, _f in items])
        plans = []
        for body, facility in items:
            key = (body["resourceType"], body["id"])
            found = existing.get(key)
            if found is None:
                plans.append(_Write("PUT", key[0], key[1], body, facility=facility or self.caller.facility))
                continue
            self._check_writable(found)
            plans.append(
                _Write(
                    "PUT",
                    key[0],
                    key[1],
                    body,
                    pk=found.pk,
                    version=found.version + 1,
                    facility=found.facility or facility,
                    expect_version=found.version,
                )
            )
        return plans

    def prepare_delete(self, res_type: str, res_id: str) -> _Write | None:
        """Plan a delete; ``None`` when already deleted (deleting twice is not an error)."""
        self.caller.require_scope(res_type, write=True)
        return self._delete_plan(self._row(res_type, res_id))

    def prepare_deletes(self, keys: Sequence[tuple[str, str]]) -> list[_Write]:
        """Plan deleting the existing, not yet deleted resources among ``keys`` (one lookup)."""
        for res_type in {t for t, _i in keys}:
            self.caller.require_scope(res_type, write=True)
        rows = self.current_rows(keys)
        plans = [self._delete_plan(rows[key]) for key in dict.fromkeys(keys) if key in rows]
        return [plan for plan in plans if plan is not None]

    def current_rows(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Any]:
        """Current rows (``fhir_resource``: key, version, deleted, compartment, facility) of the
        resources ``(type, id)`` that exist, whatever the caller may read, in one query per 1,000."""
        found: dict[tuple[str, str], Any] = {}
        keys = list(dict.fromkeys(keys))
        postgres = self.session.get_bind().dialect.name == "postgresql"
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            types, ids = ",".join([t for t, _i in chunk]), ",".join([i for _t, i in chunk])
            if postgres and types.count(",") == ids.count(",") == len(chunk) - 1:
                # one index probe per key; a row-value IN list would plan as a large OR
                q: Any = _CURRENT_PG.bindparams(types=types, ids=ids)
            else:
                q = select(resource).where(tuple_(resource.c.res_type, resource.c.res_id).in_(chunk))
            with by_key(self.session):
                rows = self.session.execute(q).all()
            for row in rows:
                found[(row.res_type, row.res_id)] = row
        return found

    def _delete_plan(self, row: Any) -> _Write | None:
        self._check_writable(row)
        if row.deleted:
            return None
        return _Write(
            "DELETE",
            row.res_type,
            row.res_id,
            None,
            pk=row.pk,
            version=row.version + 1,
            facility=row.facility,
            patient_id=row.patient_id,
            expect_version=row.version,
        )

    def _check_writable(self, row: Any) -> None:
        if self.caller.is_admin or row.facility in (None, self.caller.facility):
            return
        raise Forbidden(
            f"{row.res_type}/{row.res_id} belongs to another facility",
            f"{row.res_type}/{row.res_id} thuộc cơ sở khác, không được sửa/xoá",
        )

    def write_many(
        self,
        writes: list[_Write],
        *,
        interaction: str | None = None,
        audit_as: Sequence[audit.Access] | None = None,
    ) -> list[Stored]:
        """Apply planned writes in the current transaction: versions, history, indexes, audit.

        Each write is audited, unless the caller audits the whole as ``audit_as`` (the gateway
        records one access per stored dossier, naming its visit).
        """
        now = datetime.now(UTC).replace(tzinfo=None)
        stamp = fhir_instant(now)
        new = [w for w in writes if w.pk is None]
        for w, pk in zip(new, reserve_keys(self.session, resource, len(new)), strict=True):
            w.pk = pk
        for w in writes:
            if w.body is not None:
                w.body["id"] = w.res_id
                meta = dict(w.body.get("meta") or {})
                meta["versionId"] = str(w.version)
                meta["lastUpdated"] = stamp
                w.body["meta"] = meta
                w.index = index_resource(w.body, w.pk)
                w.patient_id = w.index.patient_id
        self._insert_new(new, now)
        self._update_existing(writes, now)
        self._write_versions_and_indexes(writes, now)
        audit.record_many(
            self.session,
            self.audit_ctx,
            audit_as
            if audit_as is not None
            else [
                audit.Access(interaction or _INTERACTION[w.method], w.res_type, w.res_id, w.patient_id) for w in writes
            ],
        )
        return [
            Stored(
                w.res_type,
                w.res_id,
                w.version,
                now,
                w.body,
                w.patient_id,
                created=w.method != "DELETE" and w.version == 1,
            )
            for w in writes
        ]

    def _insert_new(self, new: list[_Write], now: datetime) -> None:
        """Insert the resources that did not exist, under the keys reserved for them."""
        insert_tuples(
            self.session,
            resource,
            _RESOURCE_COLUMNS,
            [(w.pk, w.res_type, w.res_id, 1, now, False, w.patient_id, w.facility) for w in new],
        )

    def _update_existing(self, writes: list[_Write], now: datetime) -> None:
        """Move existing resources to their new version, each only if still at the version read."""
        changed = [w for w in writes if w.expect_version is not None]
        if not changed:
            return
        if self.session.get_bind().dialect.name == "postgresql":
            done = set(
                self.session.execute(
                    _UPDATE_PG,
                    {
                        "now": now,
                        "pks": [w.pk for w in changed],
                        "expect": [w.expect_version for w in changed],
                        "versions": [w.version for w in changed],
                        "deleted": [w.body is None for w in changed],
                        "patients": [w.patient_id for w in changed],
                    },
                ).scalars()
            )
        else:
            done = set()
            for w in changed:
                result: Any = self.session.execute(
                    update(resource)
                    .where(resource.c.pk == w.pk, resource.c.version == w.expect_version)
                    .values(version=w.version, last_updated=now, deleted=w.body is None, patient_id=w.patient_id)
                )
                if result.rowcount == 1:
                    done.add(w.pk)
        for w in changed:
            if w.pk not in done:
                raise PreconditionFailed(
                    f"{w.res_type}/{w.res_id} was changed by someone else meanwhile",
                    f"{w.res_type}/{w.res_id} vừa được người khác thay đổi",
                )

    def _write_versions_and_indexes(self, writes: list[_Write], now: datetime) -> None:
        replaced = [w.pk for w in writes if w.expect_version is not None and w.pk is not None]
        if replaced:
            delete_index_rows(self.session, replaced)
            self.session.execute(delete(consent_grant).where(consent_grant.c.consent_pk.in_(replaced)))
        insert_tuples(
            self.session,
            resource_version,
            _VERSION_COLUMNS,
            [(w.pk, w.version, w.res_type, now, w.method, w.body) for w in writes],
        )
        insert_index_rows(self.session, [w.index for w in writes if w.body is not None and w.index])
        grants: list[dict[str, Any]] = []
        for w in writes:
            if w.res_type == "Consent" and w.body is not None and w.pk is not None:
                grants.extend(consent_grants(w.body, w.pk, w.patient_id, self._org_codes(w.body)))
        if grants:
            self.session.execute(insert(consent_grant), grants)

    def _org_codes(self, consent: dict[str, Any]) -> dict[str, str]:
        from yteso.core.ids import MA_CSKCB_SYSTEM

        ids = consent_org_ids(consent)
        if not ids:
            return {}
        rows = self.session.execute(
            select(resource.c.res_id, idx_token.c.code)
            .join(idx_token, idx_token.c.res_pk == resource.c.pk)
            .where(
                resource.c.res_type == "Organization",
                resource.c.res_id.in_(ids),
                param_rows(idx_token, "Organization", "identifier"),
                idx_token.c.system == MA_CSKCB_SYSTEM,
            )
        )
        return {res_id: code for res_id, code in rows}

    # ---- history -----------------------------------------------------------------------
    def history(
        self, res_type: str | None, res_id: str | None, *, since: datetime | None, count: int
    ) -> list[tuple[str, str, int, str, datetime, dict[str, Any] | None]]:
        """Versions newest first: (type, id, version, method, last_updated, body)."""
        if res_type:
            self.caller.require_scope(res_type, write=False)
        q = (
            select(
                resource.c.res_type,
                resource.c.res_id,
                resource_version.c.version,
                resource_version.c.method,
                resource_version.c.last_updated,
                resource_version.c.content,
                resource.c.patient_id,
            )
            .join(resource, resource.c.pk == resource_version.c.res_pk)
            .where(self.policy.condition())
        )
        if res_id is not None:
            row = self._row(str(res_type), res_id)
            self._check_readable(row, str(res_type), res_id, "history")
            q = q.where(resource_version.c.res_pk == row.pk)
        elif res_type:
            q = q.where(resource_version.c.res_type == res_type)
        if since is not None:
            q = q.where(resource_version.c.last_updated >= since)
        q = q.order_by(resource_version.c.last_updated.desc(), resource_version.c.version.desc()).limit(count)
        rows = self.session.execute(q).all()
        self._audit("history", res_type, res_id, [r.patient_id for r in rows] or [None])
        return [
            (r.res_type, r.res_id, r.version, r.method, r.last_updated, self.policy.visible(r.content)) for r in rows
        ]

    # ---- audit -------------------------------------------------------------------------
    def _audit(
        self,
        interaction: str,
        res_type: str | None,
        res_id: str | None,
        patients: Sequence[str | None],
        *,
        query: str | None = None,
    ) -> None:
        audit.record(
            self.session,
            self.audit_ctx,
            interaction,
            resource_type=res_type,
            resource_id=res_id,
            patient_ids=patients,
            query=query,
        )

    def audit_search(self, res_type: str | None, patients: Sequence[str | None], query: str) -> None:
        self._audit("search", res_type, None, patients or [None], query=query)
