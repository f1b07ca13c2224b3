"""``yteso esign``: create a CA, issue a certificate, verify a signed PDF from the command line."""

from __future__ import annotations

from typer.testing import CliRunner

from yteso.esign import SignerFiles, sign_pdf
from yteso.esign.cli import app


def test_ca_create_cert_issue_and_verify(tmp_path, document):
    runner = CliRunner()
    made = runner.invoke(app, ["ca", "create", "--out", str(tmp_path / "ca"), "--name", "Bộ Y tế Dev CA"])
    assert made.exit_code == 0, made.output
    again = runner.invoke(app, ["ca", "create", "--out", str(tmp_path / "ca")])
    assert again.exit_code == 2 and "exists" in again.output
    issued = runner.invoke(
        app, ["cert", "issue", "--ca", str(tmp_path / "ca"), "--subject", "Cục Quản lý Dược", "--out", str(tmp_path)]
    )
    assert issued.exit_code == 0, issued.output
    cert, key = (tmp_path / "cuc-quan-ly-duoc-cert.pem"), (tmp_path / "cuc-quan-ly-duoc-key.pem")
    assert issued.output.split() == [str(cert), str(key)]

    signer = SignerFiles(cert, key, tmp_path / "ca" / "ca-cert.pem", "Cục Quản lý Dược")
    (tmp_path / "signed.pdf").write_bytes(sign_pdf(document, signer, reason="Thử"))
    ok = runner.invoke(app, ["verify", str(tmp_path / "signed.pdf"), "--trust", str(tmp_path / "ca" / "ca-cert.pem")])
    assert ok.exit_code == 0 and "valid: True" in ok.output and "Cục Quản lý Dược" in ok.output
    (tmp_path / "plain.pdf").write_bytes(document)
    bad = runner.invoke(app, ["verify", str(tmp_path / "plain.pdf"), "--trust", str(tmp_path / "ca" / "ca-cert.pem")])
    assert bad.exit_code == 1 and "no signature" in bad.output
