"""Submission (nộp hồ sơ), reception (tiếp nhận), supplements and withdrawal — the applicant's side.

A dossier filed online with a valid form and every required document is received at once when the
procedure says ``reception: auto``: it gets its due date in the same transaction. Otherwise the
unit's clerk receives it (or refuses it, with the reason).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from yteso.core.errors import Conflict, Forbidden, Invalid, Issue, Unprocessable
from yteso.core.ids import IdentifierError, validate_cccd
from yteso.integrations.business_registry.codes import validate_enterprise_code
from yteso.services import data_store, forms, lifecycle, outbox, sequence
from yteso.services.catalog import Procedure
from yteso.services.context import Work
from yteso.services.documents import Owner
from yteso.services.model import Dossier
from yteso.services.schemas import ActionIn, SubmitIn
from yteso.services.states import Status
from yteso.services.tables import dossier


def submit(w: Work, body: SubmitIn) -> Dossier:
    """File a dossier; returns it (received, with ``due_at``, when reception is automatic)."""
    proc = w.rt.procedure(body.procedure)
    owner, channel, cccd = _applicant(w, proc, body)
    form = forms.validate(proc, body.form)
    docs = data_store.resolve(w.session, owner, proc, body.documents, w.now)
    known, _ = data_store.merge_profile(w.session, owner, {f"form.{k}": v for k, v in form.items()}, w.now)
    filled, prefilled = forms.prefilled_count(proc, form, known)
    name = _name(proc, form, known, body)
    row = w.session.execute(
        insert(dossier)
        .values(
            code=sequence.dossier_code(w.session, proc.unit.code, w.now, w.rt.sequence_engine()),
            procedure_code=proc.code,
            procedure_version=proc.version,
            unit_code=proc.unit.code,
            applicant_kind=owner.kind,
            applicant_id=owner.id,
            applicant_cccd=cccd,
            applicant_name=name,
            submitted_by=w.actor.subject,
            channel=channel,
            status=Status.SUBMITTED.value,
            form=form,
            submitted_at=w.now,
            suspended_days=0,
            supplement_rounds=0,
            fee_vnd=proc.fee_for(form),
            fields_total=filled,
            fields_prefilled=prefilled,
            docs_total=docs.total,
            docs_reused=docs.reused,
            links={},
            updated_at=w.now,
            version=1,
        )
        .returning(*dossier.c)
    ).one()
    d = Dossier.from_row(row)
    data_store.link(w.session, d.pk, docs)
    lifecycle.record_event(w, d, "submit", None, data={"channel": channel})
    outbox.enqueue_dossier(w.session, d, proc, w.now, cal=w.cal)
    if channel == "counter":  # the clerk filing it at the counter receives it there
        lifecycle.receive(w, d, proc, note="Tiếp nhận trực tiếp tại bộ phận một cửa")
    elif proc.reception == "auto":
        system = Work(w.session, w.rt, lifecycle.system_actor("yteso-services"), w.now)
        lifecycle.receive(system, d, proc, note="Tiếp nhận tự động hồ sơ trực tuyến hợp lệ")
    return d


def _applicant(w: Work, proc: Procedure, body: SubmitIn) -> tuple[Owner, str, str | None]:
    actor = w.actor
    if actor.is_applicant and actor.applicant_kind and actor.applicant_id:
        if body.applicant is not None:
            raise Invalid(
                "Only a clerk names the applicant",
                "Chỉ cán bộ một cửa khai người nộp hồ sơ",
                issues=[Issue("not allowed", "không được phép", expression="applicant", rule="submit.applicant")],
            )
        if actor.applicant_kind not in proc.applicants:
            raise Forbidden(
                f"Procedure {proc.code} is for {', '.join(proc.applicants)} applicants",
                f"Thủ tục {proc.code} dành cho {'doanh nghiệp' if 'business' in proc.applicants else 'công dân'}",
            )
        return Owner(actor.applicant_kind, actor.applicant_id), "online", actor.cccd
    if actor.is_officer and actor.unit == proc.unit.code and "clerk" in actor.positions:
        if body.applicant is None or body.applicant.kind not in proc.applicants:
            raise Invalid(
                "A counter dossier names its applicant",
                "Hồ sơ nộp trực tiếp phải khai người nộp",
                issues=[
                    Issue("applicant required", "cần khai người nộp", expression="applicant", rule="submit.applicant")
                ],
            )
        a = body.applicant
        try:
            applicant_id = (
                validate_cccd(a.id, field="applicant.id").value
                if a.kind == "citizen"
                else (validate_enterprise_code(a.id, field="applicant.id"))
            )
            cccd = validate_cccd(a.cccd, field="applicant.cccd").value if a.cccd else None
        except IdentifierError as exc:
            raise Unprocessable(exc.message_en, exc.message_vi, issues=exc.issues) from None
        return Owner(a.kind, applicant_id), "counter", cccd or (applicant_id if a.kind == "citizen" else None)
    raise Forbidden(
        "Only an applicant, or a clerk of the unit, files a dossier",
        "Chỉ người nộp hồ sơ hoặc cán bộ một cửa của đơn vị được nộp hồ sơ",
    )


def _name(proc: Procedure, form: dict[str, Any], known: dict[str, Any], body: SubmitIn) -> str | None:
    if body.applicant is not None:
        return body.applicant.name
    for key in ("full_name", "enterprise_name"):
        if form.get(key):
            return str(form[key])
    return known.get("citizen.full_name") or known.get("business.name")


def receive(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The clerk receives a dossier: the due date is issued."""
    lifecycle.receive(w, d, proc, note=body.note)


