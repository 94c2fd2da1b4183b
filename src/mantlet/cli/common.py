"""Options and helpers shared by the file commands: categories, severities, progress bars."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from mantlet.cli.io import ErrorPolicy, dump_json_line, warn, write_out
from mantlet.engine import Engine, default_engine
from mantlet.findings import Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_BYTES = 4 * 1024 * 1024
PROGRESS_MIN_FILES = 20


def engine_for(only: str | None) -> Engine:
    """The default engine, or one limited to the comma-separated categories in `only`."""
    if only is None:
        return default_engine()
    wanted = frozenset(part.strip().upper() for part in only.split(",") if part.strip())
    if not wanted:
        raise typer.BadParameter("name at least one category", param_hint="--only")
    try:
        return default_engine(wanted)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--only") from None


def parse_fail_on(value: str) -> Severity | None:
    if value.lower() == "never":
        return None
    try:
        return Severity(value.lower())
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        raise typer.BadParameter(f"use never or one of {known}", param_hint="--fail-on") from None


class Advance(Protocol):
    def __call__(self, size: int) -> None: ...


def want_progress(flag: bool | None, total_bytes: int, files: int) -> bool:
    """Shown when asked, or on a terminal for large inputs (many files or many bytes)."""
    if flag is not None:
        return flag
    large = total_bytes >= PROGRESS_MIN_BYTES or files >= PROGRESS_MIN_FILES
    return large and sys.stderr.isatty()


@contextmanager
def progress_bar(enabled: bool, total: int | None, description: str) -> Iterator[Advance]:
    """A progress bar on stderr counting bytes read; a no-op when not enabled."""
    if not enabled:
        yield lambda size: None
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)

        def advance(size: int) -> None:
            progress.update(task, advance=size)

        yield advance


def bad_line(message: str, policy: ErrorPolicy) -> None:
    """Report a bad JSON line: stop (fail), or print an error object in its place so the
    output stays aligned line for line with the input."""
    warn(message)
    if policy is ErrorPolicy.FAIL:
        raise typer.Exit(EXIT_ERROR)
    write_out(dump_json_line({"error": message}))
