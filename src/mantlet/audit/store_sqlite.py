"""The embedded audit store: SQLite in WAL mode, one writer at a time (any process)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from mantlet.audit.chain import GENESIS, PendingEvent, StoredEvent, chain
from mantlet.home import open_private_sqlite

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS audit_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    time TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time);
CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT OR IGNORE INTO audit_head (id, seq, hash) VALUES (1, 0, '{GENESIS}');
CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""

_COLUMNS = "seq, id, time, prev_hash, hash, body"


class SQLiteAuditStore:
    """Chained events in one SQLite file; `BEGIN IMMEDIATE` makes each batch the only writer."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn = open_private_sqlite(path)
        self._conn.execute("PRAGMA synchronous=FULL")
        if not create:
            return  # reading (verify, export): change nothing, not even a missing head row
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        self._conn.execute(statement)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    async def append_batch(self, pending: list[PendingEvent]) -> None:
        await asyncio.to_thread(self._append_batch, pending)

    async def page(
        self, after_seq: int, since: str | None, until: str | None, limit: int
    ) -> list[StoredEvent]:
        return await asyncio.to_thread(self._page, after_seq, since, until, limit)

    async def head(self) -> tuple[int, str] | None:
        return await asyncio.to_thread(self._head)

    async def aclose(self) -> None:
        with self._lock:
            self._conn.close()

    def _append_batch(self, pending: list[PendingEvent]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                seq, prev = self._conn.execute("SELECT seq, hash FROM audit_head").fetchone()
                rows = chain(pending, seq, prev)
                self._conn.executemany(
                    f"INSERT INTO audit_events ({_COLUMNS}) VALUES (?,?,?,?,?,?)",
                    [(r.seq, r.event_id, r.time, r.prev_hash, r.hash, r.body) for r in rows],
                )
                self._conn.execute(
                    "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                    (rows[-1].seq, rows[-1].hash),
                )
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def _page(
        self, after_seq: int, since: str | None, until: str | None, limit: int
    ) -> list[StoredEvent]:
        query = f"SELECT {_COLUMNS} FROM audit_events WHERE seq > ?"
        params: list[object] = [after_seq]
        if since is not None:
            query += " AND time >= ?"
            params.append(since)
        if until is not None:
            query += " AND time < ?"
            params.append(until)
        query += " ORDER BY seq LIMIT ?"
        params.append(limit)
        with self._lock:
            rows = self._conn.execute(query, params).fetchall()
        return [StoredEvent(*row) for row in rows]

    def _head(self) -> tuple[int, str] | None:
        with self._lock:
            row = self._conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))
