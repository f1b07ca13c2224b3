"""Search-index extraction: definitions, the FHIRPath compiler, value conversion, compartments."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from yteso.fhir.search.compartment import PATIENT_COMPARTMENT, patient_ids
from yteso.fhir.search.definitions import (
    INDEXABLE,
    SUPPORTED_TYPES,
    SearchParam,
    element_types,
    params_for,
    storage,
    unsupported_params,
)
from yteso.fhir.search.extract import (
    CONVERTERS,
    FAR_FUTURE,
    FAR_PAST,
    DateValue,
    NumberValue,
    QuantityValue,
    ReferenceValue,
    StringValue,
    TokenValue,
    UriValue,
    date_range,
    extract,
    param_values,
)
from yteso.fhir.search.fhirpath import UnsupportedExpression, compile_path, split_union

CCCD = "http://fhir.hl7.org.vn/core/sid/cccd"
BHYT = "http://fhir.hl7.org.vn/core/sid/bhyt"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
VN = timezone(timedelta(hours=7))


def ts(*args: int, tz: timezone = VN) -> int:
    return int(datetime(*args, tzinfo=tz).timestamp())  # type: ignore[misc]


def values(resource: dict[str, Any], code: str) -> list[Any]:
    """The values of one parameter, whether it has rows of its own or repeats others'."""
    param = params_for(resource["resourceType"]).get(code)
    return [] if param is None else param_values(resource, param)


def test_extract_stores_each_value_once_and_aliases_read_the_stored_rows() -> None:
    """``patient`` repeats ``subject`` (Patient targets), ``combo-code`` repeats ``code`` and
    ``component-code``: their rows are not stored, and what they would hold is in the stored ones."""
    obs = {
        **OBSERVATION,
        "component": [{"code": {"coding": [{"system": LOINC, "code": "8480-6"}]}, "valueQuantity": {"value": 1}}],
    }
    stored = {(p.code, v) for p, v in extract(obs)}
    codes = {code for code, _ in stored}
    assert {"subject", "code", "component-code"} <= codes
    assert not codes & {"patient", "combo-code", "combo-value-quantity"}
    observation = params_for("Observation")
    for alias in ("patient", "combo-code", "combo-value-quantity"):
        where = storage(observation[alias])
        assert where.is_alias
        held = {v for code, v in stored if code in where.codes}
        if where.target_type:
            held = {v for v in held if v.target_type == where.target_type}
        assert set(values(obs, alias)) == held
    assert storage(params_for("Coverage")["patient"]).codes == ("beneficiary",)
    assert not storage(observation["subject"]).is_alias


PATIENT: dict[str, Any] = {
    "resourceType": "Patient",
    "id": "bn-001",
    "meta": {
        "profile": ["http://fhir.hl7.org.vn/core/StructureDefinition/vn-core-patient"],
        "tag": [{"system": "http://yteso.vn/tag", "code": "demo"}],
        "security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "N"}],
        "source": "http://bv-bachmai.vn/his",
    },
    "identifier": [
        {"system": CCCD, "value": "001090012345", "type": {"coding": [{"code": "NI"}]}},
        {"system": BHYT, "value": "DN4010123456789"},
    ],
    "active": True,
    "name": [{"use": "official", "text": "Nguyễn Văn An", "family": "Nguyễn", "given": ["Văn", "An"]}],
    "telecom": [
        {"system": "phone", "value": "0912345678", "use": "mobile"},
        {"system": "email", "value": "an.nguyen@example.vn"},
    ],
    "gender": "male",
    "birthDate": "1990-02-03",
    "address": [
        {
            "use": "home",
            "line": ["12 Phố Huế"],
            "district": "Hai Bà Trưng",
            "city": "Hà Nội",
            "postalCode": "100000",
            "country": "VN",
        }
    ],
    "managingOrganization": {"reference": "Organization/bv-bachmai"},
    "generalPractitioner": [{"reference": "Practitioner/bs-lan"}],
    "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "vi"}]}}],
    "link": [{"other": {"reference": "Patient/bn-000"}, "type": "replaces"}],
}

