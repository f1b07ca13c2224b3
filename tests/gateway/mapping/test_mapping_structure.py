"""Every resource mapped from generated dossiers is valid R4, references resolve, narratives are XHTML."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from lxml import etree

from yteso.fhir.models import validate_resource
from yteso.gateway.mapping import demographics, map_dossier, patient_resource

FACILITY = "01001"
PATIENT = "patient-1"
STORABLE = {
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Location",
    "Encounter",
    "Condition",
    "Observation",
    "DiagnosticReport",
    "MedicationRequest",
    "MedicationDispense",
    "MedicationStatement",
    "Medication",
    "Procedure",
    "Immunization",
    "AllergyIntolerance",
    "ServiceRequest",
    "Appointment",
    "Claim",
    "Coverage",
    "DocumentReference",
    "Composition",
    "Consent",
    "Device",
    "CodeSystem",
    "ValueSet",
}
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
LOCAL_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")


def _walk(node: Any, path: str = "") -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")
    else:
        yield path, node


def _check_all(resources: list[dict[str, Any]]) -> None:
    ids = [(r["resourceType"], r["id"]) for r in resources]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    known = {f"{t}/{i}" for t, i in ids} | {f"Patient/{PATIENT}"}
    for resource in resources:
        assert resource["resourceType"] in STORABLE
        assert FHIR_ID.fullmatch(resource["id"])
        validate_resource(resource)
        for path, value in _walk(resource):
            assert value != "", f"{resource['resourceType']}{path} is an empty string"
            if path.endswith(".reference"):
                assert value in known, f"{resource['resourceType']}{path} → {value} is not in the dossier"
            if path.endswith(".div"):
                root = etree.fromstring(value.encode())
                assert root.tag == "{http://www.w3.org/1999/xhtml}div"
            if isinstance(value, str) and "T" in value and re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", value):
                assert LOCAL_DATETIME.fullmatch(value), f"{path}: {value} is not Vietnam time"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_table_maps_to_valid_r4(seed: int, mapped, full, tables, of_type) -> None:
    rows = (
        full
        if seed == 3
        else tables(("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML11", "XML13", "XML14"), seed=seed)[0]
    )
    resources = mapped(rows)
    _check_all(resources)
    assert of_type(resources, "Encounter")


def test_typical_dossiers_map_to_valid_r4(tables) -> None:
    for rows in tables(n=25, seed=11):
        dossier_ = _dossier(rows)
        resources = map_dossier(dossier_, facility_code=FACILITY, patient_id=PATIENT)
        _check_all(resources)
        validate_resource(patient_resource(demographics(dossier_), PATIENT))


def test_full_dossier_has_a_resource_for_every_table(full, mapped) -> None:
    kinds = Counter(r["resourceType"] for r in mapped(full))
    assert set(kinds) == {
        "Encounter",
        "Condition",
        "Observation",
        "Coverage",
        "Claim",
        "MedicationRequest",
        "DiagnosticReport",
        "Procedure",
        "Composition",
        "Patient",
        "ServiceRequest",
        "Appointment",
    }
    # XML1 summary, XML5 per day, XML6, XML7, XML8, XML9, XML10, XML11, XML13, XML15
    assert kinds["Composition"] == 1 + len(full["XML5"]) + 8
    assert kinds["Patient"] == 1  # the newborn only: the mother's Patient is the caller's


def test_parsed_envelope_maps_like_generated_rows(tables) -> None:
    from yteso.gateway.xml4750 import parse_envelope
    from yteso.gateway.xml4750.generate import build_envelope

    generated = tables(("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML13", "XML14"), n=3, seed=4)
    parsed = parse_envelope(build_envelope(FACILITY, generated))
    for rows, dossier_ in zip(generated, parsed.dossiers, strict=True):
        direct = map_dossier(_dossier(rows), facility_code=FACILITY, patient_id=PATIENT)
        assert map_dossier(dossier_, facility_code=FACILITY, patient_id=PATIENT) == direct


def _dossier(rows: dict[str, Any]) -> Any:
    from yteso.gateway.xml4750.model import Dossier

    return Dossier(index=1, facility_code=FACILITY, tables=rows)


def test_every_resource_lands_in_the_patients_compartment(full, mapped) -> None:
    """The store files a resource under the patient its references name (access rules follow it):
    all in the dossier patient's compartment, but the newborn and its birth weight in the newborn's."""
    from yteso.fhir.indexer import index_resource

    resources = mapped(full)
    newborn = next(r["id"] for r in resources if r["resourceType"] == "Patient")
    for resource in resources:
        compartment = index_resource(resource).patient_id
        is_newborns = resource["resourceType"] == "Patient" or resource.get("subject", {}).get("reference") == (
            f"Patient/{newborn}"
        )
        assert compartment == (newborn if is_newborns else PATIENT), resource["resourceType"]
