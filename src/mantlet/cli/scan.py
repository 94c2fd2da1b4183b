"""`mantlet scan`: report findings in files, directories, stdin or JSON lines.

Exit codes: 0 done; 1 a finding reached `--fail-on`; 2 bad usage or input, or a detector
failed (the scan is incomplete). Reports never show raw values, only masked evidence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from mantlet.cli.app import app
from mantlet.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    Advance,
    bad_line,
    engine_for,
    parse_fail_on,
    progress_bar,
    want_progress,
)
from mantlet.cli.io import (
    BadInput,
    ErrorPolicy,
    display_name,
    expand_paths,
    input_size,
    inputs_or_stdin,
    path_label,
    read_text_blocks,
    warn,
    write_out,
)
from mantlet.cli.jsonl_scan import scan_json_lines, worker_count
from mantlet.engine import DetectorFailure, Engine
from mantlet.findings import Finding, Severity
from mantlet.reports.locations import LineIndex, Region
from mantlet.reports.sarif import SarifLog

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with file-level offsets and the region it covers."""

    finding: Finding
    path: str
    region: Region

    def to_dict(self) -> dict[str, object]:
        return {
            **self.finding.to_dict(),
            "line": self.region.start_line,
            "column": self.region.start_column,
            "end_line": self.region.end_line,
            "end_column": self.region.end_column,
        }


class Outcome:
    """What a run saw: the worst severity, input errors and detector failures."""

    def __init__(self) -> None:
        self.severities: Counter[Severity] = Counter()
        self.files = 0
        self.input_errors = 0
        self.failed_detectors: set[str] = set()

    def record(
        self, severities: Iterable[Severity], failures: Iterable[DetectorFailure], where: str
    ) -> None:
        self.severities.update(severities)
        for failure in failures:
            if failure.detector not in self.failed_detectors:
                warn(
                    f"{where}: detector {failure.detector} failed ({failure.error}); scan incomplete"
                )
            self.failed_detectors.add(failure.detector)

    def bad_input(self, exc: BadInput, policy: ErrorPolicy) -> None:
        """Report it; stop under `fail`. Otherwise only an input that could not be opened at
        all (rather than a skipped line or binary file) still makes the exit code 2."""
        warn(str(exc))
        if policy is ErrorPolicy.FAIL:
            raise typer.Exit(EXIT_ERROR)
        if exc.line is None:
            self.input_errors += 1

    def exit_code(self, fail_on: Severity | None) -> int:
        if self.input_errors or self.failed_detectors:
            return EXIT_ERROR
        if fail_on is not None and any(s.at_least(fail_on) for s in self.severities):
            return EXIT_FINDINGS
        return EXIT_OK


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or directories to read; '-' or nothing reads stdin.", show_default=False
    ),
]
OnlyOpt = Annotated[
    str | None, typer.Option("--only", help="Comma-separated categories, e.g. PII,SECRET.")
]
ErrorsOpt = Annotated[
    ErrorPolicy,
    typer.Option("--errors", help="Bad input: fail (stop, exit 2), replace (U+FFFD) or skip."),
]
JsonlOpt = Annotated[
    bool, typer.Option("--jsonl", help="Read JSON lines; one output line per input line.")
]
FieldOpt = Annotated[
    str | None, typer.Option("--field", help="With --jsonl: the field holding the text.")
]
ProgressOpt = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress bar on stderr (default: on a terminal, for large inputs).",
        show_default=False,
    ),
]


@app.command()
def scan(
    paths: PathsArg = None,
    output: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="text, json or sarif (JSON lines with --jsonl)."),
    ] = None,
    only: OnlyOpt = None,
    fail_on: Annotated[
        str,
        typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity, or never."),
    ] = "never",
    jsonl: JsonlOpt = False,
    field: FieldOpt = None,
    errors: ErrorsOpt = ErrorPolicy.FAIL,
    progress: ProgressOpt = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=0,
            help="With --jsonl: scan on this many processes (0: one per CPU).",
        ),
    ] = 1,
) -> None:
    """Scan text for PII, secrets, hidden text and the rest; report what was found."""
    threshold = parse_fail_on(fail_on)
    engine = engine_for(only)
    inputs = inputs_or_stdin(paths)
    outcome = Outcome()
    if jsonl:
        if field is None:
            raise typer.BadParameter("--jsonl needs --field FIELD", param_hint="--field")
        if output not in (None, OutputFormat.JSON):
            raise typer.BadParameter("--jsonl always writes JSON lines", param_hint="--format")
        for path in inputs:
            _scan_jsonl(path, field, engine, only, worker_count(workers), errors, progress, outcome)
    else:
        if field is not None:
            raise typer.BadParameter("--field only applies with --jsonl", param_hint="--field")
        _scan_files(inputs, output or OutputFormat.TEXT, engine, errors, progress, outcome)
    raise typer.Exit(outcome.exit_code(threshold))


