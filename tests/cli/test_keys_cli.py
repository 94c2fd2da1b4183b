from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mantlet.cli.keys  # noqa: F401  (registers `mantlet keys`)
from mantlet.cli.app import app
from mantlet.gateway.auth import Authenticator, AuthError
from mantlet.gateway.keys import open_key_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MANTLET_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MANTLET_KEYS_DB", raising=False)
    return tmp_path / "home"


async def test_create_prints_a_working_key_on_the_last_line(home: Path) -> None:
    result = runner.invoke(
        app, ["keys", "create", "--role", "analyst", "--env", "test", "--expires", "30d"]
    )
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    store = open_key_store(home / "keys.sqlite3")
    principal = await Authenticator(store).authenticate(f"Bearer {key}")
    assert (principal.role, principal.env) == ("analyst", "test")

    listed = runner.invoke(app, ["keys", "list"])
    assert principal.key_id in listed.output and "active" in listed.output
    assert key.split("_", 3)[3] not in listed.output

    assert runner.invoke(app, ["keys", "revoke", principal.key_id]).exit_code == 0
    assert "revoked" in runner.invoke(app, ["keys", "list"]).output
    with pytest.raises(AuthError, match="revoked"):
        await Authenticator(store).authenticate(f"Bearer {key}")
    again = runner.invoke(app, ["keys", "revoke", principal.key_id])
    assert again.exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--role", "analyst", "--env", "staging"],
        ["--role", "a b", "--env", "prod"],
        ["--role", "analyst", "--env", "prod", "--expires", "soon"],
    ],
)
def test_bad_input_is_a_usage_error(args: list[str]) -> None:
    result = runner.invoke(app, ["keys", "create", *args])
    assert result.exit_code == 2
    assert "mk_" not in result.output


def test_a_script_can_capture_the_key(home: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from mantlet.cli import main; main()"]
    created = subprocess.run(
        [
            *command,
            "keys",
            "create",
            "--role",
            "ops",
            "--env",
            "prod",
            "--db",
            str(tmp_path / "k.db"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    key = created.stdout.splitlines()[-1]
    assert key.startswith("mk_prod_") and len(key.split()) == 1


def test_keys_in_postgres(postgres_dsn: str, pg_schema: str) -> None:
    target = ["--db", postgres_dsn, "--schema", pg_schema]
    created = runner.invoke(app, ["keys", "create", "--role", "ops", "--env", "prod", *target])
    assert created.exit_code == 0, created.output
    key_id = created.output.strip().splitlines()[-1].split("_")[2]
    assert key_id in runner.invoke(app, ["keys", "list", *target]).output
    assert runner.invoke(app, ["keys", "revoke", key_id, *target]).exit_code == 0


def test_unreachable_store_exits_2() -> None:
    result = runner.invoke(app, ["keys", "list", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "cannot open key store" in result.output
