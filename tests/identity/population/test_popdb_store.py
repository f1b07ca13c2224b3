"""Loading the population CSV: header, malformed and duplicate rows, quoting, BOM, app factory."""

from __future__ import annotations

from datetime import date

import pytest

from yteso.identity.population.models import Citizen
from yteso.identity.population.server import create_population_app
from yteso.identity.population.store import CitizenStore, StoreError

HEADER = "cccd,full_name,birth_date,sex,province_code,phone\n"


def write(tmp_path, text: str, name: str = "p.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_loads_rows_and_builds_citizens(tmp_path):
    path = write(tmp_path, HEADER + "001084000999,Nguyễn Văn A,1984-05-12,male,01,0912345678\n"
                 "079195000001,Trần Thị B,1995-01-02,female,79,\n")  # fmt: skip
    store = CitizenStore.load(path)
    assert len(store) == 2 and "001084000999" in store and "001084000998" not in store
    assert store.get("001084000999") == Citizen(
        "001084000999", "Nguyễn Văn A", date(1984, 5, 12), "male", "01", "0912345678"
    )
    assert store.get("079195000001").phone is None
    assert store.get("12") is None and store.get("abcdefghijkl") is None


def test_quoted_fields_bom_crlf_and_blank_lines(tmp_path):
    text = "\ufeff" + HEADER.replace("\n", "\r\n") + '001084000999,"Nguyễn, Văn ""A""",1984-05-12,male,01,\r\n\r\n'
    store = CitizenStore.load(write(tmp_path, text))
    assert store.get("001084000999").full_name == 'Nguyễn, Văn "A"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cccd,name\n", "header"),
        (HEADER + "00108400099,A,1984-05-12,male,01,\n", "malformed"),
        (HEADER + "001084000999,A,1984-05-12,male,01\n", "malformed"),
        (HEADER + "001084000999,A,1984-05-12,male,01,,x\n", "malformed"),
        (HEADER + '001084000999,"A,1984-05-12,male,01,\n', "malformed"),
        (HEADER + "001084000999,A,1984-05-12,male,01,\n001084000999,B,1984-05-12,male,01,\n", "duplicate"),
    ],
)
def test_bad_files_are_refused_with_the_line(tmp_path, text, message):
    with pytest.raises(StoreError, match=message):
        CitizenStore.load(write(tmp_path, text))


def test_add_then_get_round_trips():
    store = CitizenStore()
    citizen = Citizen("048300000001", "Lê Thị C", date(2000, 2, 29), "female", "48", None)
    store.add(citizen)
    assert store.get(citizen.cccd) == citizen
    assert Citizen.from_json(citizen.as_json()) == citizen


def test_app_factory_needs_a_source():
    with pytest.raises(ValueError):
        create_population_app()
