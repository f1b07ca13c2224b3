"""$lookup, $validate-code and $expand over real HTTP, on the concept table and on stored resources."""

from __future__ import annotations

import pytest

from yteso.registries import systems
from yteso.registries.service import bundled_file

ICD = systems.ICD10_VN
ICD_VS = systems.valueset_url(ICD)


@pytest.fixture
def loaded(registry, icd10_small):
    assert registry.load("icd10", icd10_small).problems == []
    assert registry.load("provinces", bundled_file("provinces")).problems == []


def _params(body):
    out = {}
    for p in body["parameter"]:
        value = p.get("part") or next(v for k, v in p.items() if k.startswith("value"))
        out.setdefault(p["name"], []).append(value)
    return out


def test_lookup_gives_display_english_designation_and_properties(api, loaded):
    with api.client("citizen", citizen="001090012345") as c:
        r = c.get("/fhir/CodeSystem/$lookup", params={"system": ICD, "code": "O80.0"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
        out = _params(r.json())
        assert out["display"] == ["Đẻ thường ngôi đầu"] and out["version"] == ["QD4469-2020"]
        assert out["designation"] == [[{"name": "language", "valueCode": "en"},
                                       {"name": "value", "valueString": "Spontaneous vertex delivery"}]]  # fmt: skip
        props = {p[0]["valueCode"]: next(v for k, v in p[1].items() if k.startswith("value")) for p in out["property"]}
        assert props == {"chapter": "O00-O99", "group": "O80-O84", "parent": "O80", "sex": "female"}

        only = _params(c.get("/fhir/CodeSystem/$lookup", params={"system": ICD, "code": "B95.0",
                                                                 "property": "notMainDiagnosis"}).json())  # fmt: skip
        assert [p[0]["valueCode"] for p in only["property"]] == ["notMainDiagnosis"]

        english = _params(c.get("/fhir/CodeSystem/$lookup",
                                params={"system": ICD, "code": "A00", "displayLanguage": "en"}).json())  # fmt: skip
        assert english["display"] == ["Cholera"]

        # the WHO ICD-10 system is answered by the Vietnamese edition; POST Parameters works too
        body = {"resourceType": "Parameters", "parameter": [
            {"name": "coding", "valueCoding": {"system": systems.ICD10_WHO, "code": "E11"}}]}  # fmt: skip
        r = c.post("/fhir/CodeSystem/$lookup", json=body, headers={"Content-Type": "application/fhir+json"})
        assert r.status_code == 200 and _params(r.json())["display"] == ["Bệnh đái tháo đường không phụ thuộc insuline"]


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({"system": ICD, "code": "Z99.9"}, 404, "Z99.9"),
        ({"system": "http://example.org/none", "code": "A00"}, 404, "example.org"),
        ({"system": ICD, "code": "A00", "version": "1999"}, 404, "1999"),
        ({"code": "A00"}, 400, "system"),
    ],
)
def test_lookup_errors_are_operation_outcomes(api, loaded, params, status, text):
    with api.client("clinician", facility="01001") as c:
        r = c.get("/fhir/CodeSystem/$lookup", params=params)
    assert r.status_code == status
    body = r.json()
    assert body["resourceType"] == "OperationOutcome" and text in body["issue"][0]["diagnostics"]


def test_operations_need_a_token_and_are_not_taken_for_reads(api, loaded):
    import httpx

    r = httpx.get(f"{api.base_url}/fhir/ValueSet/$expand", params={"url": ICD_VS})
    assert r.status_code == 401 and r.json()["resourceType"] == "OperationOutcome"
    with api.client("analyst") as c:
        assert c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "count": 1}).status_code == 200
        assert c.get("/fhir/CodeSystem/icd-10-vn").status_code == 200  # reads still reach the FHIR routes


def test_validate_code_checks_membership_and_display(api, loaded):
    with api.client("facility", facility="01001") as c:
        def check(path, **params):
            r = c.get(path, params=params)
            assert r.status_code == 200, r.text
            return _params(r.json())

        ok = check("/fhir/CodeSystem/$validate-code", url=ICD, code="E11.9")
        assert ok["result"] == [True] and ok["display"][0].startswith("Bệnh đái tháo đường")
        lower_case = "bệnh đái tháo đường không phụ thuộc insuline (chưa có biến chứng)"
        assert check("/fhir/CodeSystem/$validate-code", url=ICD, code="E11.9", display=lower_case)["result"] == [True]
        wrong = check("/fhir/CodeSystem/$validate-code", url=ICD, code="E11.9", display="Tiểu đường")
        assert wrong["result"] == [False] and "Tiểu đường" in wrong["message"][0]
        english = "Non-insuline-dependent diabetes mellitus (Without complications)"
        assert check("/fhir/CodeSystem/$validate-code", url=ICD, code="E11.9", display=english)["result"] == [True]
        missing = check("/fhir/CodeSystem/$validate-code", url=ICD, code="X99")
        assert missing["result"] == [False] and "X99" in missing["message"][0]

        assert check("/fhir/ValueSet/$validate-code", url=ICD_VS, system=ICD, code="I10")["result"] == [True]
        assert check("/fhir/ValueSet/$validate-code", url=ICD_VS, code="I10")["result"] == [True]
        assert check("/fhir/ValueSet/$validate-code", url=ICD_VS, system=systems.PROVINCE_63,
                     code="I10")["result"] == [False]  # fmt: skip
        assert check("/fhir/ValueSet/$validate-code", url=systems.valueset_url(systems.PROVINCE_63),
                     code="79", display="Thành phố Hồ Chí Minh")["result"] == [True]  # fmt: skip
        r = c.get("/fhir/ValueSet/$validate-code", params={"url": "http://example.org/vs", "code": "x"})
        assert r.status_code == 404 and r.json()["resourceType"] == "OperationOutcome"


