"""Parse + validate throughput for typical dossiers (XML1 + ~5 XML2 + ~8 XML3 + ~5 XML4 rows).

The floor asserted here is deliberately low so a busy CI machine does not fail; the measured
number is printed (run with ``-s``) and reported in docs/gateway-xml4750-checks.md.
"""

from __future__ import annotations

import time

from yteso.gateway.xml4750 import EnvelopeValidator, open_envelope
from yteso.gateway.xml4750.generate import generate_envelope

FLOOR = 250  # dossiers per second, one core


def test_parse_and_validate_throughput() -> None:
    n = 400
    envelope = generate_envelope("01001", n, seed=2024)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with open_envelope(envelope) as reader:
            checker = EnvelopeValidator(reader.header)
            problems = sum(len(checker.check(dossier)) for dossier in reader)
            problems += len(checker.finish())
        best = min(best, time.process_time() - start)
        assert problems == 0
    rate = n / best
    print(f"\nXML 4750 parse+validate: {rate:.0f} dossiers/s ({len(envelope) / n / 1024:.1f} KiB per dossier)")
    assert rate > FLOOR, f"{rate:.0f} dossiers/s"
