"""`mantlet eval secrets`: item-level precision/recall/F1 and speed on a secrets JSONL file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mantlet.cli.app import eval_app
from mantlet.errors import InputError


@eval_app.command("secrets")
def eval_secrets(
    data: Annotated[
        Path, typer.Option("--data", help="JSONL with text, label (1/0), secret, type.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Scan every item for SECRET findings; an item is predicted positive when any is reported."""
    from mantlet.eval.secrets import evaluate_secrets, read_secret_items

    if not data.is_file():
        typer.echo(f"error: {data}: no such file", err=True)
        raise typer.Exit(2)
    try:
        items = list(read_secret_items(data))
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    report = evaluate_secrets(items)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
        return
    console = Console()
    o, lat = report.overall, report.latency
    console.print(
        f"{report.items} items  precision {o.precision:.3f}  recall {o.recall:.3f}  "
        f"F1 {o.f1:.3f}  (tp {o.tp}, fp {o.fp}, fn {o.fn})"
    )
    console.print(
        f"latency median {lat.median_ms:.3f} ms  p95 {lat.p95_ms:.3f} ms  "
        f"throughput {report.kb_per_second:.0f} KB/s"
    )
    if report.per_type:
        table = Table("type", "positives", "found", "recall")
        for name, prf in sorted(report.per_type.items(), key=lambda kv: -(kv[1].tp + kv[1].fn)):
            table.add_row(name, str(prf.tp + prf.fn), str(prf.tp), f"{prf.recall:.2f}")
        console.print(table)
