"""``yteso payments``: serve the reference payment gateway."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Payment gateway (cổng thanh toán): the reference server.", no_args_is_help=True)


@app.command()
def serve(
    secret: Annotated[str, typer.Option(envvar="YTESO_PAYMENT_SECRET", help="Merchant HMAC secret.")],
    port: Annotated[int, typer.Option(help="TCP port.")] = 8110,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    public_url: Annotated[str | None, typer.Option(help="Base of pay_url (default: request URL).")] = None,
) -> None:
    """Serve POST /payments, GET /payments/{fee_code}, POST /payments/{fee_code}/pay and GET /pay/{fee_code}."""
    import uvicorn

    from yteso.integrations.payments.server import create_payment_gateway_app

    uvicorn.run(create_payment_gateway_app(secret, public_url=public_url), host=host, port=port, log_level="info")
