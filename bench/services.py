"""Administrative-procedure benchmark: concurrent applicants submitting while officers process.

    python -m bench.services                          # PostgreSQL, 8 applicants, 20 s
    python -m bench.services --backend sqlite --applicants 8 --seconds 10
    make bench-services

Each applicant is a business with its own data store: it uploads its documents once (not timed),
then files health-supplement declarations (attp-tpbvsk: form validation, document reuse, code,
automatic reception with due date, portal outbox rows, audit) as fast as it gets answers. Officers
work the unit's queue at the same time: confirm the fee, complete two steps, approve (the result
PDF is rendered and signed) and return it. Baseline in the same run: ``GET /healthz`` (HTTP and one
database round trip). Target on a 2-core machine with PostgreSQL: >= 50 submissions/s, p99 <= 300 ms.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from bench.common import BenchDb, fresh_database, percentile, server, timed_requests
from yteso.core.auth import issue_token
from yteso.integrations.business_registry.codes import enterprise_check_digit
from yteso.services.access import business_subject
from yteso.services.settings import ServicesSettings
from yteso.services.signing import init_ca
from yteso.settings import Settings

console = Console()
FORM = {
    "enterprise_name": "Công ty TNHH Dược phẩm Sao Mai", "enterprise_address": "5 Láng Hạ, Hà Nội",
    "representative": "Trần Thị Bình", "phone": "0243123456", "email": "lienhe@saomai.vn",
    "product_name": "Viên uống Bổ gan", "manufacturer": "Nhà máy Sao Mai, Hà Nam", "origin": "trong-nuoc",
    "ingredients": "Cao actiso 200 mg", "uses": "Hỗ trợ chức năng gan", "shelf_life_months": 24,
}
DOCS = ("test_report", "scientific_evidence", "gmp_certificate", "label_draft")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"%" + b"x" * 20_000 + b"\n"
OFFICER_STEPS = (("clerk", "confirm_payment"), ("specialist", "complete_step"), ("head", "complete_step"),
                 ("leader", "approve"), ("clerk", "return_result"))


def enterprise(i: int) -> str:
    """A valid 10-digit enterprise code (check digit) for applicant ``i``."""
    n = 100_000 + i
    while True:
        first = f"01{n:07d}"
        digit = enterprise_check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        n += 1_000_000


@dataclass
class Tally:
    submit_ms: list[float] = field(default_factory=list)
    officer_ms: list[float] = field(default_factory=list)
    by_action: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(base: str, token: str) -> httpx.Client:
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60, limits=limits)


def applicant(base: str, settings: Settings, i: int, stop: threading.Event, tally: Tally) -> None:
    code = enterprise(i)
    cccd = f"0010900{i + 1:05d}"
    token = issue_token(settings, role="citizen", citizen=cccd, subject=business_subject(code, cccd))
    with client(base, token) as c:
        docs = {}
        for key in DOCS:
            r = c.post("/api/services/documents", files={"file": (f"{key}.pdf", PDF, "application/pdf")},
                       data={"doc_type": key})
            r.raise_for_status()
            docs[key] = [r.json()["id"]]
        body = {"procedure": "attp-tpbvsk", "form": {**FORM, "enterprise_code": code}, "documents": docs}
        while not stop.is_set():
            t = time.perf_counter()
            r = c.post("/api/services/dossiers", json=body)
            ms = (time.perf_counter() - t) * 1000
            with tally.lock:
                if r.status_code == 201:
                    tally.submit_ms.append(ms)
                else:
                    tally.errors.append(f"submit {r.status_code}: {r.text[:200]}")


def officers(base: str, settings: Settings, stop: threading.Event, tally: Tally) -> None:
    """One officer team walking dossiers through every step, oldest due first."""
    team = {p: client(base, issue_token(settings, role="officer", subject=f"bench:{p}", facility="ATTP"))
            for p in ("clerk", "specialist", "head", "leader")}
    try:
        while not stop.is_set():
            items = team["clerk"].get("/api/services/queue", params={"status": "awaiting_payment", "limit": 5})
            todo = [d["code"] for d in items.json()["items"]]
            if not todo:
                time.sleep(0.05)
                continue
            for code in todo:
                for position, action in OFFICER_STEPS:
                    if stop.is_set():
                        return
                    t = time.perf_counter()
                    r = team[position].post(f"/api/services/dossiers/{code}/actions/{action}", json={})
                    with tally.lock:
                        if r.status_code == 200:
                            ms = (time.perf_counter() - t) * 1000
                            tally.officer_ms.append(ms)
                            tally.by_action.setdefault(action, []).append(ms)
                        else:
                            tally.errors.append(f"{action} {r.status_code}: {r.text[:200]}")
    finally:
        for c in team.values():
            c.close()


def setup_staff(base: str, settings: Settings) -> None:
    with client(base, issue_token(settings, role="admin")) as admin:
        for p in ("clerk", "specialist", "head", "leader"):
            admin.put(f"/api/services/staff/bench:{p}", json={"unit_code": "ATTP", "positions": [p]}).raise_for_status()


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="yteso-bench-sign-") as signing, fresh_database(backend) as db:
        os.environ["YTESO_SERVICES_SIGNING_DIR"] = signing
        init_ca(ServicesSettings(signing_dir=signing))  # as an operator would: yteso services ca init
        settings = Settings(secret_key=BenchDb.env(db)["YTESO_SECRET_KEY"], environment="test")
        with server(db, workers=args.workers) as base:
            setup_staff(base, settings)
            with httpx.Client(base_url=base, timeout=30) as anon:
                baseline = timed_requests(anon, ["/healthz"] * 300)
            tally, stop = Tally(), threading.Event()
            threads = [threading.Thread(target=applicant, args=(base, settings, i, stop, tally))
                       for i in range(args.applicants)]
            threads += [threading.Thread(target=officers, args=(base, settings, stop, tally))
                        for _ in range(args.officer_teams)]
            for t in threads:
                t.start()
            time.sleep(args.warmup)
            with tally.lock:
                tally.submit_ms.clear()
                tally.officer_ms.clear()
            start = time.perf_counter()
            time.sleep(args.seconds)
            with tally.lock:
                submit_ms, officer_ms = list(tally.submit_ms), list(tally.officer_ms)
            elapsed = time.perf_counter() - start
            stop.set()
            for t in threads:
                t.join(timeout=60)
            with httpx.Client(base_url=base, timeout=30) as anon:
                baseline_after = timed_requests(anon, ["/healthz"] * 300)
    return {
        "backend": backend, "submissions": len(submit_ms), "rate": len(submit_ms) / elapsed,
        "p50": percentile(submit_ms, 50), "p99": percentile(submit_ms, 99),
        "officer_actions": len(officer_ms), "officer_rate": len(officer_ms) / elapsed,
        "officer_p99": percentile(officer_ms, 99),
        "healthz_p50": percentile(baseline, 50), "healthz_p99": percentile(baseline, 99),
        "healthz_after_p99": percentile(baseline_after, 99), "errors": tally.errors[:5],
        "error_count": len(tally.errors),
        "actions": {a: (len(v), percentile(v, 50), percentile(v, 99)) for a, v in tally.by_action.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="postgresql")
    ap.add_argument("--applicants", type=int, default=8, help="concurrent applicants")
    ap.add_argument("--officer-teams", type=int, default=1, help="concurrent officer teams")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured duration")
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    args = ap.parse_args()
    backends = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    results = [run_backend(b, args) for b in backends]
    table = Table(title=f"services: {args.applicants} applicants, {args.officer_teams} officer team(s), "
                        f"{args.seconds:.0f} s, {args.workers} workers")
    for col in ("backend", "submissions/s", "submit p50 ms", "submit p99 ms", "officer actions/s",
                "officer p99 ms", "healthz p50/p99 ms", "errors"):
        table.add_column(col)
    for r in results:
        table.add_row(r["backend"], f"{r['rate']:.1f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}",
                      f"{r['officer_rate']:.1f}", f"{r['officer_p99']:.1f}",
                      f"{r['healthz_p50']:.1f}/{r['healthz_p99']:.1f}", str(r["error_count"]))
    console.print(table)
    for r in results:
        for e in r["errors"]:
            console.print(f"[red]{r['backend']}: {e}[/red]")
        for action, (n, p50, p99) in sorted(r["actions"].items()):
            console.print(f"  {r['backend']} officer {action}: {n} (whole run), p50 {p50:.0f} ms, p99 {p99:.0f} ms")
        ok = r["rate"] >= 50 and r["p99"] <= 300
        console.print(f"{r['backend']}: target >= 50 submissions/s at p99 <= 300 ms: "
                      + ("[green]met[/green]" if ok else "[yellow]not met[/yellow]"))


if __name__ == "__main__":
    main()
