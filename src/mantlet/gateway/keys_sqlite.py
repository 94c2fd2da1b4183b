"""The embedded key store: one SQLite file (WAL), readable by the owner only."""

from __future__ import annotations

import threading
from pathlib import Path

from mantlet.gateway.keys import COLUMNS, KeyRecord, as_row, record_from_row
from mantlet.home import open_private_sqlite

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    env TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL,
    revoked_at REAL,
    label TEXT NOT NULL DEFAULT ''
)
"""


class SQLiteKeyStore:
    """Key records in SQLite; safe to share between threads (one lock, one connection)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn = open_private_sqlite(path)
        self._conn.execute(_SCHEMA)

    def insert(self, record: KeyRecord) -> None:
        with self._lock:
            self._conn.execute(
                f"INSERT INTO api_keys ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", as_row(record)
            )

    def get(self, key_id: str) -> KeyRecord | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {COLUMNS} FROM api_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
        return None if row is None else record_from_row(row)

    def list_keys(self) -> list[KeyRecord]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {COLUMNS} FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [record_from_row(row) for row in rows]

    def revoke(self, key_id: str, when: float) -> bool:
        with self._lock:
            cursor = self._conn.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                (when, key_id),
            )
        return cursor.rowcount == 1

    def close(self) -> None:
        with self._lock:
            self._conn.close()
