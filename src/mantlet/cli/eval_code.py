"""`mantlet eval code`: insecure-code detection quality and speed on labeled snippets."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from mantlet.cli.app import eval_app


@eval_app.command("code")
def eval_code(
    data: str = typer.Option(
        ..., "--data", help="JSONL file (code, language, label, cwe) or a shared data set name"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
    limit: int | None = typer.Option(None, "--limit", help="only the first N rows"),
) -> None:
    """Precision, recall and F1 overall, per CWE and per language; latency per snippet."""
    from mantlet.eval.code import evaluate_code, load_rows
    from mantlet.eval.datasets import dataset_file

    path = Path(data)
    if not path.exists():
        path = dataset_file(data)
    report = evaluate_code(load_rows(path, limit))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    _print_report(report.to_dict())


def _print_report(report: dict[str, object]) -> None:
    def line(name: str, prf: object) -> str:
        p = prf if isinstance(prf, dict) else {}
        return (
            f"{name:<22} P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}"
            f"  (tp {p['tp']}, fp {p['fp']}, fn {p['fn']})"
        )

    typer.echo(f"items {report['items']}, insecure {report['positives']}")
    typer.echo(line("any finding", report["overall"]))
    typer.echo(line("same CWE family", report["overall_same_cwe"]))
    for section in ("per_cwe", "per_language"):
        typer.echo(section.replace("_", " ") + ":")
        groups = report[section]
        for name, prf in groups.items() if isinstance(groups, dict) else []:
            typer.echo("  " + line(name, prf))
    latency = report["latency"]
    if isinstance(latency, dict):
        typer.echo(f"latency median {latency['median_ms']:.2f} ms, p95 {latency['p95_ms']:.2f} ms")
    typer.echo(f"language identified correctly: {report['language_accuracy']:.1%}")
    if report.get("failures"):
        typer.echo(f"detector failures (snippets the detector raised on): {report['failures']}")
