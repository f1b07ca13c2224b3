"""FHIR store benchmark: ingest, read by id, search by identifier and date, storage per resource.

    python -m bench.fhir                      # quick: 2,000 patients (20,000 resources), both backends
    python -m bench.fhir --patients 100000    # 1 million resources
    python -m bench.fhir --backend postgresql --runs 5

Each patient comes with 2 encounters, 2 conditions and 5 observations (10 resources). Ingest
goes through HTTP transaction Bundles; latencies are medians over ``--runs`` rounds of the p50
and p99 of each round. Baselines measured in the same run: ``GET /healthz`` (HTTP + one
database round trip) for latency, and a bare INSERT of the same JSON bodies for ingest.
"""

from __future__ import annotations

import argparse
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import orjson
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bench.common import BenchDb, fresh_database, median, percentile, server, timed_requests
from yteso.core.auth import issue_token
from yteso.core.ids import CCCD_SYSTEM
from yteso.settings import Settings
from yteso.testing.fhir_factories import condition, encounter, observation, patient

console = Console()
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quang"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương", "Tuấn", "Yến"]
ICD = ["E11", "I10", "J06.9", "K29.7", "M54.5", "J20.9", "N39.0", "E78.5"]


def patient_bundle(rng: random.Random, seq: int) -> list[dict[str, Any]]:
    """One patient's transaction entries (10 resources) with urn:uuid references."""
    year = rng.randint(1940, 2020)
    female = rng.random() < 0.5
    century_digit = (0 if year < 2000 else 2) + (1 if female else 0)
    cccd = f"{rng.choice(['001', '079', '031', '048', '092'])}{century_digit}{year % 100:02d}{seq:06d}"
    urn = f"urn:uuid:00000000-0000-4000-8000-{seq:012d}"
    p = patient(
        cccd=cccd,
        family=rng.choice(FAMILY),
        given=(rng.choice(MIDDLE), rng.choice(GIVEN)),
        birth=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        gender="female" if female else "male",
    )
    entries = [{"fullUrl": urn, "resource": p, "request": {"method": "POST", "url": "Patient"}}]

    def add(res: dict[str, Any]) -> None:
        res["subject"] = {"reference": urn}
        entries.append({"resource": res, "request": {"method": "POST", "url": res["resourceType"]}})

    for k in range(2):
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        add(encounter("x", f"LK{seq}-{k}", start=f"{day}T{rng.randint(7, 16):02d}:00:00+07:00"))
        add(condition("x", rng.choice(ICD), onset=day))
    for _k in range(5):
        when = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00+07:00"
        add(observation("x", value=round(rng.uniform(3, 12), 1), when=when))
    return entries


def ingest(
    base: str, token: str, patients: int, seed: int, *, per_bundle: int, concurrency: int, start_seq: int = 0
) -> tuple[float, int]:
    """POST transaction bundles; returns (seconds, resources)."""
    rng = random.Random(seed)
    bundles = []
    for start in range(0, patients, per_bundle):
        entries: list[dict[str, Any]] = []
        for seq in range(start, min(patients, start + per_bundle)):
            entries += patient_bundle(rng, start_seq + seq)
        bundles.append(orjson.dumps({"resourceType": "Bundle", "type": "transaction", "entry": entries}))
    total = patients * 10
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json", "Prefer": "return=minimal"}

    def send(body: bytes) -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=300) as c:
            r = c.post("/fhir", content=body)
            if r.status_code != 200:
                raise RuntimeError(f"transaction failed: {r.status_code} {r.text[:300]}")

    t = time.perf_counter()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"Ingest {total:,} resources", total=len(bundles))
        with ThreadPoolExecutor(concurrency) as pool:
            for _ in pool.map(send, bundles):
                progress.advance(task)
    return time.perf_counter() - t, total


def single_creates(client: httpx.Client, n: int) -> float:
    rng = random.Random(7)
    t = time.perf_counter()
    for i in range(n):
        body = patient_bundle(rng, 900_000 + i)[0]["resource"]
        r = client.post("/fhir/Patient", json=body)
        if r.status_code != 201:
            raise RuntimeError(r.text[:200])
    return n / (time.perf_counter() - t)


