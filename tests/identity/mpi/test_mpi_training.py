"""Splink (EM on DuckDB) estimates the weights on synthetic data; the estimates agree with the truth."""

from __future__ import annotations

import math

from yteso.identity.mpi import scoring, training


def test_splink_training_recovers_the_m_values_counted_from_the_truth():
    doc = training.train(citizens=2_000, seed=3, max_pairs=2e5)
    assert doc["trained_with"].startswith("splink")
    weights = scoring.weights_from_json(doc)  # the document is a valid weights file
    assert len(weights.bits) == len(scoring.COMPARISONS)
    for name in ("name", "birth_date", "cccd"):
        comp = doc["comparisons"][name]
        assert comp["levels"] == list(scoring.LEVELS[name])
        assert math.isclose(comp["m"][0], comp["m_from_truth"][0], abs_tol=0.03), name
        assert comp["u"][0] < 0.01 and comp["u"][-1] > 0.9
