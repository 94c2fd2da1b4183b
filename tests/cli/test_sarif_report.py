from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifSchema
from typer.testing import CliRunner

from mantlet.cli.app import app
from mantlet.findings import Category, Finding, Severity
from mantlet.reports.locations import LineIndex
from mantlet.reports.sarif import SarifLog, artifact_uri

pytestmark = pytest.mark.usefixtures("test_engine")


def sarif_for(
    runner: CliRunner, tmp_path: Path, text: str, name: str = "a file.txt"
) -> dict[str, Any]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["scan", "--format", "sarif", name])
    assert result.exit_code == 0, result.output
    log: dict[str, Any] = json.loads(result.stdout)
    SarifSchema.model_validate(log)  # the official 2.1.0 schema, as pydantic models
    return log


def test_sarif_log_is_valid_and_locates_each_finding(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "first line\n  key AKIAIOSFODNN7EXAMPLE and x@example.com\n"
    log = sarif_for(runner, tmp_path, text)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["test_secret/AWS_ACCESS_KEY", "test_email/EMAIL"]
    key = results[0]
    assert key["level"] == "error"
    location = key["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20file.txt"
    assert location["region"] == {"startLine": 2, "startColumn": 7, "endLine": 2, "endColumn": 27}
    assert results[1]["level"] == "warning"
    assert "AKIAIOSFODNN7EXAMPLE" not in json.dumps(log) and "x@example.com" not in json.dumps(log)


def test_rules_take_descriptions_help_and_tags_from_the_detector(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = sarif_for(runner, tmp_path, "AKIAIOSFODNN7EXAMPLE a@example.com\n")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    key = rules["test_secret/AWS_ACCESS_KEY"]
    assert key["shortDescription"]["text"] == "An AWS access key id"
    assert key["help"]["text"] == "Rotate the key in IAM and remove it from the file."
    assert key["properties"]["tags"] == ["security", "secret", "CWE-798", "OWASP LLM02"]
    assert key["properties"]["security-severity"] == "8.0"
    email = rules["test_email/EMAIL"]
    assert email["shortDescription"]["text"] == "An email address"  # from the finding's reason
    assert "redact" in email["help"]["text"]
    for result in log["runs"][0]["results"]:
        assert (
            log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        )


def test_empty_scan_is_still_a_valid_log(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = sarif_for(runner, tmp_path, "nothing\n")
    assert log["runs"][0]["results"] == []


def test_regions_span_lines() -> None:
    text = "ab\ncd\nef"
    index = LineIndex(text)
    region = index.region(1, 7)  # "b\ncd\ne"
    assert (region.start_line, region.start_column, region.end_line, region.end_column) == (
        1,
        2,
        3,
        2,
    )
    assert LineIndex("x\ny", first_line=10).position(2) == (11, 1)


def test_builder_keeps_the_highest_severity_per_rule() -> None:
    log = SarifLog(version="9.9")
    low = Finding(0, 1, "d", Category.PII, "X", 0.6, Severity.LOW, "…")
    high = Finding(2, 3, "d", Category.PII, "X", 0.9, Severity.CRITICAL, "…")
    log.add(low, "a.txt")
    log.add(high, "a.txt")
    rendered = log.to_dict()
    SarifSchema.model_validate(rendered)
    (rule,) = rendered["runs"][0]["tool"]["driver"]["rules"]
    assert rule["properties"]["security-severity"] == "9.5"
    assert rule["defaultConfiguration"]["level"] == "error"
    assert [r["level"] for r in rendered["runs"][0]["results"]] == ["note", "error"]


def test_artifact_uris_are_escaped() -> None:
    assert artifact_uri("dir\\sub/a b#c.txt") == "dir/sub/a%20b%23c.txt"
