"""The command line (token, db upgrade) and the health endpoint."""

from __future__ import annotations

import httpx
import jwt
from typer.testing import CliRunner

from yteso.app import create_app
from yteso.cli import app
from yteso.testing.servers import run_app

runner = CliRunner()


def test_token_command_prints_a_verifiable_jwt(monkeypatch):
    monkeypatch.setenv("YTESO_SECRET_KEY", "k" * 40)
    result = runner.invoke(app, ["token", "--role", "facility", "--facility", "01001", "--scope", "user/*.read"])
    assert result.exit_code == 0, result.output
    claims = jwt.decode(result.output.strip(), "k" * 40, algorithms=["HS256"], issuer="yteso")
    assert claims["role"] == "facility" and claims["facility"] == "01001" and claims["scope"] == "user/*.read"


def test_token_command_refuses_unknown_role():
    result = runner.invoke(app, ["token", "--role", "king"])
    assert result.exit_code != 0


def test_db_upgrade_and_healthz(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("YTESO_DATABASE_URL", url)
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    from yteso.settings import Settings

    with run_app(create_app(Settings())) as base:
        r = httpx.get(f"{base}/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_healthz_reports_unreachable_database():
    from yteso.settings import Settings

    settings = Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    with run_app(create_app(settings)) as base:
        r = httpx.get(f"{base}/healthz", timeout=30)
    assert r.status_code == 503


def test_production_refuses_placeholder_secret():
    import pytest
    from pydantic import ValidationError

    from yteso.settings import Settings

    with pytest.raises(ValidationError):
        Settings(environment="production")
