from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from mantlet.cli import app, main  # noqa: F401  (main imports every command module)
from mantlet.redteam.vulnerable_target import WEAKNESSES, Behaviour

runner = CliRunner()


def _load_commands() -> None:
    import importlib
    import pkgutil

    import mantlet.cli as cli

    for info in pkgutil.iter_modules(cli.__path__, cli.__name__ + "."):
        importlib.import_module(info.name)


_load_commands()


def test_dry_run_lists_attempts_and_sends_nothing() -> None:
    result = runner.invoke(
        app,
        [
            "redteam",
            "--target",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--probes",
            "extraction",
            "--dry-run",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["probe"] for r in rows} == {"extraction.system_prompt"}


def test_reports_and_exit_code(serve_target: Callable[[Behaviour], str], tmp_path: Path) -> None:
    url = serve_target(Behaviour(WEAKNESSES))
    out = {k: tmp_path / f"r.{k}" for k in ("json", "html", "sarif", "jsonl")}
    result = runner.invoke(
        app,
        [
            "redteam",
            "--target",
            url,
            "--model",
            "vulnerable",
            "--seed",
            "4",
            "--probes",
            "injection,extraction,leakage",
            *(x for k, p in out.items() for x in (f"--{k}", str(p))),
            "--fail-above",
            "0.1",
        ],
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(out["json"].read_text())
    names = {p["name"] for p in summary["probes"]}
    assert {"injection.instruction_override", "extraction.system_prompt"} <= names
    for p in summary["probes"]:
        assert {"name", "family", "owasp", "attempts", "successes"} <= set(p)
    html = out["html"].read_text()
    assert (
        html.startswith("<!doctype html>")
        and "<svg" in html
        and "http" not in html.split("<body>")[0]
    )
    sarif = json.loads(out["sarif"].read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    transcripts = out["jsonl"].read_text()
    record = summary["probes"][0]
    assert transcripts and record
    # planted secrets never appear unmasked in stored transcripts or reports
    from mantlet.redteam.context import build_context

    for value in build_context(None, 4).planted:
        assert value not in transcripts and value not in html


def test_passes_when_the_rate_is_below_the_bar(serve_target: Callable[[Behaviour], str]) -> None:
    url = serve_target(Behaviour(()))
    result = runner.invoke(
        app,
        ["redteam", "--target", url, "--model", "v", "--probes", "injection", "--fail-above", "0"],
    )
    assert result.exit_code == 0, result.output


def test_compare_two_runs(serve_target: Callable[[Behaviour], str], tmp_path: Path) -> None:
    weak, safe = serve_target(Behaviour(WEAKNESSES)), serve_target(Behaviour(()))
    for name, url in (("a", weak), ("b", safe)):
        runner.invoke(
            app,
            [
                "redteam",
                "--target",
                url,
                "--model",
                "v",
                "--probes",
                "injection",
                "--json",
                str(tmp_path / f"{name}.json"),
            ],
        )
    result = runner.invoke(
        app,
        [
            "redteam-compare",
            str(tmp_path / "a.json"),
            str(tmp_path / "b.json"),
            "--json",
            str(tmp_path / "c.json"),
            "--html",
            str(tmp_path / "c.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "c.json").read_text())["families"]
    (row,) = [r for r in rows if r["family"] == "prompt_injection"]
    assert row["asr_a"] >= 0.8 and row["asr_b"] == 0.0 and row["change"] == -row["asr_a"]


def test_unknown_probe_is_a_clear_error() -> None:
    result = runner.invoke(
        app, ["redteam", "--target", "http://x/v1", "--model", "m", "--probes", "nope"]
    )
    assert result.exit_code == 2 and "unknown probe" in result.output
