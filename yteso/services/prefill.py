"""Reuse of data: prefilling forms from the population database, the business registry and the data
store; and the business login (an enterprise's responsible person, confirmed by the registry).

National look-ups happen before the database transaction (they are network calls); their answers
are then kept in the applicant's data store, which is what submissions are measured against.
"""

from __future__ import annotations

import logging
from typing import Any

from yteso.core.auth import Caller, issue_token
from yteso.core.errors import Forbidden, NotFound
from yteso.core.ids import IdentifierError
from yteso.integrations.common.errors import IntegrationRejected, IntegrationUnavailable
from yteso.services import data_store, forms
from yteso.services.access import BUSINESS_PREFIX, business_subject
from yteso.services.context import Runtime, Unavailable, Work
from yteso.services.documents import owner_of
from yteso.services.views import procedure_summary

log = logging.getLogger("yteso.services.prefill")


def national_data(rt: Runtime, caller: Caller) -> tuple[dict[str, Any], dict[str, str]]:
    """What the national databases say about the caller (and their enterprise): profile values and
    the state of each source (``ok``, ``not_found``, ``unavailable``, ``not_configured``)."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if caller.role != "citizen" or not caller.citizen:
        return values, sources
    values["citizen.cccd"] = caller.citizen
    sources["population"] = _population(rt, caller.citizen, values)
    if caller.subject.startswith(BUSINESS_PREFIX):
        code = caller.subject[len(BUSINESS_PREFIX) :].split(":", 1)[0]
        values["business.enterprise_code"] = code
        sources["business_registry"] = _business(rt, code, values)
    return values, sources


def _population(rt: Runtime, cccd: str, values: dict[str, Any]) -> str:
    client = rt.population()
    if client is None:
        return "not_configured"
    from yteso.identity.population.errors import PopulationProtocolError, PopulationUnavailable

    try:
        citizen = client.lookup(cccd)
    except (PopulationUnavailable, PopulationProtocolError, IdentifierError) as exc:
        log.warning("prefill_population_unavailable", extra={"error": str(exc)})
        return "unavailable"
    if citizen is None:
        return "not_found"
    values.update(
        {
            "citizen.full_name": citizen.full_name,
            "citizen.birth_date": citizen.birth_date.isoformat(),
            "citizen.sex": citizen.sex,
            "citizen.phone": citizen.phone,
        }
    )
    return "ok"


def _business(rt: Runtime, code: str, values: dict[str, Any]) -> str:
    client = rt.business_registry()
    if client is None:
        return "not_configured"
    try:
        ent = client.lookup(code)
    except (IntegrationUnavailable, IntegrationRejected, IdentifierError) as exc:
        log.warning("prefill_registry_unavailable", extra={"error": str(exc)})
        return "unavailable"
    if ent is None:
        return "not_found"
    values.update(
        {
            "business.name": ent.name,
            "business.address": ent.address,
            "business.representative_name": ent.legal_representative_name,
            "business.representative_cccd": ent.legal_representative_cccd,
        }
    )
    return "ok"


def prefill(w: Work, code: str, fresh: dict[str, Any], sources: dict[str, str]) -> dict[str, Any]:
    """The form values and the stored documents offered for a new dossier of procedure ``code``."""
    proc = w.rt.procedure(code)
    owner = owner_of(w.actor)
    if owner.kind not in proc.applicants:
        raise Forbidden(
            f"Procedure {code} is not for {owner.kind} applicants", f"Thủ tục {code} không dành cho đối tượng này"
        )
    known = (
        data_store.merge_profile(w.session, owner, fresh, w.now)[1]
        if fresh
        else data_store.get_profile(w.session, owner)
    )
    values = forms.offered_values(proc, known)
    return {
        "procedure": procedure_summary(proc),
        "values": values,
        "fields_offered": len(values),
        "fields_total": len(proc.form),
        "documents": data_store.candidates(w.session, owner, proc, w.now),
        "sources": sources,
    }


def business_login(rt: Runtime, caller: Caller, enterprise_code: str) -> dict[str, Any]:
    """Exchange a citizen's (VNeID) token for one acting for the enterprise, once the business registry
    confirms the citizen is its legal representative and the enterprise is active."""
    if caller.role != "citizen" or not caller.citizen:
        raise Forbidden("Log in with VNeID first", "Hãy đăng nhập bằng VNeID trước")
    client = rt.business_registry()
    if client is None:
        raise Unavailable("No business registry is configured", "Chưa cấu hình CSDL đăng ký doanh nghiệp")
    ent = client.lookup(enterprise_code)
    if ent is None:
        raise NotFound("No enterprise with this code", "Không có doanh nghiệp với mã số này")
    if not ent.active:
        raise Forbidden("The enterprise is not active", "Doanh nghiệp không ở trạng thái đang hoạt động")
    if ent.legal_representative_cccd != caller.citizen:
        raise Forbidden(
            "You are not the enterprise's legal representative",
            "Bạn không phải người đại diện theo pháp luật của doanh nghiệp",
        )
    subject = business_subject(ent.enterprise_code, caller.citizen)
    token = issue_token(rt.settings, role="citizen", subject=subject, citizen=caller.citizen)
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": rt.settings.token_ttl_seconds,
        "enterprise": {"code": ent.enterprise_code, "name": ent.name},
    }
