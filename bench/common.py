"""Shared benchmark plumbing: fresh databases, a real server process, timing and percentiles."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("YTESO_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass
class BenchDb:
    backend: str
    url: str
    schema: str | None
    path: Path | None = None

    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "YTESO_DATABASE_URL": self.url,
            "YTESO_ENVIRONMENT": "test",
            "YTESO_SECRET_KEY": "bench-secret-" + "x" * 32,
        }
        if self.schema:
            env["YTESO_DATABASE_SCHEMA"] = self.schema
        return env

    def analyze(self) -> None:
        """Refresh planner statistics after a bulk load (what autovacuum does in production)."""
        if self.backend == "sqlite":
            return
        engine = create_engine(
            self.url, isolation_level="AUTOCOMMIT", connect_args={"options": f"-csearch_path={self.schema}"}
        )
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
        engine.dispose()

    def storage_bytes(self) -> int:
        if self.backend == "sqlite":
            assert self.path is not None
            return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        engine = create_engine(self.url)
        with engine.connect() as conn:
            total = conn.execute(
                text(
                    "SELECT COALESCE(SUM(pg_total_relation_size("
                    "quote_ident(schemaname)||'.'||quote_ident(tablename))),0) FROM pg_tables WHERE schemaname = :s"
                ),
                {"s": self.schema},
            ).scalar_one()
        engine.dispose()
        return int(total)


@contextmanager
def fresh_database(backend: str) -> Iterator[BenchDb]:
    """An empty, migrated database of ``backend``, removed afterwards."""
    from yteso.core.db import make_engine
    from yteso.core.migrate import upgrade

    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="yteso-bench-") as tmp:
            path = Path(tmp) / "bench.db"
            url = f"sqlite:///{path}"
            engine = make_engine(url)
            upgrade(engine)
            engine.dispose()
            yield BenchDb("sqlite", url, None, path)
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = make_engine(PG_URL, schema=schema)
        upgrade(engine)
        engine.dispose()
        yield BenchDb("postgresql", PG_URL, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(db: BenchDb, *, workers: int = 1) -> Iterator[str]:
    """Run ``yteso serve`` in its own process(es) so the client does not share its CPU time slices."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-c",
        "import sys; from yteso.core.serving import run_server; "
        f"run_server('127.0.0.1', {port}, workers={workers}, log_level='warning')",
    ]
    proc = subprocess.Popen(cmd, env=db.env())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed_requests(client: httpx.Client, urls: list[str]) -> list[float]:
    """Milliseconds per GET, each checked for 200."""
    out = []
    for url in urls:
        t = time.perf_counter()
        r = client.get(url)
        out.append((time.perf_counter() - t) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"{url}: {r.status_code} {r.text[:200]}")
    return out
