"""``yteso gateway``: ingest claims XML from files, run queue workers, make sample files."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from yteso.settings import Settings

app = typer.Typer(help="Cổng tiếp nhận dữ liệu XML 4750 (health-data gateway)", no_args_is_help=True)
console = Console()


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() == ".xml")
        elif p.exists():
            out.append(p)
        else:
            raise typer.BadParameter(f"{p} does not exist / không tồn tại")
    return out


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="GIAMDINHHS files or folders of them"),
    facility: str = typer.Option(None, help="Refuse files of any other facility (MA_CSKCB)"),
) -> None:
    """Receive files as the HTTP gateway does, store their dossiers, print a summary."""
    from yteso.core.db import make_engine, session_factory
    from yteso.core.errors import DomainError
    from yteso.core.migrate import upgrade
    from yteso.core.serving import tune_gc
    from yteso.gateway.processing.service import process_many
    from yteso.gateway.service import receive

    settings = Settings()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    upgrade(engine)
    sessions = session_factory(engine)
    tune_gc()
    files = _files(paths)
    states: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    refused: list[tuple[str, str]] = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task("Tiếp nhận / ingesting", total=len(files))
        for path in files:
            try:
                with sessions() as s, s.begin():
                    got = receive(
                        s,
                        path,
                        facility=facility,
                        source_kind="cli",
                        sender="cli",
                        max_bytes=settings.gateway_max_bytes,
                    )
            except DomainError as exc:
                refused.append((str(path), f"{exc.message_vi} / {exc.message_en}"))
                progress.advance(task)
                continue
            for d in got.dossiers:
                if d["state"] == "rejected":
                    states["rejected"] += 1
                    rules.update(e["rule"] for e in d["errors"])
            for start in range(0, len(got.queued), 50):
                for outcome in process_many(sessions, settings, got.queued[start : start + 50]):
                    states[outcome.state] += 1
            progress.advance(task)
    _summary(len(files), states, rules, refused)
    engine.dispose()


def _summary(files: int, states: Counter[str], rules: Counter[str], refused: list[tuple[str, str]]) -> None:
    table = Table(title="Kết quả tiếp nhận / ingest summary")
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("files / tệp", str(files))
    table.add_row("files refused / tệp bị từ chối", str(len(refused)))
    table.add_row("dossiers accepted / hồ sơ được nhận", str(states["accepted"]))
    table.add_row("dossiers rejected / hồ sơ bị từ chối", str(states["rejected"]))
    console.print(table)
    if rules:
        top = Table(title="Lỗi thường gặp / top errors")
        top.add_column("rule")
        top.add_column("count", justify="right")
        for rule, n in rules.most_common(10):
            top.add_row(rule, str(n))
        console.print(top)
    for path, message in refused:
        console.print(f"[red]{path}[/red]: {message}")


@app.command()
def worker(
    queue: str = typer.Option(None, help="Queue URL (default YTESO_QUEUE_URL), e.g. nats://127.0.0.1:4222"),
    ack_wait: float = typer.Option(60.0, help="Seconds before an unacknowledged dossier is redelivered"),
    idle_exit: float = typer.Option(None, help="Stop after this many idle seconds"),
) -> None:
    """Process queued dossiers from the broker until stopped."""
    from yteso.core.db import make_engine, session_factory
    from yteso.core.serving import tune_gc
    from yteso.gateway.processing.service import process_many
    from yteso.gateway.queue.nats import consume

    settings = Settings()
    url = queue or settings.queue_url
    if not url or not url.startswith("nats://"):
        raise typer.BadParameter("a worker needs a broker: --queue nats://host:4222 (or YTESO_QUEUE_URL)")
    sessions = session_factory(make_engine(settings.database_url, schema=settings.database_schema))
    tune_gc()
    done = asyncio.run(
        consume(
            url,
            lambda pks: process_many(sessions, settings, pks),
            batch=settings.gateway_batch,
            ack_wait=ack_wait,
            idle_exit=idle_exit,
        )
    )
    console.print(f"{done} dossiers processed")


@app.command()
def generate(
    out: Path = typer.Option(..., help="Output GIAMDINHHS file"),
    dossiers: int = typer.Option(10, help="Number of dossiers"),
    facility: str = typer.Option("01001", help="Facility code MA_CSKCB"),
    seed: int = typer.Option(1),
) -> None:
    """Write a realistic synthetic claims-XML envelope (for demos and tests)."""
    from yteso.gateway.xml4750.generate import generate_envelope

    out.write_bytes(generate_envelope(facility, dossiers, seed=seed))
    console.print(f"{dossiers} dossiers → {out}")
