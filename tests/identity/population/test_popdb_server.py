"""Reference server over a real uvicorn on loopback: lookup, verify, batch limits, error shapes."""

from __future__ import annotations

import httpx
import pytest

from yteso.core.text import fold
from yteso.identity.population.schemas import MAX_BATCH


@pytest.fixture(scope="module")
def http(population_url):
    with httpx.Client(base_url=population_url, timeout=5) as client:
        yield client


@pytest.fixture(scope="module")
def someone(population_rows):
    return population_rows[0]


def test_healthz_counts_citizens(http):
    response = http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "citizens": 2_000}


def test_lookup_returns_the_csv_row(http, population_rows):
    for row in population_rows[:20]:
        response = http.get(f"/citizens/{row['cccd']}")
        assert response.status_code == 200
        assert response.json() == {**row, "phone": row["phone"] or None}


def test_unknown_citizen_is_404_with_a_rule(http, population_store):
    unknown = next(f"001084{n:06d}" for n in range(10**6) if f"001084{n:06d}" not in population_store)
    response = http.get(f"/citizens/{unknown}")
    assert response.status_code == 404
    assert response.json()["detail"]["rule"] == "citizen.not_found"


@pytest.mark.parametrize(
    ("cccd", "rule"),
    [("123", "cccd.length"), ("00108400099x", "cccd.format"), ("099084000999", "cccd.province")],
)
def test_malformed_cccd_is_400_with_the_identifier_rule(http, cccd, rule):
    response = http.get(f"/citizens/{cccd}")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["rule"] == rule and detail["message_vi"] and detail["message_en"]


def test_verify_exact_match(http, someone):
    body = {k: someone[k] for k in ("cccd", "full_name", "birth_date")}
    answer = http.post("/verify", json=body).json()
    assert answer == {
        "cccd": someone["cccd"],
        "found": True,
        "verified": True,
        "matches": {"full_name": True, "birth_date": True},
        "error": None,
    }


def test_verify_ignores_case_diacritics_and_spacing_in_names(http, someone):
    shouted = "  " + fold(someone["full_name"]).upper().replace(" ", "   ") + " "
    body = {"cccd": someone["cccd"], "full_name": shouted, "birth_date": someone["birth_date"]}
    assert http.post("/verify", json=body).json()["verified"] is True


def test_verify_reports_which_field_differs(http, someone):
    body = {"cccd": someone["cccd"], "full_name": "Không Phải Tên", "birth_date": "1900-01-01"}
    answer = http.post("/verify", json=body).json()
    assert answer["found"] is True and answer["verified"] is False
    assert answer["matches"] == {"full_name": False, "birth_date": False}


def test_verify_accepts_partial_birth_dates(http, someone):
    year, month = someone["birth_date"][:4], someone["birth_date"][:7]
    for born, ok in ((year, True), (month, True), (str(int(year) - 1), False)):
        body = {"cccd": someone["cccd"], "full_name": someone["full_name"], "birth_date": born}
        assert http.post("/verify", json=body).json()["matches"]["birth_date"] is ok


def test_verify_unknown_citizen_is_found_false(http):
    body = {"cccd": "096199999999", "full_name": "A", "birth_date": "1999"}
    answer = http.post("/verify", json=body).json()
    assert (answer["found"], answer["verified"]) == (False, False)


def test_verify_malformed_cccd_is_400(http):
    response = http.post("/verify", json={"cccd": "12", "full_name": "A", "birth_date": "1999"})
    assert response.status_code == 400 and response.json()["detail"]["rule"] == "cccd.length"


@pytest.mark.parametrize(
    "body",
    [
        {"cccd": "001084000999", "full_name": "A", "birth_date": "1984-13-01"},
        {"cccd": "001084000999", "full_name": "A", "birth_date": "12/05/1984"},
        {"cccd": "001084000999", "full_name": "", "birth_date": "1984"},
        {"cccd": "001084000999", "full_name": "A", "birth_date": "1984", "extra": 1},
        {"cccd": "001084000999"},
    ],
)
def test_verify_rejects_bad_bodies_with_422(http, body):
    assert http.post("/verify", json=body).status_code == 422


def test_batch_keeps_order_and_marks_malformed_items(http, population_rows):
    items = [{k: r[k] for k in ("cccd", "full_name", "birth_date")} for r in population_rows[:3]]
    items.insert(1, {"cccd": "abc", "full_name": "A", "birth_date": "1990"})
    answer = http.post("/verify/batch", json={"items": items}).json()
    assert answer["count"] == 4
    assert [r["cccd"] for r in answer["results"]] == [i["cccd"] for i in items]
    assert [r["verified"] for r in answer["results"]] == [True, False, True, True]
    assert answer["results"][1]["error"]["rule"] == "cccd.format"


def test_batch_limit_is_1000(http, someone):
    item = {k: someone[k] for k in ("cccd", "full_name", "birth_date")}
    assert http.post("/verify/batch", json={"items": [item] * MAX_BATCH}).status_code == 200
    response = http.post("/verify/batch", json={"items": [item] * (MAX_BATCH + 1)})
    assert response.status_code == 413 and response.json()["detail"]["rule"] == "batch.too_large"


def test_openapi_documents_the_protocol(http):
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/healthz", "/citizens/{cccd}", "/verify", "/verify/batch"} <= set(paths)
