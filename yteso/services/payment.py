"""Fees (phí, lệ phí): one fee identifier (mã định danh khoản thu) per payment, online through the
gateway or confirmed at the counter.

Starting an online payment registers the fee with the gateway outside any database transaction
(the gateway is idempotent on the fee code, so a retry reuses the same code). The gateway's
callback is signed: a tampered or stale callback is refused (400) and changes nothing; a repeated
one (same ``transaction_id``) is answered 200 without effect.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from yteso.core.errors import Conflict, Invalid, Issue, NotFound
from yteso.core.timez import now_utc
from yteso.services import access, lifecycle, model
from yteso.services.context import Runtime, Work
from yteso.services.model import Dossier
from yteso.services.schemas import ActionIn
from yteso.services.states import Status
from yteso.services.tables import payment, payment_callback

log = logging.getLogger("yteso.services.payment")
GATEWAY_AGENT = "payment-gateway"


def _describe(row: Any) -> dict[str, Any]:
    return {
        "fee_code": row.fee_code,
        "amount_vnd": row.amount_vnd,
        "status": row.status,
        "channel": row.channel,
        "pay_url": row.pay_url,
        "paid_at": row.paid_at,
        "created_at": row.created_at,
    }


def payments_of(session: Session, dossier_pk: int) -> list[dict[str, Any]]:
    rows = session.execute(select(payment).where(payment.c.dossier_pk == dossier_pk).order_by(payment.c.pk))
    return [_describe(r) for r in rows]


def _new_fee_code(session: Session, d: Dossier) -> str:
    from yteso.integrations.payments import make_fee_code

    seq = session.execute(select(func.count()).where(payment.c.dossier_pk == d.pk)).scalar_one() + 1
    return make_fee_code(d.unit_code, d.code, seq)


def start(
    sessions: sessionmaker[Session], rt: Runtime, actor: access.Actor, code: str, return_url: str | None = None
) -> dict[str, Any]:
    """The applicant starts (or resumes) paying the dossier's fee online; returns where to pay."""
    with sessions() as session, session.begin():
        d = model.load(session, code, for_update=True)
        access.audited_read(session, actor, d)
        if not actor.owns(d):
            raise NotFound(f"No dossier {code!r}", f"Không có hồ sơ {code!r}")
        if d.state != Status.AWAITING_PAYMENT:
            raise Conflict("The dossier is not awaiting payment", "Hồ sơ không ở trạng thái chờ nộp phí")
        pending = session.execute(
            select(payment)
            .where(payment.c.dossier_pk == d.pk, payment.c.status == "pending")
            .order_by(payment.c.pk.desc())
        ).first()
        if pending is not None and pending.pay_url:
            return _describe(pending)
        fee_code = pending.fee_code if pending is not None else _new_fee_code(session, d)
        if pending is None:
            session.execute(
                insert(payment).values(
                    fee_code=fee_code,
                    dossier_pk=d.pk,
                    amount_vnd=d.fee_vnd,
                    status="pending",
                    channel="online",
                    created_at=now_utc(),
                )
            )
        amount, description = d.fee_vnd, f"Phí hồ sơ {d.code}"
    base = rt.config.public_base_url.rstrip("/")
    created = rt.payments().create_payment(
        fee_code,
        amount,
        description,
        return_url or f"{base}/services/dossiers/{code}",
        f"{base}/api/services/payments/callback",
    )
    with sessions() as session, session.begin():
        session.execute(
            update(payment)
            .where(payment.c.fee_code == fee_code)
            .values(gateway_ref=created.gateway_ref, pay_url=created.pay_url)
        )
        row = session.execute(select(payment).where(payment.c.fee_code == fee_code)).one()
        return _describe(row)


