"""Train the Fellegi-Sunter weights with Splink (DuckDB) on synthetic data; write ``weights.json``.

    yteso mpi train --citizens 30000 --seed 11 [--out yteso/identity/mpi/weights.json]

A register sample and records made from it with known mistakes (:mod:`yteso.identity.mpi.synth`)
are linked with Splink: ``u`` by random sampling, ``m`` by expectation maximisation in two
sessions (blocked on birth date, then on CCCD, so each comparison is estimated once while it is
not the blocking key). Because the truth is known, the m and u counted from true pairs are kept
beside Splink's estimates in the file, for comparison; the scorer uses Splink's. The SQL of each
level below must stay the twin of the Python in :mod:`yteso.identity.mpi.scoring`.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from yteso.identity.mpi import features, scoring, synth
from yteso.identity.mpi.features import Person

_MIN_M = 1e-3
"""Floor of m: a kind of disagreement never seen among true pairs in training still happens."""
_MIN_U = 1e-8
"""Floor of u: below what random sampling can measure."""
_NEAR = {"phone": 10.0, "cccd": 10.0, "bhyt": 1.0}
"""Level 1 of these ("one digit off", "same BHXH number") is never more telling than an exact
match: random pairs are too few to measure its u, so u is at least u(exact) times this factor
(roughly the number of neighbours one wrong digit can reach that are in use)."""


def _digits_levels(col: str) -> list[dict[str, Any]]:
    return [
        {"sql_condition": f"{col}_l IS NULL OR {col}_r IS NULL", "is_null_level": True},
        {"sql_condition": f"{col}_l = {col}_r", "label_for_charts": "exact"},
        {
            "sql_condition": f"length({col}_l) = length({col}_r) AND damerau_levenshtein({col}_l, {col}_r) <= 1",
            "label_for_charts": "one_digit",
        },
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ]


def _same_levels(col: str) -> list[dict[str, Any]]:
    return [
        {"sql_condition": f"{col}_l IS NULL OR {col}_r IS NULL", "is_null_level": True},
        {"sql_condition": f"{col}_l = {col}_r", "label_for_charts": "same"},
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ]


_DL = "least(damerau_levenshtein(name_l, name_r), damerau_levenshtein(name_sorted_l, name_sorted_r))"
_FULL = "birth_d_l > 0 AND birth_d_r > 0"
_Y, _M, _D = "birth_y_l = birth_y_r", "birth_m_l = birth_m_r", "birth_d_l = birth_d_r"

SPLINK_LEVELS: dict[str, list[dict[str, Any]]] = {
    "name": [
        {"sql_condition": "name_l IS NULL OR name_r IS NULL", "is_null_level": True},
        {"sql_condition": "name_l = name_r", "label_for_charts": "exact"},
        {"sql_condition": "name_sorted_l = name_sorted_r", "label_for_charts": "reordered"},
        {"sql_condition": f"{_DL} <= 1", "label_for_charts": "one_edit"},
        {
            "sql_condition": "list_has_all(tokens_l, tokens_r) OR list_has_all(tokens_r, tokens_l)",
            "label_for_charts": "subset",
        },
        {"sql_condition": f"{_DL} <= 2", "label_for_charts": "two_edits"},
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ],
    "birth_date": [
        {"sql_condition": "birth_y_l IS NULL OR birth_y_r IS NULL", "is_null_level": True},
        {"sql_condition": f"{_FULL} AND {_Y} AND {_M} AND {_D}", "label_for_charts": "exact"},
        {
            "sql_condition": f"{_FULL} AND {_Y} AND birth_m_l = birth_d_r AND birth_d_l = birth_m_r",
            "label_for_charts": "day_month_swapped",
        },
        {
            "sql_condition": f"{_FULL} AND (({_Y})::INT + ({_M})::INT + ({_D})::INT) = 2",
            "label_for_charts": "one_part_differs",
        },
        {
            "sql_condition": f"{_Y} AND (({_FULL}) OR birth_m_l = 0 OR birth_m_r = 0 OR {_M})",
            "label_for_charts": "same_year",
        },
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ],
    "sex": _same_levels("sex"),
    "province": _same_levels("province"),
    "phone": _digits_levels("phone"),
    "cccd": _digits_levels("cccd"),
    "bhyt": [
        {"sql_condition": "bhyt_l IS NULL OR bhyt_r IS NULL", "is_null_level": True},
        {"sql_condition": "bhyt_l = bhyt_r", "label_for_charts": "exact"},
        {"sql_condition": "right(bhyt_l, 10) = right(bhyt_r, 10)", "label_for_charts": "same_bhxh_number"},
        {"sql_condition": "ELSE", "label_for_charts": "different"},
    ],
}
"""Splink comparison levels: the SQL twins of :data:`yteso.identity.mpi.scoring.LEVEL_FUNCTIONS`."""


def person_row(uid: int, p: Person, truth: str | None = None) -> dict[str, Any]:
    """A row of the table Splink sees: the features of ``p`` in SQL-friendly columns."""
    y, m, d = p.birth if p.birth else (None, None, None)
    return {
        "unique_id": uid,
        "name": p.name,
        "name_sorted": p.name_sorted,
        "tokens": list(p.tokens) if p.tokens else None,
        "birth_y": y,
        "birth_m": m,
        "birth_d": d,
        "sex": p.sex,
        "province": p.province,
        "phone": p.phone,
        "cccd": p.cccd,
        "bhyt": p.bhyt,
        "truth": truth,
    }


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = pa.schema(
        [
            ("unique_id", pa.int64()),
            ("name", pa.string()),
            ("name_sorted", pa.string()),
            ("tokens", pa.list_(pa.string())),
            ("birth_y", pa.int32()),
            ("birth_m", pa.int32()),
            ("birth_d", pa.int32()),
            ("sex", pa.string()),
            ("province", pa.string()),
            ("phone", pa.string()),
            ("cccd", pa.string()),
            ("bhyt", pa.string()),
            ("truth", pa.string()),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)


def training_data(citizens: int, seed: int) -> tuple[list[Person], list[tuple[Person, str | None]]]:
    """A register sample (with synthetic BHYT cards) and records made from it, with the truth."""
    from yteso.identity.population.generate import generate_citizens

    register = list(generate_citizens(citizens, seed))
    outsiders = generate_citizens(citizens, seed + 1000)
    rnd = random.Random(seed)
    people = []
    for row in register:
        p = features.from_citizen(*row)
        p.bhyt = synth.synthetic_bhyt(row[0], row[4])
        people.append(p)
    records = []
    for rec in synth.records_for(register, outsiders, seed=seed, per_citizen=0.5):
        p = features.from_record(rec.cccd, rec.full_name, rec.birth_date, rec.sex, rec.province_code, rec.phone)
        if rec.truth is not None and rnd.random() < 0.3:  # some records carry the card
            p.bhyt = synth.synthetic_bhyt(rec.truth, rec.truth[1:3])
            if rnd.random() < 0.3:  # a renewed card: other group or benefit level, same BHXH number
                p.bhyt = rnd.choice(["DN", "HT", "GD", "CN"]) + str(rnd.randint(1, 5)) + p.bhyt[3:]
        records.append((p, rec.truth))
    return people, records


def splink_estimates(
    register: list[Person], records: list[tuple[Person, str | None]], seed: int, max_pairs: float = 5e6
) -> dict[str, Any]:
    """m and u per level (and the prior) as Splink estimates them on this register and these records."""
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.comparison_library import CustomComparison

    db_api = DuckDBAPI()
    db_api.duckdb_con.execute("SET enable_progress_bar = false")
    left = db_api.register(_table([person_row(i, p) for i, p in enumerate(register)]), dataset_display_name="register")
    right = db_api.register(
        _table([person_row(len(register) + i, p, t) for i, (p, t) in enumerate(records)]),
        dataset_display_name="records",
    )
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[CustomComparison(list(levels), output_column_name=name) for name, levels in SPLINK_LEVELS.items()],
        probability_two_random_records_match=1 / len(register),
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_y", "birth_m", "birth_d"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("cccd"))
    model = linker.misc.save_model_to_json()
    out: dict[str, Any] = {}
    for comp in model["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        out[comp["output_column_name"]] = {
            "m": [float(lv.get("m_probability") or 0.0) for lv in levels],
            "u": [float(lv.get("u_probability") or 0.0) for lv in levels],
        }
    return out


def truth_estimates(
    register: list[Person], records: list[tuple[Person, str | None]], seed: int, non_pairs: int = 1_000_000
) -> dict[str, Any]:
    """m counted over the true pairs and u over random pairs (what EM should find)."""
    by_cccd = {p.cccd: p for p in register}
    rnd = random.Random(seed)
    m_counts = {name: Counter[int]() for name in scoring.COMPARISONS}
    u_counts = {name: Counter[int]() for name in scoring.COMPARISONS}
    _count(m_counts, ((rec, by_cccd[t]) for rec, t in records if t is not None and t in by_cccd))
    n_rec, n_reg = len(records), len(register)
    pairs = ((records[rnd.randrange(n_rec)][0], register[rnd.randrange(n_reg)]) for _ in range(non_pairs))
    _count(u_counts, pairs)
    return {
        name: {"m": _shares(m_counts[name], name), "u": _shares(u_counts[name], name)} for name in scoring.COMPARISONS
    }


def _count(counts: dict[str, Counter[int]], pairs: Iterable[tuple[Person, Person]]) -> None:
    for a, b in pairs:
        for name, level in zip(scoring.COMPARISONS, scoring.compare(a, b), strict=True):
            if level is not None:
                counts[name][level] += 1


def _shares(counter: Counter[int], name: str) -> list[float]:
    total = sum(counter.values()) or 1
    return [counter[i] / total for i in range(len(scoring.LEVELS[name]))]


def train(citizens: int = 30_000, seed: int = 11, *, max_pairs: float = 5e6) -> dict[str, Any]:
    """Train and return the ``weights.json`` document (prior and thresholds kept from the shipped file)."""
    import splink

    register, records = training_data(citizens, seed)
    estimated = splink_estimates(register, records, seed, max_pairs)
    counted = truth_estimates(register, records, seed, non_pairs=int(min(max_pairs, 1e6)))
    shipped = json.loads(Path(__file__).with_name(scoring.WEIGHTS_FILE).read_text(encoding="utf-8"))
    comparisons = {}
    for name, levels in scoring.LEVELS.items():
        m = estimated[name]["m"]
        if sum(m) == 0:  # EM had no pairs for this comparison: fall back on the counted truth
            m = counted[name]["m"]
        m = [max(x, _MIN_M) for x in m]
        u = [max(x, _MIN_U) for x in estimated[name]["u"]]
        if name in _NEAR:  # too rare among random pairs to measure: no stronger than exact / factor
            u[1] = max(u[1], u[0] * _NEAR[name])
        comparisons[name] = {
            "levels": list(levels),
            "m": [round(x, 8) for x in m],
            "u": [round(x, 10) for x in u],
            "m_from_truth": [round(x, 8) for x in counted[name]["m"]],
            "u_from_truth": [round(x, 10) for x in counted[name]["u"]],
        }
    return {
        "trained_with": f"splink {splink.__version__} (DuckDB): u by random sampling, m by EM blocked on "
        "birth date then on CCCD",
        "training_data": {"citizens": citizens, "records": len(records), "seed": seed},
        "m_floor": _MIN_M,
        "u_floor": _MIN_U,
        "prior_bits": shipped["prior_bits"],
        "thresholds": shipped["thresholds"],
        "comparisons": comparisons,
    }
