"""``yteso bizreg``: make synthetic enterprises and serve them as the reference business registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="National business registry (đăng ký doanh nghiệp): synthetic data and the reference server.",
    no_args_is_help=True,
)


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")],
    count: Annotated[int, typer.Option("--count", min=0, help="Number of enterprises (branches included).")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; use the population file's seed.")] = 0,
) -> None:
    """Write synthetic health-sector enterprises (header enterprise_code,name,address,...)."""
    from yteso.integrations.business_registry import generate as make
    from yteso.integrations.business_registry import write_csv

    typer.echo(f"wrote {write_csv(out, make(count, seed)):,} enterprises", err=True)


@app.command()
def serve(
    data: Annotated[Path | None, typer.Option("--data", exists=True, dir_okay=False, help="Registry CSV.")] = None,
    port: Annotated[int, typer.Option(help="TCP port.")] = 8140,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
) -> None:
    """Serve GET /enterprises/{code} (without --data: 500 generated enterprises, seed 0)."""
    import uvicorn

    from yteso.integrations.business_registry.server import create_business_registry_app

    uvicorn.run(create_business_registry_app(data), host=host, port=port, log_level="info")
