"""Search semantics: diacritics, dates, tokens, references, chaining, paging, sort, include."""

from __future__ import annotations

from yteso.testing.fhir_factories import condition, encounter, observation, patient


def _ids(bundle):
    return [e["resource"]["id"] for e in bundle.get("entry", []) if e["search"]["mode"] == "match"]


def _mk(admin, body):
    r = admin.post(f"/fhir/{body['resourceType']}", json=body)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_string_search_is_diacritic_and_case_insensitive(admin):
    a = _mk(admin, patient(cccd="001090000001", family="Nguyễn", given=("Thị", "Hồng")))
    b = _mk(admin, patient(cccd="001090000002", family="Trần", given=("Đức", "Anh")))
    assert _ids(admin.get("/fhir/Patient", params={"name": "Nguyen"}).json()) == [a]
    assert _ids(admin.get("/fhir/Patient", params={"name": "nguyễn"}).json()) == [a]
    assert _ids(admin.get("/fhir/Patient", params={"given": "duc"}).json()) == [b]
    assert _ids(admin.get("/fhir/Patient", params={"family": "Tr"}).json()) == [b]
    assert _ids(admin.get("/fhir/Patient", params={"family:exact": "Tran"}).json()) == []
    assert _ids(admin.get("/fhir/Patient", params={"family:exact": "Trần"}).json()) == [b]
    assert _ids(admin.get("/fhir/Patient", params={"name:contains": "ong"}).json()) == [a]
    assert sorted(_ids(admin.get("/fhir/Patient", params={"name": "nguyen,tran"}).json())) == sorted([a, b])


def test_date_precision_and_prefixes(admin):
    a = _mk(admin, patient(cccd="001090000001", birth="1990-05-17"))
    b = _mk(admin, patient(cccd="001091000002", birth="1991-01-01"))
    c = _mk(admin, patient(cccd="001089000003", birth="1989-12-31"))

    def q(value):
        return sorted(_ids(admin.get("/fhir/Patient", params={"birthdate": value}).json()))

    assert q("1990") == [a]
    assert q("1990-05") == [a]
    assert q("1990-05-17") == [a]
    assert q("1990-05-18") == []
    assert q("ge1990") == sorted([a, b])
    assert q("lt1990") == [c]
    assert q("gt1990-12-31") == [b]
    assert q("le1990-05-17") == sorted([a, c])
    assert q("ne1990") == sorted([b, c])
    assert q("sa1990") == [b]
    assert q("eb1990") == [c]


def test_datetime_without_zone_is_vietnam_time(admin):
    pid = _mk(admin, patient())
    o = _mk(admin, observation(pid, when="2024-03-01T06:30:00+07:00"))
    # 06:30 in Hanoi is 23:30 UTC of the previous day
    assert _ids(admin.get("/fhir/Observation", params={"date": "2024-03-01"}).json()) == [o]
    # a date without zone is a Vietnamese calendar day: 29 Feb (UTC+7) ended before 06:30 on 1 March
    assert _ids(admin.get("/fhir/Observation", params={"date": "2024-02-29"}).json()) == []
    assert _ids(admin.get("/fhir/Observation", params={"date": "lt2024-02-29T23:00:00Z"}).json()) == []
    assert _ids(admin.get("/fhir/Observation", params={"date": "lt2024-03-01T00:00:00Z"}).json()) == [o]
    assert _ids(admin.get("/fhir/Observation", params={"date": "ge2024-02-29T23:00:00Z"}).json()) == [o]


def test_token_forms_and_not(admin):
    a = _mk(admin, patient(cccd="001090000001", gender="male"))
    b = _mk(admin, patient(cccd="001090000002", gender="female"))
    sys = "http://fhir.hl7.org.vn/core/sid/cccd"
    assert _ids(admin.get("/fhir/Patient", params={"identifier": f"{sys}|001090000001"}).json()) == [a]
    assert _ids(admin.get("/fhir/Patient", params={"identifier": "001090000002"}).json()) == [b]
    assert sorted(_ids(admin.get("/fhir/Patient", params={"identifier": f"{sys}|"}).json())) == sorted([a, b])
    assert _ids(admin.get("/fhir/Patient", params={"identifier": "|001090000002"}).json()) == []
    assert _ids(admin.get("/fhir/Patient", params={"gender:not": "male"}).json()) == [b]
    assert _ids(admin.get("/fhir/Patient", params={"_id": a}).json()) == [a]


