"""``yteso services …``: the portal outbox, reconciliation, holidays, deadlines, interlinks, signing CA, staff."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from yteso.core.db import make_engine, session_factory
from yteso.core.timez import now_utc
from yteso.services import catalog, deadlines, holidays, interlink, outbox, reconcile, signing, staff, states
from yteso.services.context import Runtime
from yteso.settings import Settings

app = typer.Typer(help="Administrative procedures (thủ tục hành chính)", no_args_is_help=True)
outbox_app = typer.Typer(help="Messages to the national portal", no_args_is_help=True)
holidays_app = typer.Typer(help="The holiday table (ngày nghỉ lễ, tết)", no_args_is_help=True)
staff_app = typer.Typer(help="Officers of each unit", no_args_is_help=True)
ca_app = typer.Typer(help="Development CA signing the results", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
app.add_typer(holidays_app, name="holidays")
app.add_typer(staff_app, name="staff")
app.add_typer(ca_app, name="ca")
console = Console()


def _runtime() -> tuple[Runtime, sessionmaker[Session]]:
    settings = Settings()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    return Runtime.build(settings), session_factory(engine)


def _portal(rt: Runtime) -> Any:
    client = rt.portal()
    if client is None:
        console.print("[red]YTESO_PORTAL_URL is not set[/red]")
        raise typer.Exit(2)
    return client


@outbox_app.command("run")
def outbox_run(
    limit: int = 100, loop: Annotated[bool, typer.Option(help="Keep running")] = False, interval: float = 5.0
) -> None:
    """Deliver pending portal messages (once, or every ``interval`` seconds with --loop)."""
    rt, sessions = _runtime()
    client = _portal(rt)
    while True:
        with sessions() as session:
            r = outbox.deliver_outbox(session, client, limit)
        console.print(f"delivered {r.delivered}, to retry {r.retried}, rejected {r.rejected}")
        for error in r.errors[:10]:
            console.print(f"  [yellow]{error}[/yellow]")
        if not loop:
            break
        time.sleep(interval)


@outbox_app.command("status")
def outbox_status() -> None:
    """Messages per target and state."""
    _rt, sessions = _runtime()
    with sessions() as session:
        counts = outbox.pending_counts(session)
    for target, by_state in sorted(counts.items()):
        console.print(f"{target}: " + ", ".join(f"{k} {v}" for k, v in sorted(by_state.items())))


@app.command("reconcile")
def reconcile_cmd(
    days: Annotated[int, typer.Option(help="Dossiers updated in the last N days (0: all)")] = 0,
    fix: Annotated[bool, typer.Option(help="Queue the dossiers that differ again")] = False,
) -> None:
    """Compare our dossiers with the national portal's; exit 1 when they differ."""
    rt, sessions = _runtime()
    since = now_utc() - timedelta(days=days) if days else None
    with sessions() as session:
        r = reconcile.reconcile(session, _portal(rt), rt.catalog, since=since, fix=fix)
    console.print(
        f"checked {r.checked}, in flight {len(r.in_flight)}, missing {len(r.missing)}, "
        f"differing {len(r.differing)}, queued again {r.fixed}"
    )
    for code in r.missing[:50]:
        console.print(f"  missing on the portal: {code}")
    for code, ours, theirs in r.differing[:50]:
        console.print(f"  {code}: ours {ours}, portal {theirs}")
    if not r.consistent:
        raise typer.Exit(1)


@app.command("deadlines")
def deadlines_cmd() -> None:
    """Warn of dossiers nearly due, escalate overdue ones (with the apology), lapse unsupplied ones."""
    rt, sessions = _runtime()
    with sessions() as session:
        r = deadlines.sweep(session, rt)
    console.print(f"warned {len(r.warned)}, escalated {len(r.escalated)}, lapsed {len(r.lapsed)}")


