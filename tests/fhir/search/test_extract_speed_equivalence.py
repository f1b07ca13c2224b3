"""The generated extractors behind ``extract_by_param`` give exactly what the search parameters'
FHIRPath expressions give: on claims gateway output, on the example resources of the tests, and on
random resources of every supported type built from the element type table (odd values included).

Two references, both independent of the generated code: the whole compiled expression of each
stored parameter (converted and deduplicated), and ``param_values`` (the per-branch closures).
"""

from __future__ import annotations

import ast
import random
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from yteso.fhir.search.definitions import SUPPORTED_TYPES, element_types, stored_params
from yteso.fhir.search.extract import CONVERTERS, _extractor_source, extract_by_param, param_values
from yteso.gateway.mapping import demographics, map_dossier, patient_resource
from yteso.gateway.xml4750 import open_envelope
from yteso.gateway.xml4750.generate import generate_envelope

TESTS = Path(__file__).resolve().parents[2]
Result = list[tuple[Any, list[Any]]]


def by_expression(resource: Mapping[str, Any]) -> Result:
    """Each stored parameter's whole FHIRPath expression, evaluated and converted."""
    rtype = resource.get("resourceType")
    if not isinstance(rtype, str):
        return []
    out = []
    for param, compiled in stored_params(rtype):
        converters = CONVERTERS[param.type]
        values: list[Any] = []
        for value, fhir_type in compiled(resource):
            convert = converters.get(fhir_type)
            if convert is not None:
                convert(value, values)
        if values:
            out.append((param, list(dict.fromkeys(values))))
    return out


def by_param(resource: Mapping[str, Any]) -> Result:
    """``param_values`` of each stored parameter."""
    rtype = resource.get("resourceType")
    if not isinstance(rtype, str):
        return []
    return [(param, found) for param, _ in stored_params(rtype) if (found := param_values(resource, param))]


def outcome(extract: Callable[[Mapping[str, Any]], Result], resource: Mapping[str, Any]) -> Any:
    """What ``extract`` gives, comparable exactly: params by identity, values with their types."""
    try:
        found = extract(resource)
    except Exception as exc:  # malformed input must fail the same way
        return type(exc)
    return [(id(param), param.code, [(type(v), v) for v in values]) for param, values in found]


def assert_same(resources: list[Mapping[str, Any]], *references: Callable[[Mapping[str, Any]], Result]) -> None:
    for resource in resources:
        got = outcome(extract_by_param, resource)
        for reference in references:
            assert got == outcome(reference, resource), (reference.__name__, dict(resource))