OBSERVATION: dict[str, Any] = {
    "resourceType": "Observation",
    "id": "ob-1",
    "status": "final",
    "category": [
        {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                    "code": "vital-signs",
                }
            ]
        }
    ],
    "code": {
        "coding": [{"system": LOINC, "code": "85354-9", "display": "Blood pressure panel"}],
        "text": "Huyết áp",
    },
    "subject": {"reference": "Patient/bn-001"},
    "encounter": {"reference": "Encounter/kb-1"},
    "effectiveDateTime": "2024-05-01T08:30:00+07:00",
    "performer": [{"reference": "Practitioner/bs-lan"}, {"reference": "Patient/bn-001"}],
    "valueQuantity": {"value": 72, "unit": "nhịp/phút", "system": UCUM, "code": "/min"},
    "component": [
        {
            "code": {"coding": [{"system": LOINC, "code": "8480-6", "display": "Systolic"}]},
            "valueQuantity": {"value": 120, "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"},
        },
        {
            "code": {"coding": [{"system": LOINC, "code": "8462-4", "display": "Diastolic"}]},
            "valueQuantity": {"value": 80.5, "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"},
        },
    ],
}

ENCOUNTER: dict[str, Any] = {
    "resourceType": "Encounter",
    "id": "kb-1",
    "identifier": [{"system": "http://bv-bachmai.vn/sid/ma-lk", "value": "LK2024-0001"}],
    "status": "finished",
    "class": {
        "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "code": "AMB",
        "display": "ngoại trú",
    },
    "subject": {"reference": "Patient/bn-001"},
    "participant": [{"individual": {"reference": "Practitioner/bs-lan"}}],
    "period": {"start": "2024-05-01T08:00:00+07:00", "end": "2024-05-01T09:15:00+07:00"},
    "serviceProvider": {"reference": "Organization/bv-bachmai"},
}


# -- dates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1990", ts(1990, 1, 1), ts(1991, 1, 1) - 1),
        ("1990-02", ts(1990, 2, 1), ts(1990, 3, 1) - 1),
        ("2024-02", ts(2024, 2, 1), ts(2024, 3, 1) - 1),  # leap February
        ("1990-02-03", ts(1990, 2, 3), ts(1990, 2, 4) - 1),
        ("2024-12-31", ts(2024, 12, 31), ts(2025, 1, 1) - 1),
        ("2024-05-01T08:30", ts(2024, 5, 1, 8, 30), ts(2024, 5, 1, 8, 30) + 59),
        ("2024-05-01T08:30:15", ts(2024, 5, 1, 8, 30, 15), ts(2024, 5, 1, 8, 30, 15)),
        ("2024-05-01T08:30:15.999", ts(2024, 5, 1, 8, 30, 15), ts(2024, 5, 1, 8, 30, 15)),
        ("2024-05-01T08:30:15Z", ts(2024, 5, 1, 8, 30, 15, tz=UTC), ts(2024, 5, 1, 8, 30, 15, tz=UTC)),
        ("2024-05-01T08:30:15+07:00", ts(2024, 5, 1, 8, 30, 15), ts(2024, 5, 1, 8, 30, 15)),
        (
            "2024-05-01T08:30:15-05:30",
            ts(2024, 5, 1, 8, 30, 15, tz=timezone(-timedelta(hours=5, minutes=30))),
            ts(2024, 5, 1, 8, 30, 15, tz=timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("0001-01-01T00:00:00Z", FAR_PAST, FAR_PAST),
        ("9999-12-31T23:59:59Z", FAR_FUTURE, FAR_FUTURE),
        ("1969-12-31T23:59:59Z", -1, -1),
    ],
)
def test_date_range_precision(text: str, low: int, high: int) -> None:
    assert date_range(text) == (low, high)


def test_date_without_timezone_is_vietnam_time() -> None:
    # midnight 3 Feb 1990 in Hà Nội is 17:00 UTC on 2 Feb
    low, high = date_range("1990-02-03")
    assert datetime.fromtimestamp(low, UTC) == datetime(1990, 2, 2, 17, tzinfo=UTC)
    assert datetime.fromtimestamp(high, UTC) == datetime(1990, 2, 3, 16, 59, 59, tzinfo=UTC)
    assert date_range("2024-05-01T08:30:00") == date_range("2024-05-01T01:30:00Z")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "90",
        "2023-02-29",
        "2024-13",
        "2024-04-31",
        "2024-01-01T25:00:00Z",
        "2024-01-01T10:00:00+15:00",
        "2024-01-01 10:00",
        "2024-01-01T10",
    ],
)
def test_date_range_rejects_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        date_range(text)