def _scan_jsonl(
    path: str,
    field: str,
    engine: Engine,
    only: str | None,
    workers: int,
    policy: ErrorPolicy,
    progress: bool | None,
    outcome: Outcome,
) -> None:
    size = input_size(path)
    show = want_progress(progress, size or 0, 1)
    label = path_label(path)
    results = scan_json_lines(
        path, display_name(path), field, policy, engine=engine, only=only, workers=workers
    )
    with progress_bar(show, size, label) as advance:
        try:
            for item in results:
                advance(item.size)
                if item.output is None:
                    bad_line(item.error or f"{label}:{item.line}: unusable", policy)
                    continue
                outcome.record(item.severities, item.failures, f"{label}:{item.line}")
                write_out(item.output)
        except BadInput as exc:
            outcome.bad_input(exc, policy)


def _scan_files(
    paths: list[str],
    output: OutputFormat,
    engine: Engine,
    policy: ErrorPolicy,
    progress: bool | None,
    outcome: Outcome,
) -> None:
    files = list(expand_paths(paths))
    total = sum(input_size(path) or 0 for path, _ in files)
    show = want_progress(progress, total, len(files))
    console = Console(highlight=False, soft_wrap=True)
    found: list[Located] = []
    with progress_bar(show, total or None, "scanning") as advance:
        for path, named in files:
            try:
                for located in _scan_one(path, engine, policy, outcome, advance):
                    if output is OutputFormat.TEXT:
                        console.print(_text_line(located))
                    else:
                        found.append(located)
                outcome.files += 1
            except BadInput as exc:
                if not named and exc.problem.startswith("binary"):
                    continue  # found by walking a directory: not a text file, not an error
                outcome.bad_input(exc, policy)
    if output is OutputFormat.TEXT:
        console.print(_summary(outcome))
    elif output is OutputFormat.JSON:
        write_out(json.dumps(_json_report(found, outcome), ensure_ascii=False, indent=2) + "\n")
    else:
        sarif = SarifLog()
        sarif.extend((item.finding, item.path, item.region) for item in found)
        write_out(json.dumps(sarif.to_dict(), indent=2) + "\n")


def _scan_one(
    path: str, engine: Engine, policy: ErrorPolicy, outcome: Outcome, advance: Advance
) -> Iterator[Located]:
    label = path_label(path)
    for block in read_text_blocks(path, policy):
        result = engine.scan(block.text)
        outcome.record((f.severity for f in result.findings), result.failures, label)
        if result.findings:
            lines = LineIndex(block.text, block.first_line)
            for f in result.findings:
                shifted = replace(f, start=f.start + block.offset, end=f.end + block.offset)
                yield Located(shifted, label, lines.region(f.start, f.end))
        advance(block.size)


def _text_line(item: Located) -> Text:
    f = item.finding
    line = Text()
    line.append(f"{item.path}:{item.region.start_line}:{item.region.start_column}", style="bold")
    line.append("  ")
    line.append(f"{f.severity.value:<8}", style=SEVERITY_STYLES[f.severity])
    line.append(f"{f.category.value}/{f.label}", style="magenta")
    if f.evidence:
        line.append(f"  {f.evidence}")
    line.append(f"  ({f.detector}, score {f.score:.2f})", style="dim")
    return line


def _summary(outcome: Outcome) -> Text:
    count = sum(outcome.severities.values())
    files = f"{outcome.files} file{'s' if outcome.files != 1 else ''}"
    if not count:
        return Text(f"No findings in {files}.", style="green")
    parts = ", ".join(
        f"{outcome.severities[s]} {s.value}"
        for s in sorted(outcome.severities, key=lambda s: -s.rank)
    )
    return Text(f"{count} finding{'s' if count != 1 else ''} in {files} ({parts}).", style="bold")


def _json_report(found: list[Located], outcome: Outcome) -> dict[str, Any]:
    by_path: dict[str, list[dict[str, object]]] = {}
    for item in found:
        by_path.setdefault(item.path, []).append(item.to_dict())
    return {
        "results": [{"path": path, "findings": items} for path, items in by_path.items()],
        "summary": {
            "files": outcome.files,
            "findings": sum(outcome.severities.values()),
            "by_severity": {s.value: outcome.severities[s] for s in outcome.severities},
            "input_errors": outcome.input_errors,
            "failed_detectors": sorted(outcome.failed_detectors),
        },
    }