def test_reference_forms_and_chaining(admin):
    a = _mk(admin, patient(cccd="001090000001"))
    b = _mk(admin, patient(cccd="001090000002"))
    ea = _mk(admin, encounter(a, "LK-A"))
    eb = _mk(admin, encounter(b, "LK-B"))
    assert _ids(admin.get("/fhir/Encounter", params={"subject": f"Patient/{a}"}).json()) == [ea]
    assert _ids(admin.get("/fhir/Encounter", params={"patient": b}).json()) == [eb]
    assert _ids(admin.get("/fhir/Encounter", params={"subject:Patient": a}).json()) == [ea]
    chained = admin.get("/fhir/Encounter", params={"subject:Patient.identifier": "001090000002"}).json()
    assert _ids(chained) == [eb]
    chained = admin.get("/fhir/Encounter", params={"patient.birthdate": "1990"}).json()
    assert sorted(_ids(chained)) == sorted([ea, eb])


def test_quantity_number_and_code(admin):
    pid = _mk(admin, patient())
    low = _mk(admin, observation(pid, value=4.2))
    high = _mk(admin, observation(pid, value=9.8))
    assert _ids(admin.get("/fhir/Observation", params={"value-quantity": "gt5"}).json()) == [high]
    assert _ids(
        admin.get("/fhir/Observation", params={"value-quantity": "4.2|http://unitsofmeasure.org|mmol/L"}).json()
    ) == [low]
    assert _ids(admin.get("/fhir/Observation", params={"value-quantity": "le5||mmol/L"}).json()) == [low]
    assert sorted(_ids(admin.get("/fhir/Observation", params={"code": "http://loinc.org|2339-0"}).json())) == sorted(
        [low, high]
    )


def test_sort_several_keys(admin):
    ids = [
        _mk(admin, patient(cccd=f"00109000000{i}", family=f, birth=b))
        for i, (f, b) in enumerate([("Lê", "1990-01-01"), ("An", "1980-01-01"), ("Lê", "1970-01-01")])
    ]
    r = admin.get("/fhir/Patient", params={"_sort": "family,-birthdate"}).json()
    assert _ids(r) == [ids[1], ids[0], ids[2]]
    r = admin.get("/fhir/Patient", params={"_sort": "-_lastUpdated"}).json()
    assert _ids(r)[0] == ids[2]


def test_paging_is_stable_while_new_data_arrives(admin):
    made = [_mk(admin, patient(cccd=f"0010900000{i:02d}")) for i in range(7)]
    first = admin.get("/fhir/Patient", params={"_count": 3}).json()
    assert first["total"] == 7 and _ids(first) == made[:3]
    # new patients arrive between pages
    for i in range(3):
        _mk(admin, patient(cccd=f"0010900001{i:02d}"))
    nxt = next(link["url"] for link in first["link"] if link["relation"] == "next")
    second = admin.get(nxt).json()
    assert _ids(second) == made[3:6]
    third = admin.get(next(link["url"] for link in second["link"] if link["relation"] == "next")).json()
    assert _ids(third) == made[6:]
    assert not any(link["relation"] == "next" for link in third["link"])
    prev = next(link["url"] for link in third["link"] if link["relation"] == "previous")
    assert _ids(admin.get(prev).json()) == made[3:6]


def test_include_and_revinclude(admin):
    pid = _mk(admin, patient())
    enc = _mk(admin, encounter(pid))
    cond = _mk(admin, condition(pid))
    r = admin.get("/fhir/Encounter", params={"_include": "Encounter:subject"}).json()
    modes = {(e["resource"]["resourceType"], e["search"]["mode"]) for e in r["entry"]}
    assert modes == {("Encounter", "match"), ("Patient", "include")}
    r = admin.get("/fhir/Patient", params={"_revinclude": "Condition:subject", "_id": pid}).json()
    got = {(e["resource"]["id"], e["search"]["mode"]) for e in r["entry"]}
    assert got == {(pid, "match"), (cond, "include")}
    assert enc


