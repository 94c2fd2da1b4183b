"""`mantlet eval secrets`: item-level metrics on the secrets JSONL format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mantlet.cli.eval_secrets  # noqa: F401 (attaches `eval secrets`)
from mantlet.cli.app import app
from mantlet.errors import InputError
from mantlet.eval.secrets import evaluate_secrets, read_secret_items

ROWS = [
    {"text": "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "label": 1, "secret": "x", "type": "AWS"},
    {"text": 'db_password = "Tr0ub4dor&3x"', "label": 1, "secret": "x", "type": "Password"},
    {"text": "password = ${DB_PASSWORD}", "label": 1, "secret": "x", "type": "Password"},
    {"text": "nothing to see", "label": 0, "secret": None, "type": "none"},
    {"text": "token = Zq8t2LmX9vR4wK7pA1", "label": 0, "secret": None, "type": "none"},
]


def _write(tmp_path: Path, rows: list[object], extra: str = "") -> Path:
    path = tmp_path / "secrets.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra, encoding="utf-8")
    return path


def test_item_level_precision_recall_and_per_type(tmp_path: Path) -> None:
    report = evaluate_secrets(read_secret_items(_write(tmp_path, list(ROWS))))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 1, 1)
    assert report.per_type["AWS"].recall == 1.0
    assert report.per_type["Password"].recall == 0.5
    assert report.items == 5 and report.latency.items == 5


def test_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, [ROWS[0]], extra='{"text": "x", "label": 3}\n')
    with pytest.raises(InputError, match=r"secrets.jsonl:2: `label` must be 0 or 1"):
        list(read_secret_items(path))


def test_cli_prints_json_and_reports_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["eval", "secrets", "--data", str(_write(tmp_path, list(ROWS))), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["overall"]["tp"] == 2 and "median_ms" in report["latency"]
    bad = _write(tmp_path, [ROWS[0]], extra="not json\n")
    result = runner.invoke(app, ["eval", "secrets", "--data", str(bad)])
    assert result.exit_code == 2
    assert "secrets.jsonl:2" in result.output
