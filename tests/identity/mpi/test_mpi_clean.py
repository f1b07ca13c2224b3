"""Batch cleaning against an in-memory register: statuses, differing fields, bad input, accuracy, streaming."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yteso.identity.mpi.clean import CleanInputError, clean_file
from yteso.identity.mpi.cli import app
from yteso.identity.mpi.popindex import LocalSource, PopulationFileError, PopulationIndex
from yteso.identity.mpi.scoring import default_weights

from .conftest import read_output, write_records

REGISTER = """cccd,full_name,birth_date,sex,province_code,phone
001084000999,Nguyễn Văn An,1984-05-12,male,01,0912345678
079195000001,Trần Thị Bích,1995-01-02,female,79,
001190000111,Lê Thị Hoa,1990-03-04,female,01,
001190000222,Lê Thị Hoa,1990-03-04,female,01,
031201000333,Phạm Minh Đức,2001-11-23,male,31,0987654321
"""

CASES = {
    # record_id: (cccd, full_name, birth_date, sex, province_code, phone) -> (status, matched_cccd, differing)
    "exact": (("001084000999", "Nguyễn Văn An", "1984-05-12", "male", "01", "0912345678"),
              ("matched", "001084000999", "")),
    "other-forms": (("001084000999", "NGUYEN VAN AN", "12/05/1984", "Nam", "1", "+84 912 345 678"),
                    ("matched", "001084000999", "")),
    "cccd-digit": (("001084000998", "Nguyễn Văn An", "1984-05-12", "male", "01", ""),
                   ("corrected", "001084000999", "cccd")),
    "no-cccd-swapped": (("", "Tran Thi Bich", "1995-02-01", "female", "79", ""),
                        ("corrected", "079195000001", "cccd;birth_date")),
    "twins": (("", "Lê Thị Hoa", "1990-03-04", "female", "01", ""), ("review", None, None)),
    "stranger": (("", "Hoàng Văn Zed", "1950-01-01", "male", "02", ""), ("no_cccd", "", "")),
    "bad-cccd": (("00108400099", "Hoàng Văn Zed", "1950-01-01", "male", "02", ""), ("invalid_cccd", "", "")),
    "unknown-cccd": (("001050123456", "Hoàng Văn Zed", "1950-01-01", "male", "02", ""), ("no_match", "", "")),
    "phone-reordered": (("", "Pham Duc Minh", "2001-11-23", "", "", "0987654321"),
                        ("corrected", "031201000333", "cccd;full_name")),
    "wrong-sex": (("031201000333", "Phạm Minh Đức", "2001-11-23", "female", "31", "0987654321"),
                  ("corrected", "031201000333", "sex")),
    "impossible-date": (("001084000999", "Nguyễn Văn An", "31/02/1984", "male", "01", ""),
                        ("corrected", "001084000999", "birth_date")),
}  # fmt: skip


@pytest.fixture
def register(tmp_path: Path) -> PopulationIndex:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return PopulationIndex.load(path)


def _clean(index: PopulationIndex, records: Path, out: Path, **kw):  # type: ignore[no-untyped-def]
    return clean_file(LocalSource(index, default_weights()), records, out, **kw)


def test_each_status_and_the_fields_that_differ(register, tmp_path):
    records = write_records(tmp_path / "rec.csv", [(rid, *fields) for rid, (fields, _) in CASES.items()])
    summary = _clean(register, records, tmp_path / "out.csv")
    out = read_output(tmp_path / "out.csv")
    assert list(out) == list(CASES)  # one row per record, input order
    for rid, (_, (status, cccd, diffs)) in CASES.items():
        row = out[rid]
        assert row["status"] == status, (rid, row)
        if cccd is not None:
            assert row["matched_cccd"] == cccd, (rid, row)
        if diffs is not None:
            assert row["differing_fields"] == diffs, (rid, row)
    assert out["twins"]["matched_cccd"] in ("001190000111", "001190000222")
    assert float(out["exact"]["score"]) > 0.99
    assert summary.rows == len(CASES) and summary.counts["review"] == 1


def test_unreadable_rows_get_an_error_line_and_the_rest_is_cleaned(register, tmp_path):
    records = tmp_path / "rec.csv"
    good = "exact,001084000999,Nguyễn Văn An,1984-05-12,male,01,0912345678\n"
    records.write_bytes(
        b"\xef\xbb\xbfrecord_id,cccd,full_name,birth_date,sex,province_code,phone\r\n"
        + good.encode()
        + b"short,001084000999,Nguyen Van An\r\n"
        + "latin,001084000999,Nguy\u1ec5n,1984-05-12,male,01,\n".encode("utf-8").replace("\u1ec5".encode(), b"\xe5")
        + b",001084000999,Nguyen Van An,1984-05-12,male,01,\n"
        + b'quoted,001084000999,"Nguyen, Van An",1984-05-12,male,01,\n'
    )
    _clean(register, records, tmp_path / "out.csv")
    out = read_output(tmp_path / "out.csv")
    assert out["exact"]["status"] == "matched"
    assert out["short"]["status"] == "error" and "3 fields, expected 7" in out["short"]["differing_fields"]
    assert out["latin"]["status"] == "error" and "not valid UTF-8" in out["latin"]["differing_fields"]
    assert out[""]["status"] == "error" and "record_id is empty" in out[""]["differing_fields"]
    assert out["quoted"]["status"] in ("matched", "corrected")


def test_columns_in_any_order_with_extra_columns(register, tmp_path):
    header = ("phone", "full_name", "note", "record_id", "cccd", "sex", "birth_date", "province_code")
    records = write_records(
        tmp_path / "rec.csv",
        [("0912345678", "Nguyễn Văn An", "x", "r1", "001084000999", "male", "1984-05-12", "01")],
        header,
    )
    _clean(register, records, tmp_path / "out.csv")
    assert read_output(tmp_path / "out.csv")["r1"]["status"] == "matched"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"record_id,cccd,full_name\n1,2,3\n", r"missing column\(s\) birth_date, sex, province_code, phone"),
        (b"", "empty"),
        ("record_id,cccd,full_name,birth_date,sex,province_code,phone\n".encode("utf-16"), "UTF-16"),
        (b"record_id,cccd,cccd,full_name,birth_date,sex,province_code,phone\n", "appear twice"),
    ],
)
def test_a_file_that_cannot_be_cleaned_is_refused_without_output(register, tmp_path, content, message):
    records = tmp_path / "rec.csv"
    records.write_bytes(content)
    with pytest.raises(CleanInputError, match=message):
        _clean(register, records, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "out.csv.partial").exists()


def test_a_file_in_another_encoding_stops_early_and_leaves_no_output(register, tmp_path):
    rows = "".join(f"r{i},,Lê Tâm {i},1990-01-01,nam,01,\n" for i in range(500))  # Latin-1: ê, â are one byte
    records = tmp_path / "rec.csv"
    records.write_bytes(("record_id,cccd,full_name,birth_date,sex,province_code,phone\n" + rows).encode("latin-1"))
    with pytest.raises(CleanInputError, match="not UTF-8"):
        _clean(register, records, tmp_path / "out.csv", chunk=100)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.csv.partial").exists()


def test_a_bad_population_file_names_the_line(tmp_path):
    bad = tmp_path / "pop.csv"
    bad.write_text(REGISTER + "12345,Ai Đó,1990-01-01,male,01,\n", encoding="utf-8")
    with pytest.raises(PopulationFileError, match=":7: malformed row"):
        PopulationIndex.load(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text(REGISTER + "001084000999,Ai Đó,1990-01-01,male,01,\n", encoding="utf-8")
    with pytest.raises(PopulationFileError, match="duplicate cccd 001084000999"):
        PopulationIndex.load(dup)


def test_precision_and_recall_on_synthetic_records(population_csv, synthetic_records, tmp_path):
    index = PopulationIndex.load(population_csv)
    records = write_records(tmp_path / "rec.csv", [r.row() for r in synthetic_records])
    _clean(index, records, tmp_path / "out.csv")
    out = read_output(tmp_path / "out.csv")
    linked = [r for r in synthetic_records if out[r.record_id]["status"] in ("matched", "corrected")]
    right = sum(1 for r in linked if out[r.record_id]["matched_cccd"] == r.truth)
    registered = sum(1 for r in synthetic_records if r.truth is not None)
    assert right / len(linked) >= 0.995
    assert right / registered >= 0.97


def test_memory_stays_flat_as_the_file_grows(population_csv, synthetic_records, tmp_path):
    index = PopulationIndex.load(population_csv)
    rows = [r.row() for r in synthetic_records]
    small = write_records(tmp_path / "small.csv", rows[:1000])
    large = write_records(tmp_path / "large.csv", [(f"{r[0]}-{k}", *r[1:]) for k in range(6) for r in rows])
    peaks = []
    for records in (small, large):
        _clean(index, records, tmp_path / "warm.csv", chunk=500)  # fill the index's caches first
        tracemalloc.start()
        _clean(index, records, tmp_path / "out.csv", chunk=500)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert len(read_output(tmp_path / "out.csv")) > 10 * 1000
    assert peaks[1] < peaks[0] * 1.5 + 1_000_000, peaks


def test_cli_prints_a_summary_and_refuses_bad_input(tmp_path):
    pop = tmp_path / "register.csv"
    pop.write_text(REGISTER, encoding="utf-8")
    records = write_records(tmp_path / "rec.csv", [(rid, *fields) for rid, (fields, _) in CASES.items()])
    out = tmp_path / "out.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["clean", "--population", str(pop), "--records", str(records), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Cleaning summary" in result.output and "records/s" in result.output
    assert "corrected" in result.output and len(read_output(out)) == len(CASES)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n1,x\n", encoding="utf-8")
    args = ["clean", "--population", str(pop), "--records", str(bad), "--out", str(tmp_path / "o.csv")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "missing column" in result.output and "No output was written" in result.output
    assert not (tmp_path / "o.csv").exists()
    result = runner.invoke(app, ["clean", "--population", str(tmp_path / "nope.csv"), "--records", str(records),
                                 "--out", str(tmp_path / "o.csv")])  # fmt: skip
    assert result.exit_code == 2 and "does not exist" in result.output
