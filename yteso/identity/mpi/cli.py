"""``yteso mpi``: batch cleaning of records against the population, and training of the match weights."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

app = typer.Typer(help="Master patient index (chỉ mục bệnh nhân chủ): batch cleaning, weights.", no_args_is_help=True)
console = Console(stderr=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
    )


RECORDS_HELP = "Records CSV: record_id,cccd,full_name,birth_date,sex,province_code,phone."
OUT_HELP = "Output CSV: record_id,status,matched_cccd,score,differing_fields."


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@app.command()
def clean(
    population: Annotated[str, typer.Option("--population", help="Population CSV, or the population server URL.")],
    records: Annotated[Path, typer.Option("--records", help=RECORDS_HELP)],
    out: Annotated[Path, typer.Option("--out", help=OUT_HELP)],
    weights: Annotated[Path | None, typer.Option(help="Weights JSON (default: the trained ones shipped).")] = None,
) -> None:
    """Clean (làm sạch) a records file against the population register, streaming; summary at the end."""
    from yteso.identity.mpi.clean import CleanInputError, clean_file
    from yteso.identity.mpi.popindex import PopulationFileError
    from yteso.identity.mpi.scoring import load_weights
    from yteso.identity.population import PopulationProtocolError, PopulationUnavailable

    try:
        w = load_weights(weights)
        with _source(population, w) as source:
            size = records.stat().st_size if records.is_file() else None
            with _progress() as progress:
                task = progress.add_task("Cleaning records", total=size)
                summary = clean_file(source, records, out, weights=w,
                                     progress=lambda n: progress.update(task, completed=n))  # fmt: skip
            notes = source.notes
    except (CleanInputError, PopulationFileError, OSError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc}\n[red]No output was written.[/red]")
        raise typer.Exit(2) from None
    except (PopulationUnavailable, PopulationProtocolError) as exc:
        console.print(f"[red]error:[/red] {exc.message_en}\n[red]No output was written.[/red]")
        raise typer.Exit(3) from None
    _print_summary(summary, out, notes)


class _source:
    """Context manager giving the candidate source for ``--population`` (file or URL)."""

    def __init__(self, population: str, weights: object) -> None:
        from yteso.identity.population import PopulationClient

        self.population, self.weights = population, weights
        self.client: PopulationClient | None = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        from yteso.identity.mpi.popindex import LocalSource, PopulationIndex
        from yteso.identity.mpi.remote import RemoteSource
        from yteso.identity.population import PopulationClient

        if self.population.startswith(("http://", "https://")):
            self.client = PopulationClient(self.population, timeout=10.0)
            return RemoteSource(self.client, self.weights)  # type: ignore[arg-type]
        path = Path(self.population)
        if not path.is_file():
            raise ValueError(f"{path} does not exist (give a population CSV or the server URL)")
        started = time.perf_counter()
        with _progress() as progress:
            task = progress.add_task("Loading population", total=path.stat().st_size)
            index = PopulationIndex.load(path, progress=lambda n: progress.update(task, completed=n))
        console.print(
            f"Population: {len(index):,} citizens loaded in {time.perf_counter() - started:.1f} s "
            f"(index {index.nbytes() / 1e6:,.0f} MB, peak RSS {_peak_mb():,.0f} MB)"
        )
        return LocalSource(index, self.weights)  # type: ignore[arg-type]

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()


def _print_summary(summary: object, out: Path, notes: list[str]) -> None:
    from yteso.identity.mpi.clean import STATUSES, CleanSummary

    assert isinstance(summary, CleanSummary)
    table = Table(title=f"Cleaning summary → {out}")
    table.add_column("status")
    table.add_column("records", justify="right")
    table.add_column("share", justify="right")
    for status in STATUSES:
        n = summary.counts.get(status, 0)
        table.add_row(status, f"{n:,}", f"{100 * n / summary.rows:.1f} %" if summary.rows else "-")
    table.add_section()
    table.add_row("total", f"{summary.rows:,}", "")
    table.add_row("records/s", f"{summary.per_second:,.0f}", "")
    table.add_row("elapsed", f"{summary.seconds:,.1f} s", "")
    table.add_row("peak RSS", f"{_peak_mb():,.0f} MB", "")
    Console().print(table)
    for note in notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    if summary.errors:
        console.print(f"[yellow]{summary.counts['error']:,} unreadable row(s), status 'error'; first ones:[/yellow]")
        for line in summary.errors[:5]:
            console.print(f"  {line}")


@app.command()
def train(
    citizens: Annotated[int, typer.Option(help="Register sample size.")] = 30_000,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic data.")] = 11,
    out: Annotated[Path | None, typer.Option(help="Where to write (default: print to standard output).")] = None,
) -> None:
    """Estimate the m/u weights with Splink (EM on DuckDB) on synthetic records with known truth."""
    from yteso.identity.mpi.training import train as run

    started = time.perf_counter()
    doc = run(citizens, seed)
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    console.print(f"trained in {time.perf_counter() - started:.0f} s on {doc['training_data']['records']:,} records")