# -- definitions -------------------------------------------------------------------------------------
COMMON = {
    "Patient": {
        "name",
        "family",
        "given",
        "birthdate",
        "gender",
        "identifier",
        "address",
        "telecom",
        "phone",
        "email",
        "organization",
        "general-practitioner",
        "active",
        "deceased",
        "link",
    },
    "Observation": {
        "code",
        "date",
        "subject",
        "patient",
        "value-quantity",
        "category",
        "status",
        "encounter",
        "performer",
        "component-code",
        "value-concept",
        "identifier",
    },
    "Encounter": {
        "patient",
        "date",
        "identifier",
        "status",
        "class",
        "service-provider",
        "subject",
        "practitioner",
        "type",
        "location",
    },
    "Practitioner": {"name", "family", "given", "identifier", "telecom", "active"},
    "PractitionerRole": {"practitioner", "organization", "role", "specialty", "identifier"},
    "Organization": {"name", "identifier", "type", "partof", "address", "active"},
    "Location": {"name", "identifier", "address", "organization", "type", "status"},
    "Condition": {"code", "patient", "subject", "clinical-status", "onset-date", "category", "encounter"},
    "DiagnosticReport": {"code", "patient", "subject", "date", "status", "result", "category"},
    "MedicationRequest": {"code", "patient", "subject", "medication", "status", "authoredon", "intent"},
    "MedicationDispense": {"code", "patient", "medication", "status", "whenhandedover", "prescription"},
    "MedicationStatement": {"code", "patient", "medication", "status", "effective"},
    "Medication": {"code", "identifier", "form", "status", "ingredient-code"},
    "Procedure": {"code", "patient", "subject", "date", "status", "performer"},
    "Immunization": {"vaccine-code", "patient", "date", "status", "lot-number"},
    "AllergyIntolerance": {"code", "patient", "clinical-status", "criticality", "date"},
    "ServiceRequest": {"code", "patient", "subject", "status", "intent", "requester", "authored"},
    "Appointment": {"actor", "patient", "practitioner", "location", "date", "status"},
    "Claim": {"patient", "identifier", "created", "status", "provider", "insurer", "use"},
    "Coverage": {"beneficiary", "patient", "identifier", "payor", "status", "type", "subscriber"},
    "DocumentReference": {"patient", "subject", "type", "date", "status", "identifier", "author"},
    "Composition": {"patient", "subject", "type", "date", "status", "author", "title"},
    "Consent": {"patient", "status", "category", "date", "scope"},
    "AuditEvent": {"patient", "agent", "entity", "date", "type", "action", "outcome"},
    "Device": {"patient", "identifier", "type", "status", "organization"},
    "CodeSystem": {"url", "system", "code", "name", "status", "version"},
    "ValueSet": {"url", "code", "name", "status", "version", "reference"},
    "Bundle": {"identifier", "type", "timestamp"},
}


def test_supported_types_have_common_params() -> None:
    assert set(COMMON) == set(SUPPORTED_TYPES)
    for rtype in SUPPORTED_TYPES:
        params = params_for(rtype)
        missing = COMMON[rtype] - set(params)
        assert not missing, f"{rtype}: {missing}"
        assert {"_tag", "_profile", "_security", "_source"} <= set(params)
        assert not {"_id", "_lastUpdated"} & (set(params) | set(unsupported_params(rtype)))
        for code, param in params.items():
            assert param.resource_type == rtype and param.code == code
            assert param.type in INDEXABLE


def test_param_fields_are_restricted_to_the_type() -> None:
    patient = params_for("Observation")["patient"]
    assert patient == SearchParam(
        resource_type="Observation",
        code="patient",
        type="reference",
        expression="Observation.subject.where(resolve() is Patient)",
        targets=("Patient",),
        url="http://hl7.org/fhir/SearchParameter/clinical-patient",
        description=patient.description,
    )
    assert patient.description and "Multiple Resources" not in patient.description
    assert params_for("Patient")["birthdate"].expression == "Patient.birthDate"
    assert params_for("Patient")["_tag"].expression == "Resource.meta.tag"
    assert "Group" in params_for("Observation")["subject"].targets
    assert params_for("Patient") is params_for("Patient")  # cached