# -- corpora -------------------------------------------------------------------------------------------
def gateway_resources(dossiers: int) -> list[dict[str, Any]]:
    out = []
    for seed in (7, 8):
        with open_envelope(generate_envelope("01001", dossiers // 2, seed=seed)) as reader:
            for dossier in reader:
                out.append(patient_resource(demographics(dossier), "p1"))
                out.extend(map_dossier(dossier, facility_code="01001", patient_id="p1"))
    return out


def suite_resources() -> list[dict[str, Any]]:
    """The resource literals of the test suite (those built from literals and module constants)."""
    out = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: dict[str, Any] = {}
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
                value = _evaluate(stmt.value, names)
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                names.update({t.id: value for t in targets if isinstance(t, ast.Name) and value is not None})
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and any(
                isinstance(k, ast.Constant) and k.value == "resourceType" for k in node.keys
            ):
                value = _evaluate(node, names)
                if isinstance(value, dict) and isinstance(value.get("resourceType"), str):
                    out.append(value)
    return out


def _evaluate(node: ast.expr, names: dict[str, Any]) -> Any:
    try:
        return eval(compile(ast.Expression(node), "<test literal>", "eval"), {"__builtins__": {}}, dict(names))
    except Exception:
        return None


ODD: list[Any] = [None, "", "  ", 0, 1.5, True, False, [], {}, [None], ["x", None], {"x": 1}, [{}]]
PRIMITIVES: dict[str, list[Any]] = {
    "string": ["Nguyễn", "Văn An", "  ", "", "Hà Nội", "Nguyễn"],
    "markdown": ["*ghi chú*", ""],
    "code": ["final", "active", "male", "phone", "email", "final", ""],
    "id": ["x1", "x2"],
    "boolean": [True, False],
    "uri": ["http://loinc.org", "urn:oid:1.2.3", "http://loinc.org", ""],
    "url": ["http://x.vn/a"],
    "canonical": ["http://x.vn/PlanDefinition/p|1.0", "http://x.vn/ValueSet/v"],
    "oid": ["urn:oid:1.2"],
    "uuid": ["urn:uuid:7c2a1f0e-3b1d-4a8e-9f57-0f2b8e8f9c11"],
    "date": ["2024", "2024-02", "2024-02-29", "2023-02-29", "03/02/1990", "2024-05-01"],
    "dateTime": ["2024-05-01T08:30:00+07:00", "2024-05-01", "2024-05-01T08:30:00Z", "2024-13", "2024-05-01T08:30"],
    "instant": ["2024-05-01T08:30:00.123+07:00", "2024-05-01T08:30:00Z", "bad"],
    "time": ["08:30:00"],
    "decimal": [72, 80.5, 0, -1.25, True],
    "integer": [3, 0, 7],
    "positiveInt": [1, 2],
    "unsignedInt": [0, 4],
    "base64Binary": ["aGVsbG8="],
    "xhtml": ["<div/>"],
}
REFERENCES: list[dict[str, Any]] = [
    {"reference": "Patient/bn-001"},
    {"reference": "Patient/bn-001", "display": "An"},
    {"reference": "Practitioner/bs-lan"},
    {"reference": "#contained-1"},
    {"reference": "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "type": "Patient"},
    {"reference": "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"},
    {"reference": "not a reference", "type": "Organization"},
    {"reference": "https://fhir.yteso.vn/fhir/Observation/o1/_history/2"},
    {"type": "Organization", "identifier": {"system": "http://x.vn/sid", "value": "01001"}},
    {"reference": "", "type": "Patient"},
    {"reference": 5},
]


def synth(rng: random.Random, fhir_type: str, depth: int = 0) -> Any:
    """A random value of ``fhir_type``: small palettes, so that values repeat, and some odd ones."""
    if depth and rng.random() < 0.06:
        return rng.choice(ODD)
    if fhir_type == "Reference":
        return dict(rng.choice(REFERENCES))
    if fhir_type in PRIMITIVES:
        return rng.choice(PRIMITIVES[fhir_type])
    table = element_types().get(fhir_type)
    if table is None or depth > 4:
        return {"text": "x"}
    out: dict[str, Any] = {}
    names = sorted(table)
    for name in rng.sample(names, k=min(len(names), rng.randint(1, 8))):
        if name in ("id", "text", "contained", "extension") and fhir_type in SUPPORTED_TYPES:
            continue
        spec = table[name]
        choices = [spec] if isinstance(spec, str) else rng.sample(spec, k=1 if rng.random() < 0.9 else 2)
        for element_type in choices:
            key = name if isinstance(spec, str) else name + element_type[:1].upper() + element_type[1:]
            value = synth(rng, element_type, depth + 1)
            if rng.random() < 0.35:  # a repeating element, sometimes with a repeated value
                value = [value, *(synth(rng, element_type, depth + 1) for _ in range(rng.randint(0, 2)))]
                if rng.random() < 0.3:
                    value.append(value[0])
            out[key] = value
    return out


def random_resources(resource_type: str, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(f"{resource_type}:{seed}")
    return [{**synth(rng, resource_type), "resourceType": resource_type} for _ in range(count)]


RICH: list[dict[str, Any]] = [
    {
        "resourceType": "Patient",
        "meta": {
            "profile": ["http://fhir.hl7.org.vn/core/StructureDefinition/vn-core-patient", ""],
            "tag": [
                {"system": "http://yteso.vn/tag", "code": "demo"},
                {"code": "demo", "system": "http://yteso.vn/tag"},
            ],
            "security": [{"code": "N"}, {"display": "only"}],
            "source": "http://bv.vn/his",
        },
        "identifier": [{"system": "http://x/cccd", "value": "001"}, {"value": "001", "system": "http://x/cccd"}, {}],
        "active": False,
        "name": [
            {"family": "Nguyễn", "given": ["Văn", "An", None, "  "], "text": "Nguyễn Văn An", "prefix": ["Ông"]},
            {"family": "Nguyễn", "given": "An", "suffix": ["Jr"]},
            "Nguyễn",
        ],
        "telecom": [
            {"system": "phone", "value": "0912"},
            {"system": "email", "value": "a@b.vn"},
            {"system": "email", "value": "a@b.vn"},
            {"system": "phone", "value": ""},
            {"system": "fax", "value": "024"},
            None,
        ],
        "gender": "female",
        "birthDate": "1990-02",
        "deceasedDateTime": "2024-03-01T10:00:00+07:00",
        "address": [
            {"line": ["12 Phố Huế", "P. 3"], "city": "Hà Nội", "district": "HBT", "use": "home", "postalCode": "1"},
            {"text": "Số 8, Hà Nội", "country": "VN", "state": "HN", "use": "work"},
        ],
        "managingOrganization": {"reference": "Organization/o1"},
        "generalPractitioner": [
            {"reference": "#gp"},
            {"reference": "Practitioner/p1"},
            {"reference": "bad", "type": "X"},
        ],
        "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "vi"}]}}],
        "link": [{"other": {"reference": "Patient/p0"}}, {"other": {"reference": "Patient/p0"}}],
        "contained": [{"resourceType": "Practitioner", "id": "gp"}],
    },
    {"resourceType": "Patient", "deceasedBoolean": True, "name": {"text": "An"}, "telecom": {"system": "email"}},
    {"resourceType": "Organization", "name": "Bệnh viện Bạch Mai", "active": True},
    {"resourceType": "Organization", "name": "BV", "alias": ["BV", "Bạch Mai"], "type": [{"text": "only text"}]},
    {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "1"}, {"system": "http://loinc.org", "code": "1"}]},
        "effectiveTiming": {"event": ["2024-05-01T08:00:00Z", "2024-05-02", "nope"]},
        "effectiveInstant": "2024-05-01T08:00:00Z",
        "valueCodeableConcept": {"coding": [{"code": "A"}], "text": "Nhóm A"},
        "valuePeriod": {"end": "2024-05"},
        "component": [
            {"code": {"coding": [{"code": "c1"}]}, "valueQuantity": {"value": 120, "unit": "mmHg"}},
            {"code": {"coding": [{"code": "c1"}]}, "valueCodeableConcept": {"coding": [{"code": "v"}]}},
            {"dataAbsentReason": {"coding": [{"code": "unknown"}]}, "valueQuantity": {"value": True}},
        ],
    },
    {"resourceType": "Observation", "valueString": "  ", "valueDateTime": "2024", "effectivePeriod": {"start": 5}},
    {
        "resourceType": "Claim",
        "total": {"value": 150000, "currency": "VND"},
        "item": [{"udi": [{"reference": "Device/d"}]}],
    },
    {
        "resourceType": "Immunization",
        "status": "completed",
        "vaccineCode": {"coding": [{"system": "http://x/vx", "code": "BCG"}]},
        "patient": {"reference": "Patient/p1"},
        "occurrenceString": "lúc nhỏ",
        "lotNumber": "L1",
        "protocolApplied": [{"doseNumberPositiveInt": 2, "series": "a"}],
    },
    {"resourceType": "Immunization", "occurrenceDateTime": "2020-01-01", "patient": {"reference": "#p"}},
    {
        "resourceType": "Consent",
        "status": "active",
        "scope": {"coding": [{"code": "patient-privacy"}]},
        "category": [{"coding": [{"code": "INFA"}]}],
        "patient": {"reference": "Patient/p1"},
        "dateTime": "2024-05-01T08:00:00+07:00",
        "sourceReference": {"reference": "DocumentReference/d1"},
        "provision": {"period": {"start": "2024-01-01"}, "actor": [{"reference": {"reference": "Organization/o"}}]},
    },
    {
        "resourceType": "Consent",
        "sourceAttachment": {"url": "http://x"},
        "organization": [{"reference": "Organization/o"}],
    },
    {
        "resourceType": "Bundle",
        "type": "transaction",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:1"},
        "timestamp": "2024-05-01T08:00:00Z",
        "entry": [{"resource": {"resourceType": "Patient"}}],
        "meta": {"tag": {"code": "t"}},
    },
    {
        "resourceType": "AuditEvent",
        "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110110"},
        "recorded": "2024-05-01T08:30:00.123+07:00",
        "period": {"start": "2024-05-01"},
        "agent": [{"who": {"reference": "Practitioner/p"}, "altId": "a", "requestor": True}],
        "entity": [{"what": {"reference": "Patient/bn-001"}}, {"what": {"reference": "Observation/o"}}],
        "source": {"observer": {"reference": "Device/his"}, "site": "x"},
    },
    {"resourceType": "ServiceRequest", "occurrenceTiming": {"event": ["2024-01-01"]}, "authoredOn": "2024"},
    {"resourceType": "MedicationStatement", "effectivePeriod": {"start": "2024-01-01", "end": "2023-12-31T25:00"}},
    {"resourceType": "DocumentReference", "masterIdentifier": {"value": "m"}, "identifier": [{"value": "m"}]},
    {"resourceType": "Device", "deviceName": [{"name": "Máy"}], "type": {"coding": [{"display": "Máy"}], "text": "x"}},
    {
        "resourceType": "ValueSet",
        "expansion": {"contains": [{"code": "a"}]},
        "compose": {"include": [{"concept": [{"code": "a"}]}]},
    },
    {
        "resourceType": "AllergyIntolerance",
        "code": {"coding": [{"code": "s"}]},
        "reaction": [{"substance": {"coding": [{"code": "s"}]}}],
    },
    {
        "resourceType": "Condition",
        "onsetAge": {"value": 45, "unit": "năm"},
        "abatementPeriod": {"start": "2024"},
        "onsetString": "x",
    },
    {"resourceType": "Practitioner", "telecom": [{"system": "email", "value": "x@y.vn"}], "name": [{"family": "Lan"}]},
    {"resourceType": "Group"},
    {"resourceType": 5},
    {},
]