def test_expand_filter_ignores_diacritics_and_pages(api, loaded):
    with api.client("citizen", citizen="001090012345") as c:
        r = c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "filter": "dai thao duong", "count": 100})
        assert r.status_code == 200
        expansion = r.json()["expansion"]
        displays = [x["display"] for x in expansion["contains"]]
        assert expansion["total"] == len(displays) > 5
        assert all("đái tháo đường" in d.lower() for d in displays)
        assert any(d.startswith("Đái tháo đường") or d.startswith("Bệnh đái tháo đường") for d in displays)
        assert {x["system"] for x in expansion["contains"]} == {ICD}

        # every word must start a word: "tha" matches "tháo", "hao" does not
        assert c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "filter": "dai hao duong"}).json()[
            "expansion"]["total"] == 0  # fmt: skip
        # a code prefix, ranked exact code first
        codes = [x["code"] for x in c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "filter": "e11"}).json()[
            "expansion"]["contains"]]  # fmt: skip
        assert codes[0] == "E11" and all(code.startswith("E11") for code in codes)

        first = c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "count": 3}).json()["expansion"]
        second = c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "count": 3, "offset": 3}).json()["expansion"]
        assert first["total"] == second["total"] > 6 and second["offset"] == 3
        assert [x["code"] for x in first["contains"]] == ["A00", "A00.0", "A00.1"]
        assert not {x["code"] for x in first["contains"]} & {x["code"] for x in second["contains"]}

        english = c.get("/fhir/ValueSet/$expand", params={"url": ICD_VS, "filter": "cholera",
                                                          "displayLanguage": "en", "count": 5}).json()  # fmt: skip
        assert {"system": ICD, "version": "QD4469-2020", "code": "A00", "display": "Cholera"} in english[
            "expansion"]["contains"]  # fmt: skip

        implicit_url = f"{systems.PROVINCE_63}?fhir_vs"
        implicit = c.get("/fhir/ValueSet/$expand", params={"url": implicit_url, "filter": "ho chi minh"})
        assert [x["code"] for x in implicit.json()["expansion"]["contains"]] == ["79"]
        by_id = c.get("/fhir/ValueSet/province-vn/$expand", params={"filter": "can tho"}).json()
        assert [x["display"] for x in by_id["expansion"]["contains"]] == ["Thành phố Cần Thơ"]

        for bad in ({"url": ICD_VS, "count": "-1"}, {"url": ICD_VS, "offset": "abc"}, {"filter": "x"}):
            r = c.get("/fhir/ValueSet/$expand", params=bad)
            assert r.status_code == 400 and r.json()["resourceType"] == "OperationOutcome"


def test_stored_code_systems_and_value_sets_are_served_too(api, loaded):
    """A CodeSystem/ValueSet created through the FHIR API (not imported) is read as the caller."""
    cs = {
        "resourceType": "CodeSystem", "url": "http://example.org/cs/mau", "status": "active", "content": "complete",
        "name": "Mau", "concept": [
            {"code": "R", "display": "Đỏ", "concept": [{"code": "R1", "display": "Đỏ thẫm"}]},
            {"code": "G", "display": "Xanh lá", "designation": [{"language": "en", "value": "Green"}]},
        ],
    }  # fmt: skip
    vs = {
        "resourceType": "ValueSet", "url": "http://example.org/vs/chon", "status": "active",
        "compose": {"include": [{"system": ICD, "concept": [{"code": "E11.9"}, {"code": "I10"}]},
                                {"system": "http://example.org/cs/mau"}],
                    "exclude": [{"system": "http://example.org/cs/mau", "concept": [{"code": "G"}]}]},
    }  # fmt: skip
    with api.client("admin") as admin:
        assert admin.post("/fhir/CodeSystem", json=cs).status_code == 201
        vs_id = admin.post("/fhir/ValueSet", json=vs).json()["id"]
    with api.client("clinician", facility="01001") as c:
        out = _params(c.get("/fhir/CodeSystem/$lookup", params={"system": "http://example.org/cs/mau",
                                                                "code": "R1"}).json())  # fmt: skip
        assert out["display"] == ["Đỏ thẫm"]
        expansion = c.get(f"/fhir/ValueSet/{vs_id}/$expand").json()["expansion"]
        assert [(x["code"], x["display"]) for x in expansion["contains"]] == [
            ("E11.9", "Bệnh đái tháo đường không phụ thuộc insuline (Chưa có biến chứng)"),
            ("I10", "Bệnh lý tăng huyết áp"),
            ("R", "Đỏ"),
            ("R1", "Đỏ thẫm"),
        ]
        filtered = c.get("/fhir/ValueSet/$expand", params={"url": "http://example.org/vs/chon", "filter": "do tham"})
        assert [x["code"] for x in filtered.json()["expansion"]["contains"]] == ["R1"]
        check = _params(c.get("/fhir/ValueSet/$validate-code", params={"url": "http://example.org/vs/chon",
                                                                       "code": "G"}).json())  # fmt: skip
        assert check["result"] == [False]