def not_accept(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The clerk refuses to receive a dossier (không tiếp nhận), with the reason."""
    t = lifecycle.check(w, d, proc, "not_accept")
    d.decision_reason = require_reason(body)
    d.closed_at = w.now
    lifecycle.finish(w, d, proc, t, note=d.decision_reason)


def supplement(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The applicant supplies what was asked; the clock restarts and the due date moves."""
    t = lifecycle.check(w, d, proc, "supplement")
    if d.supplement_due_at is not None and w.now > d.supplement_due_at:
        raise Conflict("The supplement period has ended", "Đã hết thời hạn bổ sung hồ sơ")
    if not body.form and not body.documents:
        raise Invalid(
            "A supplement brings form changes or documents",
            "Hồ sơ bổ sung cần có thông tin hoặc giấy tờ",
            issues=[Issue("empty supplement", "bổ sung trống", expression="documents", rule="supplement.empty")],
        )
    if body.form:
        d.form = {**d.form, **forms.validate(proc, body.form, partial=True)}
        d.fee_vnd = proc.fee_for(d.form) if d.paid_at is None else d.fee_vnd
    owner = Owner(d.applicant_kind, d.applicant_id)
    docs = data_store.resolve(w.session, owner, proc, body.documents, w.now, require_all=False, dossier_pk=d.pk)
    data_store.link(w.session, d.pk, docs, round_no=d.supplement_rounds)
    d.docs_total += docs.total
    d.docs_reused += docs.reused
    d.supplement_due_at = None
    lifecycle.finish(w, d, proc, t, note=body.note, data={"documents": docs.total})


def withdraw(w: Work, d: Dossier, proc: Procedure, body: ActionIn) -> None:
    """The applicant withdraws the dossier (rút hồ sơ)."""
    t = lifecycle.check(w, d, proc, "withdraw")
    d.closed_at = w.now
    lifecycle.finish(w, d, proc, t, note=body.reason or body.note)


def require_reason(body: ActionIn) -> str:
    """The action's reason (lý do), required for refusals, supplements and sending back."""
    reason = (body.reason or "").strip()
    if not reason:
        raise Invalid(
            "A reason is required",
            "Cần nêu rõ lý do",
            issues=[Issue("reason required", "cần lý do", expression="reason", rule="action.reason")],
        )
    return reason
