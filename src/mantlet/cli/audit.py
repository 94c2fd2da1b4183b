"""`mantlet audit verify|export`: check the hash chain, export events as JSONL."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Annotated, Any, TypeVar

import psycopg
import typer

from mantlet.audit.chain import VerifyResult
from mantlet.audit.export import export_jsonl, time_bound
from mantlet.audit.store import open_audit_store, verify_store
from mantlet.cli.app import app
from mantlet.errors import MantletError

audit_app = typer.Typer(help="Verify and export the hash-chained audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
T = TypeVar("T")

DB_HELP = "Audit store: a SQLite file or a postgresql:// DSN (default: $MANTLET_AUDIT_DB or MANTLET_HOME/audit.sqlite3)."
SCHEMA_HELP = "PostgreSQL schema holding the audit tables (default: $MANTLET_PG_SCHEMA or mantlet)."


@audit_app.command()
def verify(
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            "--anchor",
            help="SEQ:HASH printed by an earlier verify (kept elsewhere); may repeat.",
        ),
    ] = None,
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    schema: str | None = typer.Option(None, "--schema", help=SCHEMA_HELP),
) -> None:
    """Check every link of the chain; exit 1 at the first edited, deleted or reordered event."""
    anchors = _parse_anchors(anchor or [])

    async def run() -> VerifyResult:
        store = await open_audit_store(db, schema=schema, create=False)
        try:
            return await verify_store(store, anchors)
        finally:
            await store.aclose()

    result = _run(run())
    typer.echo(result.describe())
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command()
def export(
    since: str = typer.Option(..., "--since", help="First date or time (inclusive), UTC."),
    until: str | None = typer.Option(None, "--until", help="End date or time (exclusive), UTC."),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    schema: str | None = typer.Option(None, "--schema", help=SCHEMA_HELP),
) -> None:
    """Write audit events as JSON Lines (one event per line, with its chain link)."""
    try:
        start = time_bound(since)
        end = None if until is None else time_bound(until)
    except MantletError as error:
        raise typer.BadParameter(str(error)) from None

    async def run() -> int:
        store = await open_audit_store(db, schema=schema, create=False)
        try:
            if out is None:
                return await export_jsonl(store, sys.stdout, start, end)
            with out.open("w", encoding="utf-8") as handle:
                return await export_jsonl(store, handle, start, end)
        finally:
            await store.aclose()

    count = _run(run())
    typer.echo(f"exported {count} events", err=True)


def _parse_anchors(values: list[str]) -> dict[int, str]:
    anchors: dict[int, str] = {}
    for value in values:
        seq, _, digest = value.partition(":")
        if not seq.isdigit() or int(seq) < 1 or len(digest) != 64:
            raise typer.BadParameter(f"{value!r}: expected SEQ:HASH (64 hex digits)")
        anchors[int(seq)] = digest.lower()
    return anchors


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a store operation; a store that cannot be opened or read exits 2 with the reason."""
    try:
        return asyncio.run(coroutine)
    except (MantletError, OSError, sqlite3.Error, psycopg.Error) as error:
        typer.echo(f"error: {type(error).__name__}: {error}", err=True)
        raise typer.Exit(2) from None
