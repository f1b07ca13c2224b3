"""``yteso esign``: a development CA, signing certificates, and checking a signed PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Electronic signatures (chữ ký số): development CA, certificates, verification.", no_args_is_help=True
)
ca_app = typer.Typer(help="Development certificate authority.", no_args_is_help=True)
cert_app = typer.Typer(help="Signing certificates.", no_args_is_help=True)
app.add_typer(ca_app, name="ca")
app.add_typer(cert_app, name="cert")


@ca_app.command("create")
def ca_create(
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Directory for ca-cert.pem and ca-key.pem.")],
    name: Annotated[str, typer.Option("--name", help="The CA's common name.")] = "yteso Dev CA",
) -> None:
    """Make a self-signed development CA (RSA 3072, 10 years). Never use it in production."""
    from yteso.esign.ca import create_dev_ca

    try:
        ca = create_dev_ca(out, name)
    except FileExistsError as exc:
        raise typer.BadParameter(f"{exc.filename} exists; choose another --out") from exc
    typer.echo(f"{ca.cert_path}\n{ca.key_path}")


@cert_app.command("issue")
def cert_issue(
    ca: Annotated[Path, typer.Option("--ca", exists=True, file_okay=False, help="Directory of the CA.")],
    subject: Annotated[str, typer.Option("--subject", help="Signer's name, e.g. 'Cục Quản lý Dược'.")],
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Directory for the certificate and key.")],
    key_size: Annotated[int, typer.Option("--key-size", help="RSA key size: 2048 or 3072.")] = 2048,
) -> None:
    """Issue a document-signing certificate (digitalSignature, nonRepudiation) from the CA."""
    from yteso.esign.ca import issue_signing_cert, load_ca

    try:
        signer = issue_signing_cert(load_ca(ca), subject, out, key_size=key_size)
    except FileExistsError as exc:
        raise typer.BadParameter(f"{exc.filename} exists; choose another --out") from exc
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    typer.echo(f"{signer.cert_path}\n{signer.key_path}")


@app.command()
def verify(
    pdf: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Signed PDF.")],
    trust: Annotated[list[Path], typer.Option("--trust", exists=True, dir_okay=False, help="Trusted root (PEM).")],
) -> None:
    """Check a signed PDF against trusted roots; exit 1 when it is not valid."""
    from cryptography import x509

    from yteso.esign.sign import verify_pdf

    roots = [x509.load_pem_x509_certificate(p.read_bytes()) for p in trust]
    result = verify_pdf(pdf.read_bytes(), roots)
    typer.echo(
        f"valid: {result.valid}\nintact: {result.intact}\nsigner: {result.signer}\nsigned at: {result.signed_at}"
    )
    for problem in result.problems:
        typer.echo(f"problem: {problem}")
    raise typer.Exit(0 if result.valid else 1)