def bare_insert_baseline(db: BenchDb, n_patients: int) -> float:
    """Resources/s for a plain INSERT of the same JSON bodies into one JSON table (the storage floor)."""
    from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, insert
    from sqlalchemy.dialects.postgresql import JSONB

    from yteso.core.db import make_engine

    engine = make_engine(db.url, schema=db.schema)
    md = MetaData()
    t = Table(
        "bench_bare",
        md,
        Column("pk", Integer, primary_key=True),
        Column("res_type", String(64)),
        Column("content", JSON().with_variant(JSONB(), "postgresql")),
    )
    md.create_all(engine)
    rng = random.Random(3)
    rows = [
        {"res_type": e["resource"]["resourceType"], "content": e["resource"]}
        for s in range(n_patients)
        for e in patient_bundle(rng, s)
    ]
    start = time.perf_counter()
    for i in range(0, len(rows), 1000):
        with engine.begin() as conn:
            conn.execute(insert(t), rows[i : i + 1000])
    elapsed = time.perf_counter() - start
    md.drop_all(engine)
    engine.dispose()
    return len(rows) / elapsed


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    res: dict[str, Any] = {"backend": backend}
    with fresh_database(backend) as db:
        settings = Settings(secret_key="bench-secret-" + "x" * 32, environment="test")
        token = issue_token(settings, role="admin")
        res["bare_insert_rps"] = bare_insert_baseline(db, min(args.patients, 2000))
        with server(db, workers=args.workers) as base:
            secs, count = ingest(
                base, token, args.patients, args.seed, per_bundle=args.bundle, concurrency=args.concurrency
            )
            res["tx_rps"] = count / secs
            res["resources"] = count
            db.analyze()
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
                res["single_rps"] = single_creates(c, args.singles)
                rng = random.Random(11)
                ids = [
                    e["resource"]["id"]
                    for e in c.get("/fhir/Encounter", params={"_count": 1000, "_elements": "id"}).json()["entry"]
                ]
                cccds = [
                    e["resource"]["identifier"][0]["value"]
                    for e in c.get("/fhir/Patient", params={"_count": 1000}).json()["entry"]
                ]
                rounds: dict[str, list[tuple[float, float]]] = {k: [] for k in ("healthz", "read", "ident", "date")}
                for _ in range(args.runs):
                    n = args.samples
                    for key, urls in {
                        "healthz": ["/healthz"] * n,
                        "read": [f"/fhir/Encounter/{rng.choice(ids)}" for _ in range(n)],
                        "ident": [f"/fhir/Patient?identifier={CCCD_SYSTEM}|{rng.choice(cccds)}" for _ in range(n)],
                        "date": [_date_query(rng) for _ in range(n)],
                    }.items():
                        ms = timed_requests(c, urls)
                        rounds[key].append((percentile(ms, 50), percentile(ms, 99)))
                for key, vals in rounds.items():
                    res[f"{key}_p50"] = median([v[0] for v in vals])
                    res[f"{key}_p99"] = median([v[1] for v in vals])
        res["bytes_per_resource"] = db.storage_bytes() / (count + args.singles)
    return res


def _date_query(rng: random.Random) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 27)
    return f"/fhir/Encounter?date=ge2024-{month:02d}-{day:02d}&date=lt2024-{month:02d}-{day + 1:02d}&_count=20"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patients", type=int, default=2000, help="patients to load (x10 resources)")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--runs", type=int, default=3, help="rounds of latency sampling (median reported)")
    ap.add_argument("--samples", type=int, default=300, help="requests per latency round")
    ap.add_argument("--singles", type=int, default=300, help="single creates to time")
    ap.add_argument("--bundle", type=int, default=20, help="patients per transaction bundle")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--concurrency", type=int, default=2, help="concurrent ingest clients")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run_backend(b, args) for b in backends]
    table = Table(title=f"FHIR store, {args.patients * 10:,} resources, medians of {args.runs} runs")
    table.add_column("figure")
    for r in results:
        table.add_column(r["backend"], justify="right")
    rows = [
        ("transaction ingest (resources/s)", "tx_rps", "{:,.0f}"),
        ("  baseline: bare INSERT of same JSON (rows/s)", "bare_insert_rps", "{:,.0f}"),
        ("single creates (resources/s)", "single_rps", "{:,.0f}"),
        ("read by id p50 / p99 (ms)", "read", None),
        ("search by identifier p50 / p99 (ms)", "ident", None),
        ("search by date range p50 / p99 (ms)", "date", None),
        ("  baseline: GET /healthz p50 / p99 (ms)", "healthz", None),
        ("storage bytes per resource", "bytes_per_resource", "{:,.0f}"),
    ]
    for label, key, fmt in rows:
        if fmt:
            table.add_row(label, *[fmt.format(r[key]) for r in results])
        else:
            table.add_row(label, *[f"{r[key + '_p50']:.1f} / {r[key + '_p99']:.1f}" for r in results])
    console.print(table)


if __name__ == "__main__":
    main()
