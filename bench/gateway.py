"""Gateway benchmark: claims-XML dossiers end to end (HTTP receive → FHIR committed) vs parsing alone.

    python -m bench.gateway                       # 1,000 dossiers, PostgreSQL
    python -m bench.gateway --dossiers 5000 --backend sqlite

Prints dossiers/s, FHIR resources/s, p50/p99 time from receipt to accepted, and the time of
parsing + checking the same files alone (median of --runs), with the ratio between the two.
``--repeat N`` runs the whole measurement N times (a fresh database each) and prints every run
and the medians: this machine's speed drifts by tens of percent from one minute to the next, so
the parse-alone baseline is measured again right before each run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select

from bench.common import fresh_database, percentile, server
from yteso.core.auth import issue_token
from yteso.fhir.tables import resource
from yteso.gateway.tables import dossier
from yteso.gateway.xml4750 import EnvelopeValidator, open_envelope
from yteso.gateway.xml4750.generate import generate_envelope
from yteso.settings import Settings

console = Console()
FACILITIES = ["01001", "01002", "79001", "48001"]


def make_files(n: int, per_file: int) -> list[tuple[str, bytes]]:
    files = []
    for i in range(0, n, per_file):
        fac = FACILITIES[(i // per_file) % len(FACILITIES)]
        files.append((fac, generate_envelope(fac, min(per_file, n - i), seed=1000 + i)))
    return files


def parse_only(files: list[tuple[str, bytes]]) -> float:
    start = time.perf_counter()
    for _fac, data in files:
        with open_envelope(data) as reader:
            checker = EnvelopeValidator(reader.header)
            for item in reader:
                checker.check(item)
            checker.finish()
    return time.perf_counter() - start


def run(backend: str, args: argparse.Namespace) -> dict[str, float]:
    files = make_files(args.dossiers, args.per_file)
    parse_times = [parse_only(files) for _ in range(args.runs)]
    with fresh_database(backend) as db:
        settings = Settings(secret_key="bench-secret-" + "x" * 32, environment="test")
        tokens = {fac: issue_token(settings, role="facility", facility=fac) for fac in FACILITIES}
        with server(db, workers=args.workers) as base:

            def send(item: tuple[str, bytes]) -> None:
                fac, data = item
                r = httpx.post(
                    f"{base}/gateway/xml",
                    content=data,
                    timeout=300,
                    headers={"Authorization": f"Bearer {tokens[fac]}", "Content-Type": "application/xml"},
                )
                if r.status_code != 202:
                    raise RuntimeError(r.text[:300])

            engine = create_engine(db.url, connect_args={"options": f"-csearch_path={db.schema}"} if db.schema else {})
            start = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(send, files))
            while True:
                with engine.connect() as c:
                    left = c.execute(
                        select(func.count()).select_from(dossier).where(dossier.c.state == "queued")
                    ).scalar_one()
                if left == 0:
                    break
                time.sleep(0.05)
            elapsed = time.perf_counter() - start
            with engine.connect() as c:
                states = dict(c.execute(select(dossier.c.state, func.count()).group_by(dossier.c.state)).all())
                lat = [
                    (p - r).total_seconds() * 1000
                    for r, p in c.execute(select(dossier.c.received_at, dossier.c.processed_at)).all()
                    if p is not None
                ]
                resources = c.execute(select(func.count()).select_from(resource)).scalar_one()
            engine.dispose()
    accepted = states.get("accepted", 0)
    parse_s = statistics.median(parse_times)
    return {
        "accepted": accepted,
        "rejected": states.get("rejected", 0),
        "e2e_s": elapsed,
        "dps": accepted / elapsed,
        "rps": resources / elapsed,
        "p50": percentile(lat, 50),
        "p99": percentile(lat, 99),
        "parse_s": parse_s,
        "parse_dps": args.dossiers / parse_s,
        "ratio": elapsed / parse_s,
        "resources": resources,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="whole runs (fresh database each); medians are printed")
    ap.add_argument("--dossiers", type=int, default=1000)
    ap.add_argument("--per-file", type=int, default=50, help="dossiers per GIAMDINHHS envelope")
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="postgresql")
    ap.add_argument("--workers", type=int, default=2, help="server processes (each with its in-process queue)")
    ap.add_argument("--concurrency", type=int, default=4, help="concurrent sending facilities")
    ap.add_argument("--runs", type=int, default=3, help="runs of parse-only timing (median)")
    args = ap.parse_args()
    runs = [run(args.backend, args) for _ in range(args.repeat)]
    t = Table(title=f"Gateway, {args.dossiers:,} dossiers on {args.backend}")
    t.add_column("figure")
    for i in range(len(runs)):
        t.add_column(f"run {i + 1}", justify="right")
    if len(runs) > 1:
        t.add_column("median", justify="right")
    rows = [
        ("dossiers accepted / rejected", lambda r: f"{r['accepted']:,.0f} / {r['rejected']:,.0f}", None),
        ("end to end (dossiers/s)", lambda r: f"{r['dps']:,.0f}", "dps"),
        ("FHIR resources written (/s)", lambda r: f"{r['rps']:,.0f}", "rps"),
        ("receipt → accepted p50 / p99 (ms)", lambda r: f"{r['p50']:,.0f} / {r['p99']:,.0f}", None),
        ("baseline: parse + check alone (dossiers/s)", lambda r: f"{r['parse_dps']:,.0f}", "parse_dps"),
        ("end-to-end time / parse-alone time", lambda r: f"{r['ratio']:.1f}x", "ratio"),
    ]
    for label, show, key in rows:
        cells = [show(r) for r in runs]
        if len(runs) > 1:
            median = statistics.median(r[key] for r in runs) if key else None
            cells.append("" if median is None else (f"{median:.1f}x" if key == "ratio" else f"{median:,.0f}"))
        t.add_row(label, *cells)
    console.print(t)


if __name__ == "__main__":
    main()
