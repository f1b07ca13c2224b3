"""The synthetic generator: realistic, deterministic, consistent and fast enough for benchmarks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from yteso.core.ids import validate_bhyt_card, validate_cccd
from yteso.gateway.xml4750 import parse_envelope, parse_table, validate_checkin, validate_dossier, validate_header
from yteso.gateway.xml4750.codes import icd10
from yteso.gateway.xml4750.gen_data import SURNAMES
from yteso.gateway.xml4750.generate import OPTIONAL_TABLES, generate_envelope

SAMPLES = Path(__file__).parent.parent / "samples"
ALL_OPTIONAL = ("XML1", "XML2", "XML3", "XML4", "XML5", "XML7", "XML11", "XML13", "XML14")


def test_same_seed_gives_the_same_document() -> None:
    assert generate_envelope("01001", 5, seed=3) == generate_envelope("01001", 5, seed=3)
    assert generate_envelope("01001", 5, seed=3) != generate_envelope("01001", 5, seed=4)


@pytest.mark.parametrize(
    "tables",
    [("XML1",), ("XML1", "XML2", "XML3", "XML4"), ALL_OPTIONAL, ("XML1", "XML2", "XML3", "XML9")]
    + [("XML1", "XML2", "XML3", table) for table in OPTIONAL_TABLES],
)
def test_generated_dossiers_pass_every_check(tables, dossiers, check_all) -> None:
    items = dossiers(tables, n=20, seed=11)
    assert [e for errors in check_all(items) for e in errors] == []
    assert all(set(item) == set(tables) for item in items)


def test_patients_have_consistent_identity_and_real_codes(dossiers) -> None:
    for item in dossiers(n=50, seed=5):
        xml1 = item["XML1"][0]
        sex = "male" if xml1["GIOI_TINH"] == "1" else "female"
        info = validate_cccd(xml1["SO_CCCD"], sex=sex)
        assert info.birth_year == int(xml1["NGAY_SINH"][:4])
        assert validate_bhyt_card(xml1["MA_THE_BHYT"]).benefit_percent == int(item["XML2"][0]["MUC_HUONG"])
        assert xml1["MA_BENH_CHINH"] in icd10()
        assert all(code in icd10() for code in xml1["MA_BENH_KT"].split(";") if code)
        assert xml1["HO_TEN"].split()[0] in SURNAMES


def test_totals_add_up(dossiers) -> None:
    item = dossiers(n=1, seed=9)[0]
    lines = item["XML2"] + item["XML3"]
    assert float(item["XML1"][0]["T_TONGCHI_BV"]) == pytest.approx(sum(float(r["THANH_TIEN_BV"]) for r in lines))


def test_delivery_dossier_has_a_birth_certificate_of_a_female_patient(dossiers) -> None:
    item = dossiers(("XML1", "XML2", "XML3", "XML9"), n=3, seed=4)[0]
    assert item["XML1"][0]["GIOI_TINH"] == "2"
    assert item["XML9"][0]["SO_CCCD_NND"] == item["XML1"][0]["SO_CCCD"]


def test_unknown_table_names_are_refused() -> None:
    with pytest.raises(ValueError, match="XML42"):
        generate_envelope("01001", 1, seed=1, tables=("XML1", "XML42"))


def test_generation_is_fast_enough_for_benchmarks() -> None:
    start = time.perf_counter()
    envelope = generate_envelope("01001", 300, seed=1)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"{300 / elapsed:.0f} dossiers/s"
    assert len(parse_envelope(envelope).dossiers) == 300


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("giamdinhhs_*.xml")), ids=lambda p: p.name)
def test_sample_envelopes_are_valid_and_match_their_decoded_tables(path: Path) -> None:
    parsed = parse_envelope(path)
    assert parsed.dossiers
    assert validate_header(parsed.header) == []
    decoded = SAMPLES / "decoded" / path.stem
    for dossier in parsed.dossiers:
        assert validate_dossier(dossier) == []
        for table, rows in dossier.tables.items():
            assert parse_table(table, (decoded / f"hoso{dossier.index}_{table}.xml").read_bytes()) == (rows, [])


def test_sample_checkin_is_valid() -> None:
    rows, errors = parse_table("XML0", (SAMPLES / "xml0_checkin_noi_tru.xml").read_bytes())
    assert errors == [] and len(rows) == 2
    assert validate_checkin(rows) == []


def test_there_are_samples() -> None:
    assert len(list(SAMPLES.glob("giamdinhhs_*.xml"))) >= 3