@app.command("interlinks")
def interlinks_cmd() -> None:
    """Send pending criminal-record requests to the justice service and collect its answers."""
    rt, sessions = _runtime()
    client = rt.justice()
    if client is None:
        console.print("[red]YTESO_JUSTICE_URL is not set[/red]")
        raise typer.Exit(2)
    with sessions() as session:
        sent = interlink.deliver_requests(session, rt, client)
        answered = interlink.poll(session, rt, client)
    console.print(f"sent {sent.delivered}, to retry {sent.retried}, rejected {sent.rejected}, answered {answered}")


@app.command("procedures")
def procedures_cmd() -> None:
    """Load and check every procedure definition; list them."""
    rt, _ = _runtime()
    table = Table("code", "name", "unit", "days", "fee (VND)", "steps")
    for p in sorted(rt.catalog.values(), key=lambda p: p.code):
        table.add_row(
            p.code, p.name, p.unit.code, str(p.time_limit_days), f"{p.fee_for({}):,}", " → ".join(s.id for s in p.steps)
        )
    console.print(table)
    catalog.load_catalog.cache_clear()


@app.command("states")
def states_cmd() -> None:
    """Print the dossier state machine."""
    table = Table("action", "from", "to", "who")
    for row in states.table():
        sources = cast(list[str], row["from"])
        positions = cast(list[str], row["positions"])
        table.add_row(
            str(row["action"]),
            ", ".join(sources),
            str(row["to"] or "(same)"),
            f"{row['actor']} {'/'.join(positions)}",
        )
    console.print(table)


@holidays_app.command("list")
def holidays_list(year: int = typer.Option(None, help="Only this year")) -> None:
    _rt, sessions = _runtime()
    with sessions() as session:
        for h in holidays.list_days(session, year):
            mark = "làm bù" if h.is_working else "nghỉ"
            console.print(f"{h.day.isoformat()} {h.day.strftime('%a')}  {mark:7} {h.name}  [{h.source}]")


@holidays_app.command("add")
def holidays_add(
    day: str, name: str, working: Annotated[bool, typer.Option(help="A weekend day worked")] = False
) -> None:
    """Add (or replace) a day: a day off, or with --working a Saturday/Sunday declared a working day."""
    _rt, sessions = _runtime()
    with sessions() as session, session.begin():
        holidays.add_day(session, date.fromisoformat(day), name, is_working=working)
    console.print(f"[green]{day}: {name}[/green]")


@holidays_app.command("remove")
def holidays_remove(day: str) -> None:
    _rt, sessions = _runtime()
    with sessions() as session, session.begin():
        holidays.remove_day(session, date.fromisoformat(day))
    console.print(f"[green]{day} removed[/green]")


@staff_app.command("add")
def staff_add(
    subject: str, unit: str = typer.Option(...), position: list[str] = typer.Option(...), name: str = typer.Option(None)
) -> None:
    """Put the officer with token subject SUBJECT in UNIT with the given positions (repeatable)."""
    bad = set(position) - set(states.POSITIONS)
    if bad:
        raise typer.BadParameter(f"unknown positions {sorted(bad)}; use {', '.join(states.POSITIONS)}")
    _rt, sessions = _runtime()
    with sessions() as session, session.begin():
        staff.put_staff(session, subject, unit, position, name)
    console.print(f"[green]{subject}: {unit} {','.join(sorted(position))}[/green]")


@staff_app.command("list")
def staff_list(unit: str = typer.Option(None)) -> None:
    _rt, sessions = _runtime()
    with sessions() as session:
        for s in staff.list_staff(session, unit):
            console.print(f"{s['subject']}  {s['unit_code']}  {','.join(s['positions'])}  {s['name'] or ''}")


@ca_app.command("init")
def ca_init(force: bool = False) -> None:
    """Create the development CA and the certificate that signs results (YTESO_SERVICES_SIGNING_DIR)."""
    rt, _ = _runtime()
    path = signing.init_ca(rt.config, force=force)
    console.print(f"[green]Signing material in {path}[/green]")