def test_unsupported_params_are_reported_with_reasons() -> None:
    obs = unsupported_params("Observation")
    assert obs["code-value-quantity"] == "composite parameter"
    assert obs["combo-code-value-concept"] == "composite parameter"
    assert unsupported_params("Location")["near"] == "special parameter"
    assert "no FHIRPath expression" in unsupported_params("Patient")["_text"]
    assert "_text" not in unsupported_params("Bundle")  # Bundle is not a DomainResource
    assert "cannot be indexed as reference" in unsupported_params("Bundle")["composition"]
    for rtype in SUPPORTED_TYPES:
        assert not set(unsupported_params(rtype)) & set(params_for(rtype))
    assert params_for("Group") == {} and unsupported_params("Group") == {}
    assert params_for("NotAType") == {}


def test_indexable_types_match_converters() -> None:
    assert {k: frozenset(v) for k, v in CONVERTERS.items()} == INDEXABLE


# -- FHIRPath compiler -------------------------------------------------------------------------------
def run(expression: str, resource: dict[str, Any]) -> list[tuple[Any, str]]:
    return compile_path(expression, resource["resourceType"], element_types())(resource)


def test_fhirpath_paths_choices_and_unions() -> None:
    assert run("Patient.name.given", PATIENT) == [("Văn", "string"), ("An", "string")]
    assert run("Observation.effective", OBSERVATION) == [("2024-05-01T08:30:00+07:00", "dateTime")]
    assert run("(Observation.value as CodeableConcept)", OBSERVATION) == []
    assert run("Observation.value.as(Quantity).unit", OBSERVATION) == [("nhịp/phút", "string")]
    assert run("Observation.component.value.ofType(Quantity).value", OBSERVATION) == [
        (120, "decimal"),
        (80.5, "decimal"),
    ]
    assert run("Patient.gender | Patient.birthDate", PATIENT) == [("male", "code"), ("1990-02-03", "date")]
    assert run("Patient.telecom.where(system='email').value", PATIENT) == [("an.nguyen@example.vn", "string")]
    assert run("Observation.performer.where(resolve() is Patient)", OBSERVATION) == [
        ({"reference": "Patient/bn-001"}, "Reference")
    ]
    assert run("Patient.identifier[1].value", PATIENT) == [("DN4010123456789", "string")]
    assert run("Patient.identifier.first().system", PATIENT) == [(CCCD, "uri")]
    assert run("Patient.name.exists()", PATIENT) == [(True, "boolean")]
    assert run("Patient.photo.empty()", PATIENT) == [(True, "boolean")]
    assert run("Patient.deceased.exists() and Patient.deceased != false", PATIENT) == [(False, "boolean")]
    assert run("Patient.active = true or Patient.gender = 'female'", PATIENT) == [(True, "boolean")]


def test_fhirpath_extensions() -> None:
    ethnic = "http://fhir.hl7.org.vn/core/StructureDefinition/vn-ext-ethnic"
    patient = {
        **PATIENT,
        "extension": [
            {
                "url": ethnic,
                "valueCoding": {"system": "http://fhir.hl7.org.vn/core/CodeSystem/ethnic", "code": "01"},
            },
            {"url": "http://example.org/other", "valueString": "x"},
        ],
    }
    assert run(f"Patient.extension('{ethnic}').value.code", patient) == [("01", "code")]
    assert run(f"Patient.extension.where(url='{ethnic}').value", patient) == [
        (patient["extension"][0]["valueCoding"], "Coding")
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "Patient.name.select(family)",
        "Patient.birthDate > @2000-01-01",
        "Patient.name.family.substring(0, 1)",
        "Patient.nonexistent",
        "Patient.name.where(resolve() is Patient)",
        "Patient.name[",
        "$this.name",
        "Patient.gender as Quantity",
        "Patient.contact.name.family.where(length() > 2)",
    ],
)
def test_fhirpath_rejects_unsupported(expression: str) -> None:
    with pytest.raises(UnsupportedExpression):
        compile_path(expression, "Patient", element_types())


def test_split_union_respects_parentheses_and_quotes() -> None:
    assert split_union("(A.b as X) | A.c.where(d='x|y') | B.e") == ["(A.b as X)", "A.c.where(d='x|y')", "B.e"]


def test_other_type_branches_are_ignored() -> None:
    assert run("Practitioner.name | Patient.gender", PATIENT) == [("male", "code")]


