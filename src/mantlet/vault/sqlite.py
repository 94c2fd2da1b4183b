"""The embedded vault store: one SQLite file in WAL mode, safe to share between processes."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pseudonyms (
    conversation TEXT NOT NULL,
    lookup BLOB NOT NULL,
    token TEXT NOT NULL,
    sealed BLOB NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (conversation, lookup),
    UNIQUE (conversation, token)
);
CREATE TABLE IF NOT EXISTS counters (
    conversation TEXT NOT NULL,
    label TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (conversation, label)
);
"""


class SQLiteStore:
    """Pseudonyms in a SQLite database file (created with 0600 permissions)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self.path, timeout=30.0, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def token_for(self, conversation: str, lookup: bytes) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT token FROM pseudonyms WHERE conversation = ? AND lookup = ?",
                (conversation, lookup),
            ).fetchone()
        return None if row is None else str(row[0])

    def put(self, conversation: str, lookup: bytes, token: str, sealed: bytes) -> str:
        with self._lock:
            self._db.execute(
                "INSERT INTO pseudonyms (conversation, lookup, token, sealed, created)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation, lookup) DO NOTHING",
                (conversation, lookup, token, sealed, time.time()),
            )
            row = self._db.execute(
                "SELECT token FROM pseudonyms WHERE conversation = ? AND lookup = ?",
                (conversation, lookup),
            ).fetchone()
        return str(row[0])

    def sealed_for(self, conversation: str, token: str) -> bytes | None:
        with self._lock:
            row = self._db.execute(
                "SELECT sealed FROM pseudonyms WHERE conversation = ? AND token = ?",
                (conversation, token),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def next_index(self, conversation: str, label: str) -> int:
        with self._lock:
            row = self._db.execute(
                "INSERT INTO counters (conversation, label, last) VALUES (?, ?, 1)"
                " ON CONFLICT (conversation, label) DO UPDATE SET last = last + 1"
                " RETURNING last",
                (conversation, label),
            ).fetchone()
        return int(row[0])
