"""``yteso registry``: import registry and catalog files, list the kinds and their columns.

Exit status of ``import``: 0 every row loaded, 1 some rows were bad (reported, not loaded; the good
ones were), 2 the file as a whole was refused (nothing loaded).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from yteso.registries.errors import FileProblem
from yteso.registries.importer import ImportReport
from yteso.settings import Settings

app = typer.Typer(help="National registries and catalogs (danh mục dùng chung)", no_args_is_help=True)
console = Console()
SHOWN_PROBLEMS = 50


@app.command("import")
def import_command(
    kind: str = typer.Argument(
        ..., help="facilities | practitioners | medications | devices | icd10 | provinces | services | admin-units"
    ),
    file: Path = typer.Argument(..., help="CSV file (UTF-8)", exists=True, dir_okay=False, readable=True),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate and count, store nothing"),
    version: str = typer.Option(None, help="Catalog version (default: the edition of the shipped file)"),
    edition: str = typer.Option(None, help="provinces: 63 (pre-2025) or 34 (post-2025); default from the columns"),
    not_main: Path = typer.Option(None, help="icd10: annex A2 file (default: beside FILE)"),
    female_only: Path = typer.Option(None, help="icd10: annex A4.1 file (default: beside FILE)"),
    male_only: Path = typer.Option(None, help="icd10: annex A4.2 file (default: beside FILE)"),
    errors_csv: Path = typer.Option(None, help="Write every bad row to this CSV"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of tables"),
) -> None:
    """Validate FILE and load its good rows; bad rows are listed (row, column, value, rule, message)."""
    from yteso.core.db import make_engine, session_factory
    from yteso.core.migrate import upgrade
    from yteso.registries.service import KINDS, import_file

    if kind not in KINDS:
        raise typer.BadParameter(f"unknown kind {kind!r}; one of {', '.join(KINDS)}", param_hint="KIND")
    settings = Settings()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    upgrade(engine)
    options = {
        k: str(v)
        for k, v in {
            "version": version,
            "edition": edition,
            "not_main": not_main,
            "female_only": female_only,
            "male_only": male_only,
        }.items()
        if v
    }
    progress = Progress(
        TextColumn(f"[bold]{kind}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=as_json,
    )
    with progress:
        task = progress.add_task("rows", total=None)
        try:
            report = import_file(
                kind,
                file,
                session_factory(engine),
                settings,
                dry_run=dry_run,
                progress=lambda n: progress.advance(task, n),
                options=options,
                on_read=lambda total: progress.update(task, total=total),
            )
        except FileProblem as exc:
            progress.stop()
            if as_json:
                typer.echo(
                    json.dumps(
                        {
                            "kind": kind,
                            "refused": {"rule": exc.rule, "message_vi": exc.message_vi, "message_en": exc.message_en},
                        },
                        ensure_ascii=False,
                    )
                )
                raise typer.Exit(2) from None
            console.print(f"[red]Tệp bị từ chối, không nạp gì / file refused, nothing loaded[/red] ({exc.rule})")
            console.print(f"  {exc.message_vi}\n  {exc.message_en}")
            raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print_report(report)
    if errors_csv and report.problems:
        write_problems(errors_csv, report)
        console.print(f"All {len(report.problems)} problems written to {errors_csv}")
    raise typer.Exit(1 if report.problems else 0)


@app.command("sample")
def sample_command(
    directory: Path = typer.Argument(..., help="Where to write facilities/practitioners/medications/devices.csv"),
    seed: int = typer.Option(42, help="Same seed, same files (and the same data as `yteso demo load`)"),
    facilities: int = typer.Option(10, help="Number of facilities"),
    citizens: int = typer.Option(200, help="Size of the synthetic population practitioners are drawn from"),
) -> None:
    """Write realistic synthetic registry files in the import layout (no official list is public)."""
    from yteso.demo.data import write_samples

    for kind, path in write_samples(directory, seed=seed, citizens=citizens, facilities=facilities).items():
        console.print(f"  {kind}: {path}  →  yteso registry import {kind} {path}")


@app.command("kinds")
def kinds_command() -> None:
    """List the import kinds and their columns (required ones in bold)."""
    from yteso.registries.service import KINDS

    for name, k in KINDS.items():
        table = Table(title=f"{name} — {k.title}", title_justify="left")
        table.add_column("Cột / column")
        table.add_column("Ý nghĩa")
        table.add_column("Meaning")
        for col in k.schema.columns:
            label = f"[bold]{col.name}[/bold]" if col.required else col.name
            if col.aliases:
                label += f" ({', '.join(col.aliases)})"
            table.add_row(label, col.vi, col.en)
        console.print(table)


def print_report(report: ImportReport) -> None:
    title = f"{report.kind}: {report.path}" + (" [yellow](dry run — nothing stored)[/yellow]" if report.dry_run else "")
    summary = Table(title=title, title_justify="left")
    for col in ("", "rows / dòng", "good / hợp lệ", "bad / lỗi", "seconds", "rows/s"):
        summary.add_column(col, justify="right")
    rate = report.rows / report.seconds if report.seconds else 0.0
    summary.add_row(
        "file", str(report.rows), str(report.good_rows), str(report.bad_rows), f"{report.seconds:.2f}", f"{rate:,.0f}"
    )
    console.print(summary)
    resources = Table(title="Resources / tài nguyên", title_justify="left")
    for col in ("type", "created / tạo mới", "updated / cập nhật", "unchanged / không đổi"):
        resources.add_column(col, justify="right")
    for t in sorted(set(report.created) | set(report.updated) | set(report.unchanged)):
        resources.add_row(t, str(report.created[t]), str(report.updated[t]), str(report.unchanged[t]))
    console.print(resources)
    for note in report.notes:
        console.print(f"  · {note}")
    if report.problems:
        problems = Table(title=f"Bad rows, not loaded / dòng lỗi, không nạp ({report.bad_rows})", title_justify="left")
        for col in ("row", "column", "value", "rule", "lỗi", "problem"):
            problems.add_column(col, overflow="fold")
        for p in report.problems[:SHOWN_PROBLEMS]:
            problems.add_row(str(p.row), p.column or "", (p.value or "")[:40], p.rule, p.message_vi, p.message_en)
        console.print(problems)
        if len(report.problems) > SHOWN_PROBLEMS:
            console.print(f"  … {len(report.problems) - SHOWN_PROBLEMS} more (use --errors-csv)")


def write_problems(path: Path, report: ImportReport) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "column", "value", "rule", "message_vi", "message_en"])
        for p in report.problems:
            writer.writerow([p.row, p.column or "", p.value or "", p.rule, p.message_vi, p.message_en])
