from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import mantlet.cli.policy  # noqa: F401  (registers the commands)
from mantlet.cli.app import app


def test_check_reports_field_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\noutput:\n  categories:\n    SECRET: {action: shred}\n")
    result = CliRunner().invoke(app, ["policy", "check", str(bad)])
    assert result.exit_code == 1
    assert "line 4: output.categories.SECRET.action" in result.output


def test_default_policy_checks_clean_and_schema_exports(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["policy", "default"])
    file = tmp_path / "p.yaml"
    file.write_text(printed.output)
    result = runner.invoke(app, ["policy", "check", str(file)])
    assert result.exit_code == 0, result.output
    assert "ok: policy 'default' version sha256:" in result.output
    schema = json.loads(runner.invoke(app, ["policy", "schema"]).output)
    assert schema["additionalProperties"] is False
    assert "roles" in schema["properties"]