def callback(session: Session, rt: Runtime, body: bytes, signature: str | None) -> dict[str, Any]:
    """Apply a gateway callback once; refuse a tampered one. Runs in the caller's transaction."""
    from yteso.integrations.payments import CallbackRejected, verify_callback

    try:
        cb = verify_callback(body, signature, rt.config.payment_secret)
    except CallbackRejected as exc:
        log.warning("payment_callback_rejected", extra={"rule": exc.rule})
        raise Invalid(
            exc.message_en,
            exc.message_vi,
            issues=[Issue(exc.message_en, exc.message_vi, expression="body", rule=f"payment.{exc.rule}")],
        ) from None
    pay = session.execute(select(payment).where(payment.c.fee_code == cb.fee_code).with_for_update()).first()
    if pay is None:
        raise NotFound(f"No fee {cb.fee_code!r}", f"Không có khoản thu {cb.fee_code!r}")
    seen = session.execute(
        select(payment_callback.c.outcome).where(payment_callback.c.transaction_id == cb.transaction_id)
    ).first()
    if seen is not None:
        return {"fee_code": cb.fee_code, "outcome": "duplicate"}
    now = now_utc()
    outcome = _apply(session, rt, pay, cb, now)
    session.execute(
        insert(payment_callback).values(
            transaction_id=cb.transaction_id,
            fee_code=cb.fee_code,
            nonce=cb.nonce,
            received_at=now,
            status=cb.status,
            outcome=outcome,
        )
    )
    return {"fee_code": cb.fee_code, "outcome": outcome}


def _apply(session: Session, rt: Runtime, pay: Any, cb: Any, now: datetime) -> str:
    if cb.status != "paid":
        return "failed"
    if cb.amount_vnd != pay.amount_vnd:
        log.warning("payment_amount_mismatch", extra={"fee_code": pay.fee_code})
        raise Invalid(
            "The paid amount differs from the fee",
            "Số tiền đã nộp khác số phí phải nộp",
            issues=[
                Issue(
                    "amount differs",
                    "số tiền khác",
                    expression="amount_vnd",
                    value=str(cb.amount_vnd),
                    rule="payment.amount",
                )
            ],
        )
    if pay.status == "paid":
        return "already_paid"
    paid_at = cb.paid_at.astimezone(UTC).replace(tzinfo=None) if cb.paid_at else now
    session.execute(
        update(payment)
        .where(payment.c.pk == pay.pk)
        .values(status="paid", paid_at=paid_at, transaction_id=cb.transaction_id)
    )
    d = model.load_by_pk(session, pay.dossier_pk, for_update=True)
    d.paid_at, d.paid_online = paid_at, True
    w = Work(session, rt, access.system_actor(GATEWAY_AGENT), now)
    proc = rt.procedure(d.procedure_code)
    if d.state == Status.AWAITING_PAYMENT:
        lifecycle.start_processing(w, d, proc, action="pay")
    else:  # e.g. withdrawn meanwhile: keep the money on record for a refund
        lifecycle.record_event(
            w,
            d,
            "payment_received",
            d.state,
            note="Đã nhận phí; hồ sơ không còn chờ nộp phí",
            data={"fee_code": pay.fee_code, "paid_at": str(paid_at)},
        )
        model.save(session, d, now)
    return "applied"


def confirm_payment(w: Work, d: Dossier, proc: Any, body: ActionIn) -> None:
    """The clerk confirms a fee paid at the counter (not online)."""
    t = lifecycle.check(w, d, proc, "confirm_payment")
    fee_code = _new_fee_code(w.session, d)
    w.session.execute(
        insert(payment).values(
            fee_code=fee_code,
            dossier_pk=d.pk,
            amount_vnd=d.fee_vnd,
            status="paid",
            channel="counter",
            created_at=w.now,
            paid_at=w.now,
        )
    )
    d.paid_at, d.paid_online = w.now, False
    lifecycle.enter_step(w, d, proc, proc.steps[0])
    lifecycle.finish(w, d, proc, t, note=body.note, data={"fee_code": fee_code})
