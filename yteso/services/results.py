"""Results (kết quả giải quyết): signed PDF documents kept in the applicant's data store, and their
public verification; the effects of an approval on other registers.

A result is rendered from the procedure's template, carries a QR code to the public verification
page, and is signed (PAdES) by the unit's certificate. Verification says whether a PDF is genuine
(a valid signature from our CA) and unchanged (the signature covers the whole file, and its hash is
the hash of a result we issued).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from yteso.core.errors import NotFound
from yteso.core.ids import CCCD_SYSTEM, CCHN_SYSTEM
from yteso.services import outbox, sequence, signing
from yteso.services.catalog import Procedure
from yteso.services.context import Runtime, Work
from yteso.services.documents import META, Owner, store
from yteso.services.model import Dossier
from yteso.services.tables import document
from yteso.services.workdays import vn_day

PROFESSION_TITLE = {"bac-si": "BS", "y-si": "YS", "dieu-duong": "DD", "ho-sinh": "HS", "ky-thuat-y": "KTY"}


def _vn_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _form_view(proc: Procedure, form: dict[str, Any]) -> SimpleNamespace:
    """Form values for a template: choices by their label, dates as dd/mm/yyyy, missing as empty."""
    values: dict[str, Any] = {}
    for f in proc.form:
        v = form.get(f.key, "")
        if f.type == "choice":
            v = next((c.label for c in f.choices if c.code == v), v)
        elif f.type == "date" and v:
            v = _vn_date(date.fromisoformat(v))
        values[f.key] = v
    return SimpleNamespace(**values)


def _issue(
    w: Work,
    d: Dossier,
    *,
    doc_type: str,
    title: str,
    sections: list[tuple[str, str]],
    footer: str,
    reason: str,
    number: str | None = None,
    valid_until: datetime | None = None,
    issuer: str,
) -> int:
    """Render, sign and store one document issued for ``d``; returns its pk."""
    doc_id = str(uuid.uuid4())
    signed = signing.render_and_sign(
        title,
        sections,
        qr_url=w.rt.verify_url(doc_id),
        footer=footer,
        signer=w.rt.signer(),
        reason=reason,
        separate_process=w.rt.config.sign_in_subprocess,
    )
    pk, _ = store(
        w.session,
        w.rt.config,
        Owner(d.applicant_kind, d.applicant_id),
        content=signed,
        media_type="application/pdf",
        doc_type=doc_type,
        title=title,
        source="result",
        by=w.actor.subject,
        now=w.now,
        doc_id=doc_id,
        number=number,
        issuer=issuer,
        issued_at=w.now,
        valid_until=valid_until,
        origin_dossier_pk=d.pk,
    )
    return pk


def issue_result(w: Work, d: Dossier, proc: Procedure) -> int:
    """The approved result (giấy phép, giấy tiếp nhận…), numbered, signed and stored; returns its pk."""
    tpl = proc.result
    today = vn_day(w.now)
    seq = sequence.next_value(w.session, f"result:{proc.code}:{today.year}", w.rt.sequence_engine())
    number = tpl.number_format.format(seq=seq, year=today.year)
    valid = _add_years(today, tpl.valid_years) if tpl.valid_years else None
    ctx = {
        "form": _form_view(proc, d.form),
        "dossier": SimpleNamespace(code=d.code),
        "applicant": SimpleNamespace(name=d.applicant_name or "", id=d.applicant_id),
        "result": SimpleNamespace(
            number=number,
            issued_on=_vn_date(today),
            issuer=tpl.issuer,
            valid_until=_vn_date(valid) if valid else "không thời hạn",
        ),
        "unit": SimpleNamespace(code=proc.unit.code, name=proc.unit.name),
        "procedure": SimpleNamespace(code=proc.code, name=proc.name),
    }
    sections = [(s.heading, s.text.format(**ctx)) for s in tpl.sections]
    d.links = {**d.links, "result": {"number": number, "valid_until": valid.isoformat() if valid else None}}
    return _issue(
        w,
        d,
        doc_type=tpl.doc_type,
        title=tpl.title.format(**ctx),
        sections=sections,
        footer=tpl.footer.format(**ctx),
        reason=f"Phê duyệt hồ sơ {d.code}",
        number=number,
        valid_until=datetime.combine(valid, datetime.min.time()) if valid else None,
        issuer=tpl.issuer,
    )


def issue_refusal(w: Work, d: Dossier, proc: Procedure) -> int:
    """The letter refusing the dossier, stating the reasons (văn bản trả lời nêu rõ lý do)."""
    sections = [
        ("Hồ sơ", d.code),
        ("Thủ tục", proc.name),
        ("Người nộp", d.applicant_name or d.applicant_id),
        ("Lý do không giải quyết", d.decision_reason or ""),
    ]
    return _issue(
        w,
        d,
        doc_type="refusal",
        title="THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ",
        sections=sections,
        footer=f"{proc.unit.name} — {_vn_date(vn_day(w.now))}",
        reason=f"Từ chối hồ sơ {d.code}",
        issuer=proc.result.issuer,
    )


def issue_apology(w: Work, d: Dossier, proc: Procedure, new_due: datetime, reason: str) -> int:
    """The apology for a late dossier with a new return date (phiếu xin lỗi và hẹn lại ngày trả kết quả)."""
    old_due = d.promised_at or d.due_at
    sections = [
        ("Kính gửi", d.applicant_name or d.applicant_id),
        ("Hồ sơ", f"{d.code} — {proc.name}"),
        ("Ngày hẹn trả kết quả", _vn_date(vn_day(old_due)) if old_due else ""),
        ("Lý do chậm trễ", reason),
        ("Ngày hẹn trả kết quả mới", _vn_date(vn_day(new_due))),
        ("", f"{proc.unit.name} xin lỗi ông/bà vì sự chậm trễ này và hẹn trả kết quả vào ngày mới nêu trên."),
    ]
    d.promised_at = new_due
    d.links = {**d.links, "apologies": [*d.links.get("apologies", []), new_due.isoformat()]}
    return _issue(
        w,
        d,
        doc_type="apology",
        title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        sections=sections,
        footer=f"{proc.unit.name} — {_vn_date(vn_day(w.now))}",
        reason=f"Xin lỗi hồ sơ {d.code} trễ hạn",
        issuer=proc.unit.name,
    )


def issued_for(w: Work, d: Dossier) -> list[dict[str, Any]]:
    from yteso.services.documents import describe

    rows = w.session.execute(select(*META).where(document.c.origin_dossier_pk == d.pk).order_by(document.c.pk))
    return [describe(r) for r in rows]


def push_result(w: Work, d: Dossier, proc: Procedure) -> None:
    """Send the portal the full dossier with its result documents (DanhSachGiayToKetQua)."""
    docs = [
        {
            "MaGiayTo": x["id"],
            "TenGiayTo": x["title"],
            "SoKyHieu": x["number"],
            "CoQuanBanHanh": x["issuer"],
            "DuongDanTepTin": w.rt.verify_url(x["id"]),
        }
        for x in issued_for(w, d)
    ]
    outbox.enqueue_dossier(w.session, d, proc, w.now, docs, w.cal)


def run_effects(w: Work, d: Dossier, proc: Procedure) -> None:
    """What an approval changes elsewhere (``on_approve``), in the same transaction."""
    for effect in proc.on_approve:
        if effect == "practitioner_registry":
            update_practitioner_registry(w, d)


def update_practitioner_registry(w: Work, d: Dossier) -> None:
    """Create or update the practitioner (FHIR Practitioner keyed by the licence number) in the registry."""
    from yteso.fhir import service as fhir

    result = d.links.get("result") or {}
    number = str(result.get("number"))
    name = str(d.form.get("full_name") or d.applicant_name or "")
    parts = name.split()
    title = PROFESSION_TITLE.get(str(d.form.get("profession")), "")
    qualification = {
        "identifier": [{"system": CCHN_SYSTEM, "value": number}],
        "code": {"text": title or str(d.form.get("profession")), "coding": [{"code": title}] if title else []},
        "period": {
            "start": vn_day(w.now).isoformat(),
            **({"end": result["valid_until"]} if result.get("valid_until") else {}),
        },
        "issuer": {"display": "Bộ Y tế"},
    }
    body: dict[str, Any] = {
        "resourceType": "Practitioner",
        "identifier": [
            {"use": "official", "system": CCHN_SYSTEM, "value": number, "assigner": {"display": "Bộ Y tế"}},
            {"use": "secondary", "system": CCCD_SYSTEM, "value": d.applicant_cccd},
        ],
        "active": True,
        "name": [
            {
                "use": "official",
                "text": name,
                "family": parts[0] if parts else name,
                **({"given": parts[1:]} if len(parts) > 1 else {}),
            }
        ],
        "qualification": [qualification],
    }
    if d.form.get("birth_date"):
        body["birthDate"] = d.form["birth_date"]
    ctx = fhir.system_context(w.session, w.rt.settings, agent="yteso-services")
    stored = fhir.conditional_update(ctx, "Practitioner", f"identifier={CCHN_SYSTEM}|{number}", body)
    d.links = {**d.links, "practitioner": f"Practitioner/{stored.res_id}"}


# --- verification --------------------------------------------------------------------------------


def public_record(session: Any, doc_id: str) -> dict[str, Any]:
    """What the public verification page shows for a document id (from the QR code)."""
    row = session.execute(select(*META).where(document.c.id == doc_id, document.c.source == "result")).first()
    if row is None:
        raise NotFound("No document was issued with this code", "Không có văn bản nào được cấp với mã này")
    return {
        "id": row.id,
        "title": row.title,
        "number": row.number,
        "issuer": row.issuer,
        "issued_at": row.issued_at,
        "valid_until": row.valid_until,
        "holder": _mask(row.owner_id),
        "sha256": row.sha256,
    }


def _mask(identifier: str) -> str:
    return identifier[:3] + "*" * max(0, len(identifier) - 6) + identifier[-3:]


def verify_file(session: Any, rt: Runtime, pdf: bytes) -> dict[str, Any]:
    """Is this PDF a genuine, unchanged result? (signature by our CA over the whole file, and issued by us)."""
    digest = hashlib.sha256(pdf).hexdigest()
    row = session.execute(select(*META).where(document.c.sha256 == digest, document.c.source == "result")).first()
    check = signing.verify(pdf, rt.trust_roots())
    genuine = check.valid and check.intact and row is not None
    problems = list(check.problems) + ([] if row is not None else ["not a document issued by this system"])
    return {
        "genuine": genuine,
        "signature_valid": check.valid,
        "intact": check.intact,
        "signer": check.signer,
        "signed_at": check.signed_at,
        "issued": public_record(session, row.id) if row is not None else None,
        "problems": problems,
    }
