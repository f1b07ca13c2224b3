"""The CapabilityStatement: generated from what the store truly supports, per resource type."""

from __future__ import annotations

from functools import cache
from typing import Any

from yteso import __version__
from yteso.fhir.models import FHIR_VERSION
from yteso.fhir.search.definitions import SUPPORTED_TYPES, params_for, unsupported_params

_INTERACTIONS = ["read", "vread", "update", "delete", "history-instance", "history-type", "create", "search-type"]
# Operations served (the terminology ones by yteso.registries, $match by yteso.identity.mpi).
_OPERATIONS = {
    "Patient": ("everything", "match"),
    "CodeSystem": ("lookup", "validate-code"),
    "ValueSet": ("expand", "validate-code"),
}
_MODIFIER_DOC = {
    "token": "system|code, |code, system|, :not, :missing",
    "string": "starts-with, case- and diacritic-insensitive; :exact, :contains, :missing",
    "date": "prefixes eq ne gt lt ge le sa eb ap, precision-aware; :missing",
    "reference": "Type/id, id, URL, :Type, one level of chaining; :missing",
    "number": "prefixes, precision-aware eq",
    "quantity": "[prefix]number|system|code",
    "uri": "exact, :below",
}


@cache
def capability_statement() -> dict[str, Any]:
    """R4 CapabilityStatement listing every supported interaction and search parameter."""
    resources = []
    for res_type in SUPPORTED_TYPES:
        params = [{"name": "_id", "type": "token"}, {"name": "_lastUpdated", "type": "date"}]
        params += [
            {"name": p.code, "definition": p.url, "type": p.type, "documentation": _MODIFIER_DOC.get(p.type, "")}
            for p in sorted(params_for(res_type).values(), key=lambda p: p.code)
        ]
        entry: dict[str, Any] = {
            "type": res_type,
            "interaction": [{"code": c} for c in _INTERACTIONS],
            "versioning": "versioned-update",
            "readHistory": True,
            "updateCreate": True,
            "conditionalCreate": True,
            "conditionalUpdate": True,
            "conditionalDelete": "not-supported",
            "searchInclude": sorted(
                f"{res_type}:{p.code}" for p in params_for(res_type).values() if p.type == "reference"
            ),
            "searchParam": params,
        }
        skipped = unsupported_params(res_type)
        if skipped:
            entry["documentation"] = "Not supported: " + "; ".join(f"{k} ({v})" for k, v in sorted(skipped.items()))
        if res_type in _OPERATIONS:
            entry["operation"] = [
                {"name": name, "definition": f"http://hl7.org/fhir/OperationDefinition/{res_type}-{name}"}
                for name in _OPERATIONS[res_type]
            ]
        resources.append(entry)
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-11-24",
        "publisher": "yteso",
        "kind": "instance",
        "software": {"name": "yteso", "version": __version__},
        "implementation": {"description": "yteso — nền tảng y tế số quốc gia (FHIR R4 store)"},
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "cors": False,
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "SMART-on-FHIR",
                                }
                            ]
                        }
                    ],
                    "description": "Bearer JWT (OIDC); SMART scopes; compartments, facility consent, break-the-glass",
                },
                "resource": resources,
                "interaction": [{"code": "transaction"}, {"code": "batch"}, {"code": "history-system"}],
            }
        ],
    }