# -- extraction --------------------------------------------------------------------------------------
def test_patient_strings_tokens_dates_references() -> None:
    assert values(PATIENT, "name") == [StringValue(s) for s in ("Nguyễn", "Văn", "An", "Nguyễn Văn An")]
    assert values(PATIENT, "family") == [StringValue("Nguyễn")]
    assert values(PATIENT, "given") == [StringValue("Văn"), StringValue("An")]
    assert values(PATIENT, "identifier") == [
        TokenValue(CCCD, "001090012345", None),
        TokenValue(BHYT, "DN4010123456789", None),
    ]
    assert values(PATIENT, "birthdate") == [DateValue(ts(1990, 2, 3), ts(1990, 2, 4) - 1)]
    assert values(PATIENT, "gender") == [TokenValue(None, "male", None)]
    assert values(PATIENT, "active") == [TokenValue(None, "true", None)]
    assert values(PATIENT, "phone") == [TokenValue(None, "0912345678", None)]
    assert values(PATIENT, "email") == [TokenValue(None, "an.nguyen@example.vn", None)]
    assert len(values(PATIENT, "telecom")) == 2
    assert values(PATIENT, "address") == [
        StringValue(s) for s in ("12 Phố Huế", "Hà Nội", "Hai Bà Trưng", "100000", "VN")
    ]
    assert values(PATIENT, "address-city") == [StringValue("Hà Nội")]
    assert values(PATIENT, "address-use") == [TokenValue(None, "home", None)]
    assert values(PATIENT, "language") == [TokenValue("urn:ietf:bcp:47", "vi", None)]
    assert values(PATIENT, "organization") == [ReferenceValue("Organization", "bv-bachmai", "Organization/bv-bachmai")]
    assert values(PATIENT, "link") == [ReferenceValue("Patient", "bn-000", "Patient/bn-000")]
    assert values(PATIENT, "deceased") == [TokenValue(None, "false", None)]
    assert values(PATIENT, "death-date") == []
    assert values(PATIENT, "_tag") == [TokenValue("http://yteso.vn/tag", "demo", None)]
    assert values(PATIENT, "_security") == [
        TokenValue("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N", None)
    ]
    assert values(PATIENT, "_profile") == [UriValue("http://fhir.hl7.org.vn/core/StructureDefinition/vn-core-patient")]
    assert values(PATIENT, "_source") == [UriValue("http://bv-bachmai.vn/his")]


def test_patient_deceased_choice() -> None:
    dead = {**PATIENT, "deceasedDateTime": "2024-03-01T10:00:00+07:00"}
    assert values(dead, "deceased") == [TokenValue(None, "true", None)]
    assert values(dead, "death-date") == [DateValue(ts(2024, 3, 1, 10), ts(2024, 3, 1, 10))]
    assert values({**PATIENT, "deceasedBoolean": True}, "deceased") == [TokenValue(None, "true", None)]
    assert values({**PATIENT, "deceasedBoolean": False}, "deceased") == [TokenValue(None, "false", None)]


def test_observation_values() -> None:
    assert values(OBSERVATION, "code") == [TokenValue(LOINC, "85354-9", "Blood pressure panel")]
    assert values(OBSERVATION, "status") == [TokenValue(None, "final", None)]
    assert values(OBSERVATION, "category")[0].code == "vital-signs"
    assert values(OBSERVATION, "date") == [DateValue(ts(2024, 5, 1, 8, 30), ts(2024, 5, 1, 8, 30))]
    assert values(OBSERVATION, "subject") == [ReferenceValue("Patient", "bn-001", "Patient/bn-001")]
    assert values(OBSERVATION, "patient") == [ReferenceValue("Patient", "bn-001", "Patient/bn-001")]
    assert values(OBSERVATION, "value-quantity") == [QuantityValue(72.0, UCUM, "/min", "nhịp/phút")]
    assert values(OBSERVATION, "component-value-quantity") == [
        QuantityValue(120.0, UCUM, "mm[Hg]", "mmHg"),
        QuantityValue(80.5, UCUM, "mm[Hg]", "mmHg"),
    ]
    assert [v.code for v in values(OBSERVATION, "combo-code")] == ["85354-9", "8480-6", "8462-4"]
    assert len(values(OBSERVATION, "combo-value-quantity")) == 3
    assert values(OBSERVATION, "value-concept") == []
    assert values(OBSERVATION, "value-string") == []


