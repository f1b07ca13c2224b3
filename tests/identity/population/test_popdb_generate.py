"""Synthetic citizens: reproducible by seed, every CCCD valid and consistent, plausible distributions."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from datetime import date

import pytest

from yteso.core.ids import validate_cccd
from yteso.identity.population.generate import _Serials, generate_citizens, write_csv
from yteso.identity.population.models import CSV_HEADER

PHONE = re.compile(r"0(3[2-9]|5[689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}")


def test_same_seed_same_file_other_seed_other_file(tmp_path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert write_csv(a, 3_000, 11) == 3_000
    write_csv(b, 3_000, 11)
    write_csv(c, 3_000, 12)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_file_has_exact_header_and_one_line_per_citizen(tmp_path):
    out = tmp_path / "p.csv"
    write_csv(out, 25_001, 3)  # crosses the 10,000-row write buffer
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "cccd,full_name,birth_date,sex,province_code,phone"
    assert lines[-1] == "" and len(lines) == 25_003
    assert all(line.count(",") == 5 for line in lines[1:-1])


def test_zero_citizens_is_just_the_header():
    buffer = io.StringIO()
    assert write_csv(buffer, 0, 1) == 0
    assert buffer.getvalue() == ",".join(CSV_HEADER) + "\n"


def test_every_cccd_is_unique_and_agrees_with_birth_date_sex_and_province(population_rows):
    seen = set()
    for row in population_rows:
        born = date.fromisoformat(row["birth_date"])
        info = validate_cccd(row["cccd"], birth_date=born, sex=row["sex"], today=date(2025, 1, 1))
        assert info.province_code == row["province_code"]
        seen.add(row["cccd"])
    assert len(seen) == len(population_rows)


def test_names_ages_sexes_and_phones_are_plausible():
    rows = list(generate_citizens(20_000, 5, as_of=date(2025, 1, 1)))
    families = Counter(r[1].split()[0] for r in rows)
    assert 0.33 < families["Nguyễn"] / len(rows) < 0.44
    assert 0.08 < families["Trần"] / len(rows) < 0.14
    assert families.most_common(3)[0][0] == "Nguyễn"
    for _cccd, name, born, sex, _province, phone in rows:
        assert len(name.split()) >= 3 and unicodedata.is_normalized("NFC", name)
        assert sex in ("male", "female")
        assert 0 <= 2025 - int(born[:4]) <= 100 and born < "2025-01-01"
        assert phone == "" or PHONE.fullmatch(phone), phone
    women = [r for r in rows if r[3] == "female"]
    assert 0.45 < len(women) / len(rows) < 0.56
    assert Counter(r[1].split()[1] for r in women).most_common(1)[0][0] == "Thị"
    no_phone = sum(1 for r in rows if not r[5])
    assert 0.05 < no_phone / len(rows) < 0.4
    children = [r for r in rows if r[2] > "2012-01-01"]
    assert sum(1 for r in children if r[5]) / len(children) < 0.2


def test_southern_provinces_favour_huynh_and_vo():
    rows = list(generate_citizens(30_000, 9))
    south = Counter(r[1].split()[0] for r in rows if r[4] >= "48")
    north = Counter(r[1].split()[0] for r in rows if r[4] < "48")
    assert south["Huỳnh"] > south["Hoàng"] and north["Hoàng"] > north["Huỳnh"]
    assert south["Võ"] > south["Vũ"] and north["Vũ"] > north["Võ"]


def test_big_provinces_get_more_people():
    provinces = Counter(r[4] for r in generate_citizens(20_000, 1))
    assert provinces["79"] > provinces["01"] > provinces["38"] > provinces["06"]


def test_serials_of_a_group_never_repeat_for_a_million_people():
    serials = _Serials(seed=123)
    assert len({serials.next("001084") for _ in range(1_000_000)}) == 1_000_000
    with pytest.raises(ValueError):
        serials.next("001084")


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        list(generate_citizens(-1, 0))
