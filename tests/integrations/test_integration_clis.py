"""The command-line groups of the external systems: help, synthetic data, accounts."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from yteso.integrations.business_registry import read_csv
from yteso.integrations.business_registry.cli import app as bizreg
from yteso.integrations.justice.cli import app as justice
from yteso.integrations.payments.cli import app as payments
from yteso.integrations.portal.cli import app as portal
from yteso.integrations.vneid import load_users
from yteso.integrations.vneid.cli import app as vneid


@pytest.mark.parametrize("group", [payments, portal, justice, bizreg, vneid])
def test_every_group_offers_serve(group):
    result = CliRunner().invoke(group, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output


def test_bizreg_generate_and_vneid_users_agree(tmp_path):
    runner = CliRunner()
    made = runner.invoke(bizreg, ["generate", "--out", str(tmp_path / "reg.csv"), "--count", "40", "--seed", "4"])
    assert made.exit_code == 0, made.output
    users = runner.invoke(vneid, ["users", "--out", str(tmp_path / "users.csv"), "--count", "5", "--seed", "4"])
    assert users.exit_code == 0, users.output
    registry = {e.enterprise_code: e for e in read_csv(tmp_path / "reg.csv")}
    for user in load_users(tmp_path / "users.csv"):
        for code in user.enterprise_codes:
            assert registry[code].legal_representative_cccd == user.cccd


def test_portal_serve_needs_both_username_and_password():
    result = CliRunner().invoke(portal, ["serve", "--username", "byt"])
    assert result.exit_code == 2
