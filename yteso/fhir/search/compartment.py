"""Patient compartment membership (FHIR R4 4.0.1 CompartmentDefinition ``patient``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from yteso.fhir.search.definitions import SearchParam, params_for, storage
from yteso.fhir.search.extract import ReferenceValue, extract_by_param

PATIENT_COMPARTMENT: dict[str, tuple[str, ...]] = {
    "AllergyIntolerance": ("patient", "recorder", "asserter"),
    "Appointment": ("actor",),
    "AuditEvent": ("patient",),
    "Claim": ("patient", "payee"),
    "Composition": ("subject", "author", "attester"),
    "Condition": ("patient", "asserter"),
    "Consent": ("patient",),
    "Coverage": ("policy-holder", "subscriber", "beneficiary", "payor"),
    "DiagnosticReport": ("subject",),
    "DocumentReference": ("subject", "author"),
    "Encounter": ("patient",),
    "Immunization": ("patient",),
    "MedicationDispense": ("subject", "patient", "receiver"),
    "MedicationRequest": ("subject",),
    "MedicationStatement": ("subject",),
    "Observation": ("subject", "performer"),
    "Patient": ("link",),
    "Procedure": ("patient", "performer"),
    "ServiceRequest": ("subject", "performer"),
}
"""Search parameters putting a resource in a Patient's compartment, for the supported types.

Types absent here (Bundle, CodeSystem, Device, Location, Medication, Organization, Practitioner,
PractitionerRole, ValueSet) are never in a Patient compartment in R4.
"""


@cache
def _compartment_codes(resource_type: str) -> frozenset[str]:
    """Stored parameter codes whose Patient references put a ``resource_type`` in a compartment."""
    return frozenset(code for param in _params(resource_type) for code in storage(param).codes)


def patients_referenced(resource_type: str, references: Iterable[tuple[str, ReferenceValue]]) -> set[str]:
    """Patients whose compartment a ``resource_type`` is in, from its extracted ``(param code,
    reference)`` values (the store computes these at write time, so no second extraction)."""
    codes = _compartment_codes(resource_type)
    return {v.target_id for code, v in references if code in codes and v.target_type == "Patient" and v.target_id}


@cache
def _params(resource_type: str) -> tuple[SearchParam, ...]:
    known = params_for(resource_type)
    return tuple(known[code] for code in PATIENT_COMPARTMENT.get(resource_type, ()) if code in known)


def patient_ids(resource: Mapping[str, Any]) -> set[str]:
    """Ids of the Patients whose compartment ``resource`` is in.

    Only literal ``Patient/<id>`` references (relative or absolute) count, never ``urn:uuid:``.
    A Patient is in its own compartment (its ``id``) and in those of the patients it links to.
    """
    rtype = resource.get("resourceType")
    if not isinstance(rtype, str):
        return set()
    ids: set[str] = set()
    if rtype == "Patient" and isinstance(resource.get("id"), str) and resource["id"]:
        ids.add(resource["id"])
    references = [(p.code, v) for p, found in extract_by_param(resource) if p.type == "reference" for v in found]
    return ids | patients_referenced(rtype, references)