def test_observation_subject_not_a_patient_and_other_choices() -> None:
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "Xét nghiệm nhóm máu"},
        "subject": {"reference": "Group/nhom-1"},
        "effectivePeriod": {"start": "2024-05-01"},
        "valueCodeableConcept": {
            "coding": [{"system": "http://snomed.info/sct", "code": "112144000"}],
            "text": "Nhóm A",
        },
    }
    assert values(obs, "patient") == []
    assert values(obs, "subject") == [ReferenceValue("Group", "nhom-1", "Group/nhom-1")]
    assert values(obs, "code") == []  # CodeableConcept.text alone gives no token
    assert values(obs, "date") == [DateValue(ts(2024, 5, 1), FAR_FUTURE)]
    assert values(obs, "value-concept") == [TokenValue("http://snomed.info/sct", "112144000", None)]
    assert values(obs, "value-string") == [StringValue("Nhóm A")]
    assert values({**obs, "effectivePeriod": {"end": "2024-05"}}, "date") == [DateValue(FAR_PAST, ts(2024, 6, 1) - 1)]
    timing = {**obs, "effectiveTiming": {"event": ["2024-05-01T08:00:00Z", "2024-05-02T08:00:00Z"]}}
    del timing["effectivePeriod"]
    assert len(values(timing, "date")) == 2


def test_encounter_values() -> None:
    assert values(ENCOUNTER, "class") == [
        TokenValue("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ngoại trú")
    ]
    assert values(ENCOUNTER, "date") == [DateValue(ts(2024, 5, 1, 8), ts(2024, 5, 1, 9, 15))]
    assert values(ENCOUNTER, "patient") == [ReferenceValue("Patient", "bn-001", "Patient/bn-001")]
    assert values(ENCOUNTER, "practitioner") == [ReferenceValue("Practitioner", "bs-lan", "Practitioner/bs-lan")]
    assert values(ENCOUNTER, "service-provider")[0].target_id == "bv-bachmai"
    assert values(ENCOUNTER, "identifier") == [TokenValue("http://bv-bachmai.vn/sid/ma-lk", "LK2024-0001", None)]
    assert values(ENCOUNTER, "status") == [TokenValue(None, "finished", None)]


def test_condition_onset_as_functions() -> None:
    cond = {
        "resourceType": "Condition",
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "E11", "display": "Đái tháo đường"}]},
        "subject": {"reference": "Patient/bn-001"},
        "asserter": {"reference": "Patient/bn-001"},
        "onsetDateTime": "2015",
        "abatementString": "chưa khỏi",
    }
    assert values(cond, "onset-date") == [DateValue(ts(2015, 1, 1), ts(2016, 1, 1) - 1)]
    assert values(cond, "abatement-string") == [StringValue("chưa khỏi")]
    assert values(cond, "onset-info") == []
    aged = {**cond, "onsetAge": {"value": 45, "unit": "năm", "system": UCUM, "code": "a"}}
    del aged["onsetDateTime"]
    assert values(aged, "onset-age") == [QuantityValue(45.0, UCUM, "a", "năm")]
    assert values(aged, "onset-date") == []
    ranged = {**cond, "onsetRange": {"low": {"value": 40}}}
    del ranged["onsetDateTime"]
    assert values(ranged, "onset-age") == []  # Range is not indexed


def test_medication_choice_references_and_timing() -> None:
    req = {
        "resourceType": "MedicationRequest",
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {
            "coding": [
                {
                    "system": "http://fhir.hl7.org.vn/core/CodeSystem/thuoc",
                    "code": "VD-12345-10",
                    "display": "Paracetamol 500mg",
                }
            ]
        },
        "subject": {"reference": "https://fhir.yteso.vn/fhir/Patient/bn-001/_history/3"},
        "authoredOn": "2024-05-01",
        "dosageInstruction": [{"timing": {"event": ["2024-05-01T08:00:00+07:00"]}}],
    }
    assert values(req, "code")[0].code == "VD-12345-10"
    assert values(req, "medication") == []
    assert values(req, "patient") == [
        ReferenceValue("Patient", "bn-001", "https://fhir.yteso.vn/fhir/Patient/bn-001/_history/3")
    ]
    assert values(req, "date") == [DateValue(ts(2024, 5, 1, 8), ts(2024, 5, 1, 8))]
    by_ref = {**req, "medicationReference": {"reference": "Medication/para-500"}}
    del by_ref["medicationCodeableConcept"]
    assert values(by_ref, "medication") == [ReferenceValue("Medication", "para-500", "Medication/para-500")]
    assert values(by_ref, "code") == []