def test_summary_count_elements_and_total(admin):
    for i in range(3):
        _mk(admin, patient(cccd=f"00109000000{i}"))
    r = admin.get("/fhir/Patient", params={"_summary": "count"}).json()
    assert r["total"] == 3 and "entry" not in r
    r = admin.get("/fhir/Patient", params={"_elements": "gender", "_count": 1}).json()
    res = r["entry"][0]["resource"]
    assert set(res) == {"resourceType", "id", "meta", "gender"}
    assert any(t["code"] == "SUBSETTED" for t in res["meta"]["tag"])
    assert r["total"] == 3


def test_unknown_parameter_ignored_or_strict(admin):
    _mk(admin, patient())
    r = admin.get("/fhir/Patient", params={"shoe-size": "42"})
    assert r.status_code == 200
    outcome = [e for e in r.json()["entry"] if e["search"]["mode"] == "outcome"]
    assert outcome and "shoe-size" in outcome[0]["resource"]["issue"][0]["diagnostics"]
    strict = admin.get("/fhir/Patient", params={"shoe-size": "42"}, headers={"Prefer": "handling=strict"})
    assert strict.status_code == 400


def test_post_search(admin):
    a = _mk(admin, patient(cccd="001090000001", family="Phạm"))
    r = admin.post(
        "/fhir/Patient/_search", content="family=pham", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 200 and _ids(r.json()) == [a]


def test_last_updated_and_deleted_not_found(admin):
    a = _mk(admin, patient(cccd="001090000001"))
    b = _mk(admin, patient(cccd="001090000002"))
    admin.delete(f"/fhir/Patient/{b}")
    assert _ids(admin.get("/fhir/Patient", params={"_lastUpdated": "ge2020-01-01"}).json()) == [a]
    assert _ids(admin.get("/fhir/Patient", params={"_lastUpdated": "lt2020-01-01"}).json()) == []


def test_missing_modifier(admin):
    pid = _mk(admin, patient())
    with_onset = _mk(admin, condition(pid))
    no_onset = condition(pid)
    del no_onset["onsetDateTime"]
    without = _mk(admin, no_onset)
    assert _ids(admin.get("/fhir/Condition", params={"onset-date:missing": "true"}).json()) == [without]
    assert _ids(admin.get("/fhir/Condition", params={"onset-date:missing": "false"}).json()) == [with_onset]


def test_parameters_that_repeat_others_search_their_rows(admin):
    """``patient`` (subject of type Patient), ``combo-code`` (code or component code) and
    ``phonetic`` (name) keep no rows of their own; searches, includes and :missing read the rows
    of the parameters they repeat."""
    pid = _mk(admin, patient(family="Phạm"))
    other = _mk(admin, patient(cccd="001090000009"))
    plain = _mk(admin, observation(pid, code="2339-0"))
    bp = observation(pid, code="85354-9")
    bp["component"] = [{"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}}]
    panel = _mk(admin, bp)
    _mk(admin, observation(other))
    assert sorted(_ids(admin.get("/fhir/Observation", params={"patient": pid}).json())) == sorted([plain, panel])
    assert _ids(admin.get("/fhir/Observation", params={"combo-code": "8480-6"}).json()) == [panel]
    assert _ids(admin.get("/fhir/Observation", params={"combo-code": "2339-0", "patient": pid}).json()) == [plain]
    assert _ids(admin.get("/fhir/Observation", params={"patient:missing": "true"}).json()) == []
    assert _ids(admin.get("/fhir/Patient", params={"phonetic": "pham"}).json()) == [pid]
    r = admin.get("/fhir/Observation", params={"_id": plain, "_include": "Observation:patient"}).json()
    assert {(e["resource"]["id"], e["search"]["mode"]) for e in r["entry"]} == {(plain, "match"), (pid, "include")}
    r = admin.get("/fhir/Patient", params={"_id": pid, "_revinclude": "Observation:patient"}).json()
    assert {e["resource"]["id"] for e in r["entry"] if e["search"]["mode"] == "include"} == {plain, panel}
