"""`mantlet eval pii`: span precision, recall and F1 of the PII detectors, and their speed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mantlet.cli.app import eval_app
from mantlet.errors import MantletError
from mantlet.eval.pii import OVERALL_CHOICES, PiiReport, evaluate_pii, pii_engine


@eval_app.command("pii")
def eval_pii(
    data: Annotated[
        list[Path],
        typer.Option("--data", help="PII JSON-lines file (text, spans); repeat for several."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    only_types: Annotated[
        str | None,
        typer.Option("--only-types", help="Comma-separated types to score (e.g. EMAIL,PHONE)."),
    ] = None,
    overall: Annotated[
        str,
        typer.Option(
            "--overall",
            help="Types summed into 'overall': 'engine' (types the detectors can report) or 'all'.",
        ),
    ] = "engine",
    detector: Annotated[
        list[str] | None,
        typer.Option(
            "--detector",
            help="Evaluate only this detector (repeatable; also ones off by default, e.g. NER).",
        ),
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="Pattern matcher: auto, hyperscan, python.")
    ] = "auto",
) -> None:
    """Score PII findings against labeled spans.

    A prediction matches a gold span when both have the same type and overlap by at least one character; matching is one-to-one (greedy by largest overlap), so each gold span and each prediction count at most once. Unmatched predictions are false positives, unmatched gold spans false negatives.

    Latency is per item (median, p95); throughput is UTF-8 KB of text scanned per second of scanning.
    """
    if overall not in OVERALL_CHOICES:
        raise typer.BadParameter(
            f"choose one of {', '.join(OVERALL_CHOICES)}", param_hint="--overall"
        )
    types = None if only_types is None else [t for t in only_types.split(",") if t.strip()]
    try:
        engine = pii_engine(backend, detector or ())
        report = evaluate_pii(data, engine, only_types=types, overall=overall)
    except (MantletError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        _print_table(report)


def _print_table(report: PiiReport) -> None:
    table = Table(title=f"PII spans: {report.items} items")
    for column in ("type", "precision", "recall", "F1", "TP", "FP", "FN"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind, prf in sorted(report.per_type.items()):
        name = kind + (" (not covered)" if kind in report.uncovered_types else "")
        table.add_row(name, *_cells(prf))
    table.add_section()
    table.add_row("overall", *_cells(report.overall), style="bold")
    console = Console()
    console.print(table)
    console.print(f"overall over: {', '.join(report.overall_types) or '-'}")
    lat = report.latency
    console.print(
        f"latency per item: median {lat.median_ms:.3f} ms, p95 {lat.p95_ms:.3f} ms; "
        f"throughput {report.throughput_kb_s:.1f} KB/s"
    )


def _cells(prf: object) -> list[str]:
    from mantlet.eval.metrics import PRF

    assert isinstance(prf, PRF)
    return [
        f"{prf.precision:.3f}",
        f"{prf.recall:.3f}",
        f"{prf.f1:.3f}",
        str(prf.tp),
        str(prf.fp),
        str(prf.fn),
    ]
