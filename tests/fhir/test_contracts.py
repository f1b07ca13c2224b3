"""The committed CapabilityStatement matches what the code supports (regenerate: python -m yteso.fhir.contracts)."""

from __future__ import annotations

from yteso.fhir.contracts import CONTRACTS, render_capability


def test_capability_statement_has_not_drifted():
    committed = (CONTRACTS / "capability-statement.json").read_text(encoding="utf-8")
    assert committed == render_capability(), "run: python -m yteso.fhir.contracts"
