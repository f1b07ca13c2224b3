"""One claims dossier (hồ sơ XML 4750) → the FHIR R4 resources of the visit, with deterministic ids."""

from __future__ import annotations

from typing import Any

from yteso.gateway.mapping import birth, claim, documents, orders, referral, results, visit
from yteso.gateway.mapping.context import Context
from yteso.gateway.xml4750.model import Dossier


def map_dossier(dossier: Dossier, *, facility_code: str, patient_id: str) -> list[dict[str, Any]]:
    """Every resource of ``dossier`` except the patient's own Patient, each with its deterministic id.

    The patient is referenced as ``Patient/<patient_id>``, the facility logically by its MA_CSKCB,
    resources of the same dossier as ``Type/<id>``. Ids are
    :func:`~yteso.gateway.mapping.keys.resource_id` of (facility, MA_LK, type, key), so mapping the
    same dossier again gives the same ids: storing them makes new versions, never duplicates.
    A re-sent dossier with fewer rows maps to fewer resources: the caller retires the missing ids.

    Resources per table: XML1 Encounter, Conditions, Observations (weight, blood group), Coverage
    per card, Claim, visit-summary Composition, Appointment per NGAY_TAI_KHAM (no XML14); XML2
    MedicationRequest; XML3 Procedure (technical services; every line is a Claim item); XML4
    Observation + DiagnosticReport; XML5-XML8, XML10, XML11, XML15 Composition; XML9 newborn
    Patient + birth-weight Observation + Composition; XML13 ServiceRequest + Composition; XML14
    Appointment. XML0 and XML12 make no resources. See docs/gateway-mapping.md.

    Raises ValueError when the dossier has no XML1 record or no MA_LK.
    """
    summary = dossier.summary
    if summary is None:
        raise ValueError("the dossier has no XML1 (tổng hợp) record")
    ma_lk = (summary.get("MA_LK") or "").strip()
    if not ma_lk:
        raise ValueError("the dossier's XML1 record has no MA_LK")
    ctx = Context.of(dossier, summary, facility_code, ma_lk, patient_id)
    diagnoses = visit.conditions(ctx)
    out: list[dict[str, Any]] = [visit.encounter(ctx, diagnoses)]
    out.extend(condition for condition, _ in diagnoses)
    out.extend(visit.observations(ctx))
    coverages = claim.coverages(ctx)
    out.extend(coverages)
    if bill := claim.claim(ctx, coverages):
        out.append(bill)
    out.extend(orders.medication_requests(ctx))
    lab_results, reports = results.diagnostic_results(ctx)
    out.extend(lab_results)
    out.extend(orders.procedures(ctx, reports))
    out.extend(documents.compositions(ctx))
    out.extend(birth.birth_certificates(ctx))
    out.extend(referral.referrals(ctx))
    out.extend(referral.appointments(ctx))
    return out