def test_reference_forms() -> None:
    proc = {
        "resourceType": "Procedure",
        "status": "completed",
        "subject": {"reference": "urn:uuid:7c2a1f0e-3b1d-4a8e-9f57-0f2b8e8f9c11", "type": "Patient"},
        "performer": [
            {"actor": {"reference": "#bs-noi-bo"}},
            {"actor": {"identifier": {"system": "http://moh.gov.vn/sid/cchn", "value": "000123/HNO-CCHN"}}},
            {"actor": {"reference": "Practitioner/bs-lan", "display": "BS Lan"}},
        ],
        "instantiatesCanonical": ["http://fhir.yteso.vn/PlanDefinition/mo-ruot-thua|1.0"],
        "instantiatesUri": ["http://guidelines.moh.gov.vn/qd-4068"],
        "performedPeriod": {"start": "2024-05-01T09:00:00+07:00", "end": "2024-05-01T10:30:00+07:00"},
    }
    # an unparseable reference keeps the type it declares, so ``patient`` (subject where Patient) finds it
    urn = ReferenceValue("Patient", None, "urn:uuid:7c2a1f0e-3b1d-4a8e-9f57-0f2b8e8f9c11")
    assert values(proc, "subject") == [urn]
    assert values(proc, "patient") == [urn]
    assert values(proc, "performer") == [ReferenceValue("Practitioner", "bs-lan", "Practitioner/bs-lan")]
    assert values(proc, "instantiates-canonical") == [
        ReferenceValue(None, None, "http://fhir.yteso.vn/PlanDefinition/mo-ruot-thua|1.0")
    ]
    assert values(proc, "instantiates-uri") == [UriValue("http://guidelines.moh.gov.vn/qd-4068")]
    assert values(proc, "date") == [DateValue(ts(2024, 5, 1, 9), ts(2024, 5, 1, 10, 30))]


def test_where_resolve_filters_by_target_type() -> None:
    appt = {
        "resourceType": "Appointment",
        "status": "booked",
        "start": "2024-06-10T09:00:00+07:00",
        "participant": [
            {"actor": {"reference": "Patient/bn-001"}, "status": "accepted"},
            {"actor": {"reference": "Practitioner/bs-lan"}, "status": "accepted"},
            {"actor": {"reference": "Location/phong-kham-3"}, "status": "needs-action"},
        ],
    }
    assert len(values(appt, "actor")) == 3
    assert [v.target_id for v in values(appt, "patient")] == ["bn-001"]
    assert [v.target_id for v in values(appt, "practitioner")] == ["bs-lan"]
    assert [v.target_id for v in values(appt, "location")] == ["phong-kham-3"]
    assert values(appt, "part-status") == [
        TokenValue(None, "accepted", None),
        TokenValue(None, "needs-action", None),
    ]


def test_union_branches_audit_event() -> None:
    audit = {
        "resourceType": "AuditEvent",
        "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110110"},
        "recorded": "2024-05-01T08:30:00.123+07:00",
        "outcome": "0",
        "agent": [{"who": {"reference": "Practitioner/bs-lan"}, "requestor": True}],
        "source": {"observer": {"reference": "Device/his"}},
        "entity": [{"what": {"reference": "Patient/bn-001"}}, {"what": {"reference": "Observation/ob-1"}}],
    }
    assert values(audit, "patient") == [ReferenceValue("Patient", "bn-001", "Patient/bn-001")]
    assert len(values(audit, "entity")) == 2
    assert values(audit, "date") == [DateValue(ts(2024, 5, 1, 8, 30), ts(2024, 5, 1, 8, 30))]
    assert values(audit, "type") == [TokenValue("http://dicom.nema.org/resources/ontology/DCM", "110110", None)]


def test_deduplicates_per_param_and_skips_empty() -> None:
    coding = {"system": LOINC, "code": "8867-4"}
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [coding, dict(coding)]},
        "component": [{"code": {"coding": [coding]}}],
        "identifier": [{"system": "", "value": ""}],
        "note": [{"text": "  "}],
    }
    assert values(obs, "code") == [TokenValue(LOINC, "8867-4", None)]
    assert values(obs, "combo-code") == [TokenValue(LOINC, "8867-4", None)]
    assert values(obs, "identifier") == []
    counts: dict[str, int] = {}
    for p, _ in extract(obs):
        counts[p.code] = counts.get(p.code, 0) + 1
    assert counts == {"code": 1, "component-code": 1, "status": 1}  # combo-code is read from these two


