"""The committed contracts: the CapabilityStatement (and OpenAPI document) as files in docs/contracts/.

``python -m yteso.fhir.contracts`` rewrites them; a test fails when the code drifts from them.
"""

from __future__ import annotations

import json
from pathlib import Path

from yteso.fhir.capability import capability_statement

CONTRACTS = Path(__file__).resolve().parents[2] / "docs" / "contracts"


def render_capability() -> str:
    return json.dumps(capability_statement(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write() -> None:
    CONTRACTS.mkdir(parents=True, exist_ok=True)
    (CONTRACTS / "capability-statement.json").write_text(render_capability(), encoding="utf-8")


if __name__ == "__main__":
    write()
