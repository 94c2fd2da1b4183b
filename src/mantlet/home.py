"""Where Mantlet keeps its local state: `$MANTLET_HOME`, or `~/.mantlet`."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def mantlet_home() -> Path:
    """The state directory (SQLite stores, keys), created owner-only (0700) if missing."""
    configured = os.environ.get("MANTLET_HOME", "").strip()
    home = Path(configured).expanduser() if configured else Path.home() / ".mantlet"
    if not home.is_dir():
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        home.chmod(0o700)
    return home


def postgres_schema() -> str:
    """The PostgreSQL schema holding shared state (keys, audit): $MANTLET_PG_SCHEMA or `mantlet`."""
    return os.environ.get("MANTLET_PG_SCHEMA", "").strip() or "mantlet"


def open_private_sqlite(path: Path) -> sqlite3.Connection:
    """A SQLite file readable by the owner only (0600), in WAL mode, shareable across threads.

    Autocommit (transactions are explicit); a busy database is waited on, not failed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.touch(mode=0o600)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA journal_mode=WAL")
    return conn
