"""The shared key store for several gateway replicas: one table in PostgreSQL."""

from __future__ import annotations

import threading

import psycopg
from psycopg import sql

from mantlet.gateway.keys import COLUMNS, KeyRecord, as_row, record_from_row


class PostgresKeyStore:
    """Key records in `<schema>.api_keys`; one autocommit connection guarded by a lock."""

    def __init__(self, dsn: str, *, schema: str = "mantlet") -> None:
        self._dsn = dsn
        self._lock = threading.Lock()
        self._conn = psycopg.connect(dsn, autocommit=True)
        self._table = sql.Identifier(schema, "api_keys")
        with self._conn.transaction():
            # Serialize schema creation: two replicas starting together must not race.
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (schema,))
            self._conn.execute(
                sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
            )
            self._conn.execute(
                sql.SQL(
                    """CREATE TABLE IF NOT EXISTS {} (
                        key_id TEXT PRIMARY KEY,
                        role TEXT NOT NULL,
                        env TEXT NOT NULL,
                        secret_hash TEXT NOT NULL,
                        created_at DOUBLE PRECISION NOT NULL,
                        expires_at DOUBLE PRECISION,
                        revoked_at DOUBLE PRECISION,
                        label TEXT NOT NULL DEFAULT ''
                    )"""
                ).format(self._table)
            )

    def insert(self, record: KeyRecord) -> None:
        query = sql.SQL("INSERT INTO {} ({}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)").format(
            self._table, sql.SQL(COLUMNS)
        )
        self._execute(query, as_row(record))

    def get(self, key_id: str) -> KeyRecord | None:
        query = sql.SQL("SELECT {} FROM {} WHERE key_id = %s").format(sql.SQL(COLUMNS), self._table)
        row = self._execute(query, (key_id,)).fetchone()
        return None if row is None else record_from_row(row)

    def list_keys(self) -> list[KeyRecord]:
        query = sql.SQL("SELECT {} FROM {} ORDER BY created_at").format(
            sql.SQL(COLUMNS), self._table
        )
        rows = self._execute(query).fetchall()
        return [record_from_row(row) for row in rows]

    def revoke(self, key_id: str, when: float) -> bool:
        query = sql.SQL(
            "UPDATE {} SET revoked_at = %s WHERE key_id = %s AND revoked_at IS NULL"
        ).format(self._table)
        cursor = self._execute(query, (when, key_id))
        return cursor.rowcount == 1

    def _execute(
        self, query: sql.Composed, params: tuple[object, ...] = ()
    ) -> psycopg.Cursor[tuple[object, ...]]:
        """Run one statement (results are fetched client-side); reconnect once if the
        server dropped the connection, e.g. after a PostgreSQL restart."""
        with self._lock:
            try:
                return self._conn.execute(query, params)
            except psycopg.OperationalError:
                if not (self._conn.closed or self._conn.broken):
                    raise
                self._conn = psycopg.connect(self._dsn, autocommit=True)
                return self._conn.execute(query, params)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