def test_number_money_and_uri_converters() -> None:
    out: list[Any] = []
    CONVERTERS["quantity"]["Money"]({"value": 150000, "currency": "VND"}, out)
    CONVERTERS["number"]["integer"](3, out)
    CONVERTERS["number"]["decimal"](True, out)  # a boolean is not a number
    CONVERTERS["uri"]["uri"]("urn:oid:2.16.840.1.113883.6.1", out)
    assert out == [
        QuantityValue(150000.0, "urn:iso:std:iso:4217", "VND", None),
        NumberValue(3.0),
        UriValue("urn:oid:2.16.840.1.113883.6.1"),
    ]


def test_malformed_values_are_skipped_not_raised() -> None:
    bad = {
        "resourceType": "Patient",
        "birthDate": "03/02/1990",
        "name": "Nguyễn",
        "telecom": [None, 5],
        "managingOrganization": "Organization/x",
        "gender": {"code": "male"},
    }
    assert values(bad, "birthdate") == []
    assert values(bad, "organization") == []
    assert values(bad, "gender") == []
    assert extract({"resourceType": "Group"}) == [] and extract({}) == []


def test_every_type_extracts_a_minimal_resource() -> None:
    for rtype in SUPPORTED_TYPES:
        resource = {"resourceType": rtype, "id": "x", "meta": {"tag": [{"code": "t"}]}, "status": "active"}
        codes = {p.code for p, _ in extract(resource)}
        assert "_tag" in codes, rtype


def test_param_values_single_param() -> None:
    assert param_values(OBSERVATION, params_for("Observation")["performer"]) == [
        ReferenceValue("Practitioner", "bs-lan", "Practitioner/bs-lan"),
        ReferenceValue("Patient", "bn-001", "Patient/bn-001"),
    ]


def test_extraction_is_fast() -> None:
    extract(OBSERVATION)
    n = 300
    start = time.perf_counter()
    for _ in range(n):
        extract(OBSERVATION)
    assert (time.perf_counter() - start) / n < 0.001  # typically ~30 µs; generous for slow CI


# -- compartment -------------------------------------------------------------------------------------
def test_patient_compartment() -> None:
    assert patient_ids(PATIENT) == {"bn-001", "bn-000"}
    assert patient_ids(OBSERVATION) == {"bn-001"}
    assert patient_ids(ENCOUNTER) == {"bn-001"}
    cond = {
        "resourceType": "Condition",
        "subject": {"reference": "Patient/a"},
        "asserter": {"reference": "Patient/b"},
    }
    assert patient_ids(cond) == {"a", "b"}
    coverage = {
        "resourceType": "Coverage",
        "status": "active",
        "beneficiary": {"reference": "Patient/con"},
        "subscriber": {"reference": "Patient/me"},
        "policyHolder": {"reference": "RelatedPerson/bo"},
        "payor": [{"reference": "Organization/bhxh"}],
    }
    assert patient_ids(coverage) == {"con", "me"}
    claim = {
        "resourceType": "Claim",
        "patient": {"reference": "Patient/a"},
        "payee": {"type": {"text": "bệnh nhân"}, "party": {"reference": "Patient/b"}},
    }
    assert patient_ids(claim) == {"a", "b"}
    comp = {
        "resourceType": "Composition",
        "subject": {"reference": "Group/g"},
        "author": [{"reference": "Practitioner/p"}],
        "attester": [{"party": {"reference": "Patient/c"}}],
    }
    assert patient_ids(comp) == {"c"}
    audit = {"resourceType": "AuditEvent", "entity": [{"what": {"reference": "http://x.vn/fhir/Patient/d"}}]}
    assert patient_ids(audit) == {"d"}


def test_patient_compartment_excludes_non_patient_and_urn() -> None:
    obs = {
        "resourceType": "Observation",
        "subject": {"reference": "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "type": "Patient"},
    }
    assert patient_ids(obs) == set()
    assert patient_ids({"resourceType": "Device", "patient": {"reference": "Patient/a"}}) == set()  # R4: never
    assert patient_ids({"resourceType": "Organization", "id": "o"}) == set()
    assert patient_ids({"resourceType": "Patient"}) == set()
    for rtype, codes in PATIENT_COMPARTMENT.items():
        assert set(codes) <= set(params_for(rtype)), rtype
