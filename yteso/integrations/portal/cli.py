"""``yteso portal``: serve the reference National Public Service Portal."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Cổng Dịch vụ công quốc gia: the reference sync server.", no_args_is_help=True)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port.")] = 8120,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    username: Annotated[str | None, typer.Option(help="Only this account may log in (default: any).")] = None,
    password: Annotated[str | None, typer.Option(envvar="YTESO_PORTAL_PASSWORD", help="Its password.")] = None,
) -> None:
    """Serve /api/login, /api/DongBoHoSoMC, /api/CapNhatTienDoHoSoMC, /api/TraCuuHoSo and /_admin/*."""
    import uvicorn

    from yteso.integrations.portal.server import create_portal_app

    if (username is None) != (password is None):
        raise typer.BadParameter("give both --username and --password, or neither")
    users = {username: password} if username is not None and password is not None else None
    uvicorn.run(create_portal_app(users=users), host=host, port=port, log_level="info")
