"""``yteso justice``: serve the reference criminal-record service."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Lý lịch tư pháp (criminal-record certificates): the reference server.", no_args_is_help=True)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port.")] = 8130,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    delay: Annotated[float, typer.Option(help="Seconds before a request is decided.")] = 5.0,
    with_record: Annotated[list[str] | None, typer.Option(help="A CCCD that has a criminal record (repeat).")] = None,
    refuse: Annotated[list[str] | None, typer.Option(help="A CCCD whose requests are refused (repeat).")] = None,
) -> None:
    """Serve POST /requests and GET /requests/{request_id}."""
    import uvicorn

    from yteso.integrations.justice.server import create_justice_app

    records = dict.fromkeys(with_record or [], True)
    uvicorn.run(create_justice_app(records, delay, refuse=refuse or []), host=host, port=port, log_level="info")
