"""A dossier with wrong values (which the checks reject) still maps to valid R4: bad values are left out."""

from __future__ import annotations

import random

import pytest

from yteso.fhir.models import validate_resource
from yteso.gateway.mapping import demographics, map_dossier, patient_resource

NASTY = (
    "",
    " ",
    "abc",
    "-1",
    "0",
    "nan",
    "inf",
    "1e309",
    "99999999999999999999999",
    "2026-13-45",
    "202613450000",
    "20260231",
    '<b>&amp;</b> "x"',
    "a  b\t\nc",
    ";;1;;",
    "Ğ" * 300,
)


def _assert_valid(resources) -> None:
    for resource in resources:
        validate_resource(resource)


@pytest.mark.parametrize("value", NASTY)
def test_every_field_set_to_one_bad_value(value: str, full, dossier) -> None:
    for table, rows in full.items():
        for row in rows:
            for name in row:
                if not (table == "XML1" and name == "MA_LK"):
                    row[name] = value
    item = dossier(full)
    _assert_valid(map_dossier(item, facility_code="01001", patient_id="p"))
    validate_resource(patient_resource(demographics(item), "p"))


def test_random_fields_corrupted(full, dossier) -> None:
    rng = random.Random(4750)
    cells = [(t, i, name) for t, rows in full.items() for i, row in enumerate(rows) for name in row]
    for _ in range(30):
        rows = {t: [dict(r) for r in rs] for t, rs in full.items()}
        for table, index, name in rng.sample(cells, 40):
            if not (table == "XML1" and name == "MA_LK"):
                rows[table][index][name] = rng.choice(NASTY)
        item = dossier(rows)
        _assert_valid(map_dossier(item, facility_code="01001", patient_id="p"))
        validate_resource(patient_resource(demographics(item), "p"))


def test_odd_visit_key_and_missing_tables(tables, dossier) -> None:
    rows = {"XML1": tables(("XML1",))[0]["XML1"]}
    rows["XML1"][0]["MA_LK"] = "  BV<1>&2 / lần 3  "
    resources = map_dossier(dossier(rows), facility_code="01001", patient_id="p")
    _assert_valid(resources)
    assert resources[0]["identifier"][0]["value"] == "BV<1>&2 / lần 3"
