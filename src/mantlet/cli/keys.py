"""`mantlet keys create|list|revoke`: API keys for the gateway (shown once, stored hashed)."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

import psycopg
import typer

from mantlet.cli.app import app
from mantlet.errors import MantletError
from mantlet.gateway.keys import KeyStore, create_key, open_key_store, parse_duration, revoke_key

keys_app = typer.Typer(help="Create, list and revoke gateway API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

DB_HELP = "Key store: a SQLite file or a postgresql:// DSN (default: $MANTLET_KEYS_DB or MANTLET_HOME/keys.sqlite3)."
SCHEMA_HELP = "PostgreSQL schema holding the key table (default: $MANTLET_PG_SCHEMA or mantlet)."


def _open(db: str | None, schema: str | None) -> KeyStore:
    try:
        return open_key_store(db, schema=schema)
    except (MantletError, OSError, sqlite3.Error, psycopg.Error) as error:
        typer.echo(f"error: cannot open key store: {type(error).__name__}: {error}", err=True)
        raise typer.Exit(2) from None


@keys_app.command("create")
def create(
    role: str = typer.Option(
        ..., "--role", help="Role the key acts as (policy decides what it may do)."
    ),
    env: str = typer.Option(..., "--env", help="Environment: prod or test."),
    expires: str | None = typer.Option(
        None, "--expires", help="Lifetime, e.g. 30d, 12h (default: none)."
    ),
    label: str = typer.Option("", "--label", help="A note shown by `keys list`."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    schema: str | None = typer.Option(None, "--schema", help=SCHEMA_HELP),
) -> None:
    """Create a key and print it alone on the last line (it is shown this once only)."""
    try:
        expires_in = None if expires is None else parse_duration(expires)
        store = _open(db, schema)
        try:
            key, record = create_key(store, role, env, expires_in=expires_in, label=label)
        finally:
            store.close()
    except MantletError as error:
        raise typer.BadParameter(str(error)) from None
    until = "never" if record.expires_at is None else _when(record.expires_at)
    typer.echo(
        f"created key {record.key_id} (role {record.role}, env {record.env}, expires {until})"
    )
    typer.echo("store it now: it cannot be shown again")
    typer.echo(key)


@keys_app.command("list")
def list_keys(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    schema: str | None = typer.Option(None, "--schema", help=SCHEMA_HELP),
) -> None:
    """List keys (ids, roles, status; never secrets)."""
    store = _open(db, schema)
    try:
        records = store.list_keys()
    finally:
        store.close()
    now = time.time()
    typer.echo(
        f"{'ID':<12}  {'ROLE':<16}  {'ENV':<4}  {'STATUS':<7}  {'CREATED':<20}  {'EXPIRES':<20}  LABEL"
    )
    for r in records:
        expires = "-" if r.expires_at is None else _when(r.expires_at)
        typer.echo(
            f"{r.key_id:<12}  {r.role:<16}  {r.env:<4}  {r.status(now):<7}  "
            f"{_when(r.created_at):<20}  {expires:<20}  {r.label}"
        )


@keys_app.command("revoke")
def revoke(
    key_id: str = typer.Argument(..., help="The key's id (from `keys list`)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    schema: str | None = typer.Option(None, "--schema", help=SCHEMA_HELP),
) -> None:
    """Revoke a key; running gateways refuse it within a few seconds."""
    store = _open(db, schema)
    try:
        revoked = revoke_key(store, key_id)
    finally:
        store.close()
    if not revoked:
        typer.echo(f"error: no active key with id {key_id!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"revoked key {key_id}")


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%SZ")
