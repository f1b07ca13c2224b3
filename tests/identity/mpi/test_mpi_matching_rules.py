"""Normalisers, comparison levels, their Splink SQL twins, and the three bands."""

from __future__ import annotations

import random

import duckdb
import pyarrow as pa
import pytest

from yteso.identity.mpi import features, scoring, synth, training
from yteso.identity.mpi.features import Person, from_patient, from_record, parse_birth
from yteso.identity.mpi.matcher import Candidate, decide


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1984-05-12", (1984, 5, 12)),
        ("12/05/1984", (1984, 5, 12)),
        ("12-5-1984", (1984, 5, 12)),
        ("19840512", (1984, 5, 12)),
        ("1984-13-05", (1984, 5, 13)),  # month 13: day and month were swapped
        ("1984", (1984, 0, 0)),
        ("19840000", (1984, 0, 0)),  # claims' yyyy0000
        ("05/1984", (1984, 5, 0)),
        ("31/02/1984", None),
        ("hôm qua", None),
        ("", None),
    ],
)
def test_birth_dates_in_the_forms_records_use(text, expected):
    assert parse_birth(text) == expected


def test_record_fields_are_normalised_and_never_raise():
    p = from_record(" 001 084-000.999 ", "  NGUYỄN  văn AN ", "12/05/1984", "Nữ", "1", "+84 912 345 678")
    assert (p.cccd, p.name, p.birth, p.sex, p.province, p.phone) == (
        "001084000999", "nguyen van an", (1984, 5, 12), "female", "01", "0912345678",
    )  # fmt: skip
    assert p.name_sorted == "an nguyen van"
    junk = from_record("12345", "", "x", "?", "Hà Nội", "abc")
    assert (junk.cccd, junk.name, junk.birth, junk.sex, junk.province, junk.phone) == (None,) * 6


def test_malformed_cccd_is_told_apart_from_a_missing_one():
    assert features.cccd_malformed("00108400099")  # 11 digits
    assert features.cccd_malformed("999084000999")  # no such province prefix
    assert not features.cccd_malformed("001084000999")
    assert not features.cccd_malformed("")


def test_cccd_neighbours_are_one_digit_or_one_swap_away_and_well_formed():
    near = features.cccd_neighbours("001084000999")
    assert "001084000998" in near and "001084009099" in near  # one digit, a swap
    assert "001084000999" not in near
    assert all(not features.cccd_malformed(v) for v in near)


def test_patient_features_come_from_vn_core_identifiers_and_the_official_name():
    patient = {
        "resourceType": "Patient",
        "identifier": [
            {"system": "http://fhir.hl7.org.vn/core/sid/cccd", "value": "001084000999"},
            {"system": "http://fhir.hl7.org.vn/core/sid/bhyt", "value": "dn4010123456789"},
        ],
        "name": [{"use": "nickname", "text": "Bé Na"}, {"use": "official", "family": "Trần", "given": ["Thị", "Na"]}],
        "telecom": [{"system": "email", "value": "a@b.vn"}, {"system": "phone", "value": "0912 345 678"}],
        "gender": "female",
        "birthDate": "1984-05",
        "address": [{"state": "Thành phố Hồ Chí Minh"}],
    }
    p = from_patient(patient)
    assert (p.cccd, p.bhyt, p.name, p.phone, p.sex, p.birth, p.province) == (
        "001084000999", "DN4010123456789", "tran thi na", "0912345678", "female", (1984, 5, 0), "79",
    )  # fmt: skip


def _person(name="nguyen van an", birth=(1984, 5, 12), **kw) -> Person:
    return Person(name=name, birth=birth, **kw)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("nguyen van an", "nguyen van an", 0),
        ("nguyen van an", "an nguyen van", 1),
        ("nguyen van an", "nguyen van anh", 2),
        ("nguyen van an", "nguyen an", 3),
        ("nguyen van an", "nguyen vna ahn", 4),
        ("nguyen van an", "tran thi binh", 5),
    ],
)
def test_name_levels(a, b, level):
    assert scoring.name_level(_person(a), _person(b)) == level


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ((1984, 5, 12), (1984, 5, 12), 0),
        ((1984, 5, 12), (1984, 12, 5), 1),
        ((1984, 5, 12), (1984, 5, 13), 2),
        ((1984, 5, 12), (1984, 7, 1), 3),
        ((1984, 0, 0), (1984, 5, 12), 3),
        ((1984, 5, 12), (1990, 1, 1), 4),
    ],
)
def test_birth_date_levels(a, b, level):
    assert scoring.birth_level(_person(birth=a), _person(birth=b)) == level


