"""The ``amends`` command for people and tokens: output, stored state, and exit 1 on errors."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from amends.accounts.models import User
from amends.accounts.selectors import user_for_token
from amends.cli import app

runner = CliRunner()


@pytest.mark.django_db
class TestUserAndTokenCommands:
    def test_user_create_then_token_create(self) -> None:
        result = runner.invoke(app, ["user", "create", "ana", "--role", "agent", "--limit", "50"])
        assert result.exit_code == 0, result.output
        assert "agent ana" in result.output and "50.00" in result.output
        ana = User.objects.get(username="ana")
        assert (ana.role, str(ana.remedy_limit)) == ("agent", "50.00")
        token = runner.invoke(app, ["token", "create", "ana"])
        assert token.exit_code == 0
        raw = token.output.strip()
        assert user_for_token(raw) == ana

    def test_manager_with_password(self) -> None:
        result = runner.invoke(app, ["user", "create", "mia", "--role", "manager", "--password", "long-enough-1"])
        assert result.exit_code == 0
        assert User.objects.get(username="mia").check_password("long-enough-1")

    @pytest.mark.parametrize("args", [
        ["user", "create", "zed", "--role", "wizard"], ["user", "create", "zed", "--limit", "plenty"],
        ["token", "create", "nobody"],
    ])
    def test_errors_exit_1_with_a_message(self, args) -> None:
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "error:" in result.output
        assert not User.objects.filter(username="zed").exists()

    def test_duplicate_user_exits_1(self) -> None:
        assert runner.invoke(app, ["user", "create", "ana"]).exit_code == 0
        again = runner.invoke(app, ["user", "create", "ana"])
        assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.django_db
def test_playbook_load_command(tmp_path) -> None:
    good = tmp_path / "billing.yaml"
    good.write_text("key: billing\nname: Billing\ncategory: billing\nsteps:\n"
                    "  - {key: own, title: Own it}\n  - {key: refund, title: Refund, target_minutes: 30}\n")
    result = runner.invoke(app, ["playbook", "load", str(good)])
    assert result.exit_code == 0 and "'billing' with 2 steps" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: broken\nsteps: [{title: no key}]\n")
    assert runner.invoke(app, ["playbook", "load", str(bad)]).exit_code == 1
    assert runner.invoke(app, ["playbook", "load", str(tmp_path / "missing.yaml")]).exit_code == 1
