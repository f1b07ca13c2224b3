"""The ``yteso`` command line: one Typer app, one sub-command group per package."""

from __future__ import annotations

import importlib

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from yteso.settings import Settings

app = typer.Typer(help="yteso — nền tảng y tế số (Vietnam digital-health platform)", no_args_is_help=True)
db_app = typer.Typer(help="Database schema", no_args_is_help=True)
fhir_app = typer.Typer(help="FHIR store maintenance", no_args_is_help=True)
demo_app = typer.Typer(help="Synthetic demo data", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(fhir_app, name="fhir")
app.add_typer(demo_app, name="demo")
console = Console()

# Sub-command groups of the systems, mounted when their package is present.
_SYSTEM_CLIS = {
    "popdb": "yteso.identity.population.cli",
    "payments": "yteso.integrations.payments.cli",
    "portal": "yteso.integrations.portal.cli",
    "justice": "yteso.integrations.justice.cli",
    "bizreg": "yteso.integrations.business_registry.cli",
    "vneid": "yteso.integrations.vneid.cli",
    "esign": "yteso.esign.cli",
    "mpi": "yteso.identity.mpi.cli",
    "gateway": "yteso.gateway.cli",
    "registry": "yteso.registries.cli",
    "services": "yteso.services.cli",
}
for _name, _module in _SYSTEM_CLIS.items():
    app.add_typer(importlib.import_module(_module).app, name=_name)


def _engine(settings: Settings):  # type: ignore[no-untyped-def]
    from yteso.core.db import make_engine

    return make_engine(settings.database_url, schema=settings.database_schema)


@db_app.command("upgrade")
def db_upgrade(revision: str = "heads") -> None:
    """Apply migrations (Alembic) to YTESO_DATABASE_URL."""
    from yteso.core.migrate import upgrade

    settings = Settings()
    upgrade(_engine(settings), revision)
    console.print(f"[green]Database at {revision}[/green]: {settings.database_url}")


@app.command()
def serve(
    port: int = typer.Option(None, help="Port (default YTESO_PORT, 8000)"),
    host: str = typer.Option(None, help="Host (default YTESO_HOST)"),
    workers: int = typer.Option(1, help="Worker processes"),
) -> None:
    """Serve the platform over HTTP (migrates first)."""
    import uvicorn

    from yteso.core.migrate import upgrade

    settings = Settings()
    upgrade(_engine(settings))
    uvicorn.run(
        "yteso.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level="info",
        access_log=False,
    )


@app.command()
def token(
    role: str = typer.Option(..., help="admin|facility|clinician|officer|citizen|analyst"),
    facility: str = typer.Option(None, help="Facility code MA_CSKCB"),
    citizen: str = typer.Option(None, help="Citizen ID (CCCD)"),
    scope: list[str] = typer.Option(None, help="SMART scope, repeatable"),
    subject: str = typer.Option(None, help="Subject (default derived from the role)"),
    purpose: str = typer.Option(None, help="Purpose of use baked into the token"),
) -> None:
    """Print a bearer JWT for local use."""
    from yteso.core.auth import issue_token

    try:
        jwt_text = issue_token(
            Settings(),
            role=role,
            facility=facility,
            citizen=citizen,
            scopes=scope or None,
            subject=subject,
            purpose=purpose,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    typer.echo(jwt_text)


@fhir_app.command("reindex")
def fhir_reindex(batch: int = 1000, restart: bool = typer.Option(False, help="Start over")) -> None:
    """Rebuild the search-index tables (resumable)."""
    from yteso.core.db import session_factory
    from yteso.fhir import reindex as rx

    sessions = session_factory(_engine(Settings()))
    start, left = rx.pending(sessions, restart=restart)
    with _progress() as progress:
        task = progress.add_task("Reindexing", total=left)
        done = rx.reindex(sessions, batch=batch, progress=lambda n: progress.advance(task, n))
    console.print(f"[green]{done} resources reindexed[/green]" + (f" (resumed after pk {start})" if start else ""))


@demo_app.command("load")
def demo_load(
    seed: int = 42,
    citizens: int = 200,
    facilities: int = 10,
    claims: int = typer.Option(10, help="Claims-XML dossiers per hospital, sent through the gateway"),
) -> None:
    """Load reproducible synthetic facilities, practitioners, citizens, visits and claims."""
    from yteso.core.db import session_factory
    from yteso.core.migrate import upgrade
    from yteso.demo.claims import load_claims
    from yteso.demo.data import generate
    from yteso.demo.load import load_demo

    settings = Settings()
    engine = _engine(settings)
    upgrade(engine)
    with _progress() as progress:
        task = progress.add_task("Demo data", total=citizens)
        counts = load_demo(
            session_factory(engine),
            seed=seed,
            citizens=citizens,
            facilities=facilities,
            progress=lambda n: progress.advance(task, n),
        )
    hospitals = [f.code for f in generate(seed, 0, facilities).facilities if f.type in ("BV", "TTYT", "PK")]
    counts.update(
        load_claims(session_factory(engine), settings, seed=seed, facility_codes=hospitals, per_facility=claims)
    )
    for kind, n in sorted(counts.items()):
        console.print(f"  {kind}: {n}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(),
        console=console,
    )


def main() -> None:
    app()
