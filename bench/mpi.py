"""Master patient index benchmark: batch cleaning accuracy and speed, and ``$match`` latency.

    python -m bench.mpi                         # 1,000,000 citizens, 500,000 records, 1,000,000 stored
    python -m bench.mpi --quick                 # 100,000 citizens, 100,000 records, 100,000 stored
    python -m bench.mpi --skip-match            # cleaning only
    python -m bench.mpi --store 200000 --backend sqlite

1. A synthetic register (``yteso popdb generate``) and a records file made from it with known
   truth and injected mistakes (``yteso.identity.mpi.synth``: no diacritics, typos, reordered or
   shortened names, day/month swapped, a wrong date digit, one wrong CCCD digit or someone else's
   CCCD, missing fields, ``+84`` phones) plus people not in the register.
2. ``yteso mpi clean`` runs in a fresh process on the whole file and on its first quarter: records/s
   of the cleaning phase, the load time of the register, and peak RSS of each run (it must not grow
   with the file). Precision = correct links / links made (``matched`` + ``corrected``); recall =
   correct links / records whose person is registered.
3. ``--store`` citizens are written as FHIR Patients through the FHIR repository (versions,
   indexes, audit, as the API writes them), a server is started, and ``Patient/$match`` is timed
   with messy probes made the same way: p50 / p99 over ``--samples`` sequential requests.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import os
import random
import resource
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bench.common import fresh_database, median, percentile, server
from yteso.identity.mpi import synth
from yteso.identity.mpi.features import birth_iso, norm_sex, parse_birth
from yteso.identity.population.generate import generate_citizens, write_csv

console = Console()
TARGETS = {"precision": 0.995, "recall": 0.98, "rate": 5_000, "p99": 50.0}


# ---- data -----------------------------------------------------------------------------------------


def make_records(path: Path, citizens: int, records: int, seed: int) -> dict[str, tuple[str | None, list[str]]]:
    """Write the records file; return record_id → (true CCCD or None, injected mistakes)."""
    per_citizen = min(0.95, records / citizens / 1.45)
    truth: dict[str, tuple[str | None, list[str]]] = {}
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(synth.RECORD_HEADER)
        stream = synth.records_for(
            generate_citizens(citizens, seed), generate_citizens(citizens, seed + 1), seed=seed + 2,
            per_citizen=per_citizen,
        )  # fmt: skip
        for rec in stream:
            writer.writerow(rec.row())
            truth[rec.record_id] = (rec.truth, rec.errors)
            if len(truth) >= records:
                break
    return truth


def head(path: Path, out: Path, rows: int) -> None:
    with open(path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i > rows:
                break
            dst.write(line)


# ---- cleaning in a fresh process ------------------------------------------------------------------


def _clean_child(population: str, records: str, out: str, queue: Any) -> None:
    from yteso.identity.mpi.clean import clean_file
    from yteso.identity.mpi.popindex import LocalSource, PopulationIndex
    from yteso.identity.mpi.scoring import default_weights

    started = time.perf_counter()
    index = PopulationIndex.load(population)
    load_s = time.perf_counter() - started
    after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = clean_file(LocalSource(index, default_weights()), records, out)
    queue.put(
        {
            "load_s": load_s,
            "clean_s": summary.seconds,
            "rows": summary.rows,
            "rate": summary.per_second,
            "rss_after_load_mb": after_load,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "index_mb": index.nbytes() / 1e6,
            "counts": dict(summary.counts),
        }
    )


def run_clean(population: Path, records: Path, out: Path) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_clean_child, args=(str(population), str(records), str(out), queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def accuracy(out: Path, truth: dict[str, tuple[str | None, list[str]]]) -> dict[str, Any]:
    right = wrong = missed = 0
    missed_by: Counter[str] = Counter()
    seen_by: Counter[str] = Counter()
    with open(out, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            true, errors = truth[row["record_id"]]
            linked = row["status"] in ("matched", "corrected")
            ok = linked and row["matched_cccd"] == true
            right += ok
            wrong += linked and not ok
            if true is not None:
                seen_by.update(errors)
                if not ok:
                    missed += 1
                    missed_by.update(errors)
    registered = right + missed
    return {
        "precision": right / (right + wrong) if right + wrong else 1.0,
        "recall": right / registered if registered else 1.0,
        "false_links": wrong,
        "missed": missed,
        "recall_by_error": {k: 1 - missed_by[k] / n for k, n in seen_by.items() if n >= 200},
    }


# ---- $match ---------------------------------------------------------------------------------------


def as_patient(row: tuple[str, ...], rnd: random.Random) -> dict[str, Any]:
    from yteso.core.ids import BHYT_SYSTEM, CCCD_SYSTEM

    cccd, name, born, sex, province, phone = row
    parts = name.split()
    ids = [{"system": CCCD_SYSTEM, "value": cccd}]
    if rnd.random() < 0.5:
        ids.append({"system": BHYT_SYSTEM, "value": synth.synthetic_bhyt(cccd, province)})
    p: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": ids,
        "name": [{"use": "official", "family": parts[0], "given": parts[1:], "text": name}],
        "gender": sex,
        "birthDate": born,
    }
    if phone:
        p["telecom"] = [{"system": "phone", "value": phone}]
    return p


def _load_slice(url: str, schema: str | None, start: int, stop: int, seed: int) -> int:
    """Write citizens [start, stop) as Patients through the FHIR repository, 2,000 per transaction."""
    from itertools import islice

    from yteso.core.db import make_engine, session_factory
    from yteso.fhir.service import system_context
    from yteso.settings import Settings

    engine = make_engine(url, schema=schema)
    sessions = session_factory(engine)
    settings = Settings(database_url=url, database_schema=schema)
    rnd = random.Random(start)
    rows = islice(generate_citizens(stop, seed), start, stop)
    done = 0
    while chunk := list(islice(rows, 2000)):
        with sessions() as session, session.begin():
            ctx = system_context(session, settings, agent="bench-mpi")
            ctx.repo.write_many([ctx.repo.prepare_create(as_patient(r, rnd)) for r in chunk])
        done += len(chunk)
    engine.dispose()
    return done


def load_store(url: str, schema: str | None, count: int, seed: int, workers: int) -> float:
    step = -(-count // (workers * 8))
    slices = [(s, min(count, s + step)) for s in range(0, count, step)]
    started = time.perf_counter()
    with Progress(console=console, transient=True) as progress, ProcessPoolExecutor(workers) as pool:
        task = progress.add_task(f"Storing {count:,} Patients", total=count)
        futures = [pool.submit(_load_slice, url, schema, a, b, seed) for a, b in slices]
        for fut in futures:
            progress.advance(task, fut.result())
    rate = count / (time.perf_counter() - started)
    analyze(url, schema)
    return rate


def analyze(url: str, schema: str | None) -> None:
    """Planner statistics after the bulk load, as autovacuum would gather them (it is off on some hosts)."""
    from sqlalchemy import text

    from yteso.core.db import make_engine

    engine = make_engine(url, schema=schema)
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    engine.dispose()


def probes(count: int, stored: int, samples: int, seed: int) -> list[tuple[dict[str, Any], str | None]]:
    """Messy Patients of stored citizens (and some strangers) with the truth."""
    rnd = random.Random(seed + 9)
    wanted = set(rnd.sample(range(stored), samples))
    out = []
    for i, row in enumerate(generate_citizens(stored, seed)):
        if i in wanted:
            out.append((_probe(synth.perturb(rnd, f"P{i}", row, row[0])), row[0]))
    strangers = generate_citizens(samples // 10, seed + 1)
    out += [(_probe(synth.perturb(rnd, "S", row, None)), None) for row in strangers]
    rnd.shuffle(out)
    return out


def _probe(rec: synth.SynthRecord) -> dict[str, Any]:
    from yteso.core.ids import CCCD_SYSTEM

    p: dict[str, Any] = {"resourceType": "Patient"}
    if rec.cccd:
        p["identifier"] = [{"system": CCCD_SYSTEM, "value": rec.cccd}]
    if rec.full_name:
        p["name"] = [{"text": rec.full_name}]
    if born := birth_iso(parse_birth(rec.birth_date)):
        p["birthDate"] = born
    if sex := norm_sex(rec.sex):
        p["gender"] = sex
    if rec.phone:
        p["telecom"] = [{"system": "phone", "value": rec.phone}]
    return {"resourceType": "Parameters", "parameter": [{"name": "resource", "resource": p}]}


def time_match(
    base: str, token: str, cases: list[tuple[dict[str, Any], str | None]], rounds: int
) -> dict[str, Any]:
    """Sequential ``$match`` calls in ``rounds`` rounds (median of the rounds' p50 and p99), with
    ``GET /healthz`` timed alongside as the floor of this machine at this moment."""
    from yteso.core.ids import CCCD_SYSTEM

    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json"}
    p50s, p99s, floor50, floor99 = [], [], [], []
    top_right = registered = 0
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for body, _ in cases[:50]:  # warm-up
            client.post("/fhir/Patient/$match", json=body)
        for _ in range(rounds):
            ms, hz = [], []
            for body, true in cases:
                started = time.perf_counter()
                r = client.post("/fhir/Patient/$match", json=body)
                ms.append((time.perf_counter() - started) * 1000)
                if r.status_code != 200:
                    raise RuntimeError(f"$match answered {r.status_code}: {r.text[:300]}")
                if true is not None:
                    registered += 1
                    entries = [e for e in r.json()["entry"] if e["search"]["mode"] == "match"]
                    ids = entries[0]["resource"]["identifier"] if entries else []
                    top_right += any(i["system"] == CCCD_SYSTEM and i["value"] == true for i in ids)
                started = time.perf_counter()
                client.get("/healthz")
                hz.append((time.perf_counter() - started) * 1000)
            p50s.append(percentile(ms, 50))
            p99s.append(percentile(ms, 99))
            floor50.append(percentile(hz, 50))
            floor99.append(percentile(hz, 99))
    return {"p50": median(p50s), "p99": median(p99s), "healthz_p50": median(floor50), "healthz_p99": median(floor99),
            "top1": top_right / max(1, registered), "n": len(cases), "load": os.getloadavg()[0]}  # fmt: skip


def run_match(args: argparse.Namespace, backend: str) -> dict[str, Any]:
    from yteso.core.auth import issue_token
    from yteso.settings import Settings

    with fresh_database(backend) as db:
        workers = 1 if backend == "sqlite" else 2
        rate = load_store(db.url, db.schema, args.store, args.seed, workers)
        token = issue_token(Settings(secret_key="bench-secret-" + "x" * 32, environment="test"), role="admin")
        cases = probes(args.store, args.store, args.samples, args.seed)
        with server(db, workers=1) as base:
            res = time_match(base, token, cases, args.rounds)
        res.update(backend=backend, store_rate=rate, bytes_per_patient=db.storage_bytes() / args.store)
        return res


# ---- main -----------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--citizens", type=int, default=1_000_000, help="register size for cleaning")
    ap.add_argument("--records", type=int, default=500_000, help="records to clean")
    ap.add_argument("--store", type=int, default=1_000_000, help="Patients stored for $match")
    ap.add_argument("--samples", type=int, default=500, help="$match requests per round")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of $match timing (median reported)")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="postgresql")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--quick", action="store_true", help="100,000 citizens, records and stored Patients")
    ap.add_argument("--skip-clean", action="store_true")
    ap.add_argument("--skip-match", action="store_true")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the generated files here")
    args = ap.parse_args()
    if args.quick:
        args.citizens, args.records, args.store = 100_000, 100_000, 100_000
    rows: list[tuple[str, str, bool | None]] = []
    with tempfile.TemporaryDirectory(prefix="yteso-bench-mpi-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if not args.skip_clean:
            rows += bench_clean(args, work)
    if not args.skip_match:
        backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
        for backend in backends:
            console.print(f"$match: storing {args.store:,} Patients in {backend} …")
            m = run_match(args, backend)
            rows += [
                (f"$match p50 / p99, {args.store:,} stored ({backend})", f"{m['p50']:.1f} / {m['p99']:.1f} ms",
                 m["p99"] <= TARGETS["p99"]),
                ("  baseline: GET /healthz p50 / p99", f"{m['healthz_p50']:.1f} / {m['healthz_p99']:.1f} ms", None),
                (f"  $match top-1 correct ({m['n']:,} messy probes)", f"{m['top1']:.4f}", None),
                ("  machine load average (1 min) while timing", f"{m['load']:.1f} on {os.cpu_count()} cores", None),
                ("  storing Patients through the FHIR repository", f"{m['store_rate']:,.0f} /s", None),
                ("  storage per Patient", f"{m['bytes_per_patient']:,.0f} bytes", None),
            ]  # fmt: skip
    table = Table(title="Master patient index benchmark")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target")
    for label, value, ok in rows:
        table.add_row(label, value, "" if ok is None else ("[green]met[/green]" if ok else "[red]missed[/red]"))
    console.print(table)


def bench_clean(args: argparse.Namespace, work: Path) -> list[tuple[str, str, bool | None]]:
    population, records, quarter = work / "population.csv", work / "records.csv", work / "records-quarter.csv"
    started = time.perf_counter()
    write_csv(population, args.citizens, args.seed)
    truth = make_records(records, args.citizens, args.records, args.seed)
    head(records, quarter, len(truth) // 4)
    console.print(f"generated {args.citizens:,} citizens and {len(truth):,} records in "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    full = run_clean(population, records, work / "out.csv")
    small = run_clean(population, quarter, work / "out-quarter.csv")
    acc = accuracy(work / "out.csv", truth)
    worst = sorted(acc["recall_by_error"].items(), key=lambda kv: kv[1])[:4]
    return [
        (f"precision ({full['rows']:,} records, {args.citizens:,} citizens)", f"{acc['precision']:.5f}",
         acc["precision"] >= TARGETS["precision"]),
        ("recall", f"{acc['recall']:.5f}", acc["recall"] >= TARGETS["recall"]),
        ("  false links / registered records missed", f"{acc['false_links']:,} / {acc['missed']:,}", None),
        ("  lowest recall by injected mistake", ", ".join(f"{k} {v:.3f}" for k, v in worst), None),
        ("batch cleaning (records/s, cleaning phase)", f"{full['rate']:,.0f}", full["rate"] >= TARGETS["rate"]),
        ("  register load (s) / index size", f"{full['load_s']:.1f} s / {full['index_mb']:,.0f} MB", None),
        ("peak RSS: whole file / first quarter", f"{full['peak_rss_mb']:,.0f} / {small['peak_rss_mb']:,.0f} MB",
         full["peak_rss_mb"] <= small["peak_rss_mb"] * 1.1 + 20),
        ("  RSS after loading the register", f"{full['rss_after_load_mb']:,.0f} MB", None),
        ("  statuses", ", ".join(f"{k} {v:,}" for k, v in sorted(full["counts"].items())), None),
    ]  # fmt: skip


if __name__ == "__main__":
    main()