def test_missing_values_add_no_evidence():
    w = scoring.default_weights()
    levels = scoring.compare(Person(name="nguyen van an"), Person(name="nguyen van an", phone="0912345678"))
    assert levels[1:] == (None,) * 6
    assert w.weight(levels) == pytest.approx(w.prior_bits + w.bits[0][0])


def test_python_levels_agree_with_the_splink_sql_levels(synthetic_records, citizens):
    """The scorer's levels and the SQL Splink trains on classify the same pairs the same way."""
    rnd = random.Random(2)
    register = {c["cccd"]: features.from_citizen(*c.values()) for c in citizens}
    pool = list(register.values())
    pairs = []
    for rec in synthetic_records[:1500]:
        probe = from_record(rec.cccd, rec.full_name, rec.birth_date, rec.sex, rec.province_code, rec.phone)
        if rnd.random() < 0.3:
            probe.bhyt = synth.synthetic_bhyt(rec.truth or "001084000999", "01")
        other = register.get(rec.truth or "") or rnd.choice(pool)
        for b in (other, rnd.choice(pool)):
            b.bhyt = synth.synthetic_bhyt(str(b.cccd), "01") if rnd.random() < 0.5 else None
            pairs.append((probe, b))
    cases = {
        name: "CASE " + " ".join(
            f"WHEN {lv['sql_condition']} THEN {i - 1}" for i, lv in enumerate(levels) if lv["sql_condition"] != "ELSE"
        ) + f" ELSE {len(levels) - 2} END"
        for name, levels in training.SPLINK_LEVELS.items()
    }
    rows = []
    for i, (a, b) in enumerate(pairs):
        left, right = training.person_row(i, a), training.person_row(i, b)
        rows.append({**{f"{k}_l": v for k, v in left.items()}, **{f"{k}_r": v for k, v in right.items()}})
    con = duckdb.connect()
    con.register("pairs", pa.Table.from_pylist(rows))
    sql = "SELECT " + ", ".join(f"{case} AS {name}" for name, case in cases.items()) + " FROM pairs"
    got = con.execute(sql).fetchall()
    for (a, b), sql_levels in zip(pairs, got, strict=True):
        py = tuple(-1 if x is None else x for x in scoring.compare(a, b))
        assert py == tuple(sql_levels), (a, b)


def test_bands_link_review_and_no_link():
    w = scoring.default_weights()
    p = Person()

    def cand(key: str, weight: float) -> Candidate:
        return Candidate(key, p, (), weight)

    assert decide(w, []).band == scoring.NO_LINK
    assert decide(w, [cand("a", w.link_bits + 1)]).band == scoring.LINK
    assert decide(w, [cand("a", w.link_bits + 1), cand("b", w.link_bits)]).band == scoring.REVIEW  # a close rival
    far = w.link_bits + w.margin_bits + 1
    assert decide(w, [cand("a", far), cand("b", w.link_bits)]).band == scoring.LINK
    assert decide(w, [cand("a", (w.link_bits + w.review_bits) / 2)]).band == scoring.REVIEW
    assert decide(w, [cand("a", w.review_bits - 1)]).band == scoring.NO_LINK


def test_shipped_weights_were_trained_with_splink_and_agree_with_the_truth():
    w = scoring.default_weights()
    assert "splink" in w.source["trained_with"]
    assert w.bits[0][0] > 5 and w.bits[5][0] > 10  # exact name and exact CCCD are strong evidence
    assert w.bits[0][-1] < 0 and w.bits[1][-1] < 0  # different name or birth date count against


def test_patient_province_from_the_administrative_address_extension_or_the_state() -> None:
    """The gateway codes the province in the VN Core administrative-address extension; a
    hand-written Patient names it in ``state``: both are compared."""
    from yteso.core.ids import EXT_ADMINISTRATIVE_ADDRESS
    from yteso.identity.mpi.features import patient_province

    coded = {
        "country": "VN",
        "extension": [
            {
                "url": EXT_ADMINISTRATIVE_ADDRESS,
                "extension": [{"url": "province", "valueCoding": {"code": "79"}}],
            }
        ],
    }
    assert patient_province({"address": [coded]}) == "79"
    assert patient_province({"address": [{"state": "Thành phố Hà Nội"}]}) == "01"
    assert patient_province({"address": [{"text": "no province"}]}) is None