# -- tests ---------------------------------------------------------------------------------------------
def test_gateway_dossiers_give_the_same_values() -> None:
    resources = gateway_resources(240)
    assert len(resources) > 5000
    assert_same(resources, by_expression, by_param)


def test_example_resources_of_the_tests_give_the_same_values() -> None:
    resources = [*suite_resources(), *RICH]
    assert len({r["resourceType"] for r in resources if isinstance(r.get("resourceType"), str)}) >= 20
    assert_same(resources, by_expression, by_param)


@pytest.mark.parametrize("resource_type", SUPPORTED_TYPES)
def test_random_resources_of_every_type_give_the_same_values(resource_type: str) -> None:
    resources = random_resources(resource_type, 150, seed=1)
    assert_same(resources, by_expression, by_param)
    found = {code for r in resources if isinstance(got := outcome(extract_by_param, r), list) for _, code, _ in got}
    assert len(found) >= len(stored_params(resource_type)) // 2  # the corpus reaches most parameters


def test_mutated_gateway_resources_give_the_same_values() -> None:
    rng = random.Random(3)
    resources = []
    for resource in gateway_resources(20):
        for _ in range(3):
            copy = {k: v for k, v in resource.items() if k == "resourceType" or rng.random() < 0.8}
            key = rng.choice(sorted(copy))
            if key != "resourceType":
                copy[key] = rng.choice([rng.choice(ODD), [copy[key]], [copy[key], copy[key]]])
            resources.append(copy)
    assert_same(resources, by_expression, by_param)


def test_mappings_that_are_not_dicts_give_the_same_values() -> None:
    # compiled FHIRPath reads dicts only, the plain member walks read any mapping: param_values tells
    resources = [*RICH, *random_resources("Patient", 30, seed=2), *random_resources("Observation", 30, seed=2)]
    assert_same([MappingProxyType(r) for r in resources if isinstance(r.get("resourceType"), str)], by_param)


def test_a_branch_shared_by_two_params_gives_both_the_same_list() -> None:
    found = dict((p.code, values) for p, values in extract_by_param({"resourceType": "Organization", "name": "BV"}))
    assert found["name"] is found["phonetic"]


def test_generated_source_is_readable_python() -> None:
    for resource_type in SUPPORTED_TYPES:
        source = _extractor_source(resource_type)
        compile(source, resource_type, "exec")
        assert source.startswith(f"def extract_{resource_type}(resource):")
        for param, _ in stored_params(resource_type):
            assert f"# {param.code} ({param.type}): " in source
