"""``yteso vneid``: the development VNeID identity provider and its synthetic accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="VNeID login (development OpenID Connect identity provider).", no_args_is_help=True)


@app.command()
def serve(
    users: Annotated[
        Path | None, typer.Option("--users", exists=True, dir_okay=False, help="Users CSV (default: 20 generated).")
    ] = None,
    port: Annotated[int, typer.Option(help="TCP port.")] = 8150,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    issuer: Annotated[str | None, typer.Option(help="Public base URL (default http://HOST:PORT).")] = None,
    key: Annotated[
        Path | None, typer.Option(help="PEM RSA key file; created if missing (default: new each start).")
    ] = None,
    dev_endpoints: Annotated[bool, typer.Option(help="Show one-time codes on the page and at /_dev/otp.")] = True,
) -> None:
    """Serve the OIDC endpoints; point YTESO_OIDC_JWKS_URL at ISSUER/jwks and YTESO_OIDC_ISSUER at ISSUER."""
    import uvicorn

    from yteso.integrations.vneid.server import create_vneid_app
    from yteso.integrations.vneid.users import DEV_PASSWORD, generate_users

    accounts = users if users is not None else generate_users(20, seed=0)
    base = issuer or f"http://{host}:{port}"
    if users is None:
        typer.echo(f"20 generated accounts (password {DEV_PASSWORD!r}); list them with `yteso vneid users`", err=True)
    typer.echo(f"issuer {base}; JWKS {base}/jwks", err=True)
    uvicorn.run(
        create_vneid_app(accounts, base, key_path=key, dev_endpoints=dev_endpoints),
        host=host,
        port=port,
        log_level="info",
    )


@app.command("users")
def users_cmd(
    out: Annotated[Path | None, typer.Option("--out", help="CSV to write (default: print a table).")] = None,
    count: Annotated[int, typer.Option("--count", min=1, help="Number of accounts.")] = 20,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the population and business registry data.")] = 0,
) -> None:
    """Synthetic accounts: legal representatives from the registry with the enterprises they represent."""
    from yteso.integrations.vneid.users import generate_users, write_users

    accounts = generate_users(count, seed)
    if out is not None:
        typer.echo(f"wrote {write_users(out, accounts)} accounts", err=True)
        return
    for u in accounts:
        typer.echo(f"{u.cccd}  {u.password}  {';'.join(u.enterprise_codes):<30} {u.full_name}")
