"""``yteso popdb``: make a synthetic population CSV and serve it as the reference population database."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="National population database (CSDLQG về dân cư): synthetic citizens and the reference server.",
    no_args_is_help=True,
)


@app.command()
def serve(
    data: Annotated[
        Path, typer.Option("--data", exists=True, dir_okay=False, help="Population CSV (from `generate`).")
    ],
    port: Annotated[int, typer.Option(help="TCP port.")] = 8100,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
) -> None:
    """Load the CSV into memory and serve GET /citizens/{cccd}, POST /verify, POST /verify/batch."""
    import uvicorn

    from yteso.identity.population.server import create_population_app
    from yteso.identity.population.store import CitizenStore, StoreError

    started = time.perf_counter()
    try:
        store = CitizenStore.load(data)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"loaded {len(store):,} citizens in {time.perf_counter() - started:.1f} s", err=True)
    uvicorn.run(create_population_app(store=store), host=host, port=port, log_level="info")


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="CSV file to write ('-' = standard output).")],
    count: Annotated[int, typer.Option("--count", min=0, help="Number of citizens.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same file.")] = 0,
) -> None:
    """Write synthetic Vietnamese citizens (header cccd,full_name,birth_date,sex,province_code,phone)."""
    from yteso.identity.population.generate import write_csv

    started = time.perf_counter()
    written = write_csv(sys.stdout if str(out) == "-" else out, count, seed)
    typer.echo(f"wrote {written:,} citizens in {time.perf_counter() - started:.1f} s", err=True)
