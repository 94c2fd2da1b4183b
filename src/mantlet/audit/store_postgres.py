"""The shared audit store for several gateway replicas: PostgreSQL via psycopg 3 (async).

Each batch runs in one transaction that first locks the chain's head row
(`SELECT ... FOR UPDATE`), so replicas appending at the same time still form one chain.
"""

from __future__ import annotations

import asyncio

import psycopg
from psycopg import sql

from mantlet.audit.chain import GENESIS, PendingEvent, StoredEvent, chain
from mantlet.errors import InputError

_COLUMNS = sql.SQL("seq, id, time, prev_hash, hash, body")


class PostgresAuditStore:
    """Chained events in `<schema>.audit_events`, with the head in `<schema>.audit_head`."""

    def __init__(self, dsn: str, schema: str) -> None:
        self._dsn = dsn
        self._schema = schema
        self._events = sql.Identifier(schema, "audit_events")
        self._head = sql.Identifier(schema, "audit_head")
        self._conn: psycopg.AsyncConnection[tuple[object, ...]] | None = None
        self._lock = asyncio.Lock()

    @classmethod
    async def open(
        cls, dsn: str, *, schema: str = "mantlet", create: bool = True
    ) -> PostgresAuditStore:
        store = cls(dsn, schema)
        if create:
            await store._create_tables()
        elif not await store._exists():
            await store.aclose()
            raise InputError(f"no audit log in schema {schema!r}")
        return store

    async def _exists(self) -> bool:
        async with self._lock:
            conn = await self._connection()
            cursor = await conn.execute(
                "SELECT to_regclass(%s) IS NOT NULL", (f'"{self._schema}".audit_events',)
            )
            row = await cursor.fetchone()
        return bool(row and row[0])

    async def _connection(self) -> psycopg.AsyncConnection[tuple[object, ...]]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = await psycopg.AsyncConnection.connect(self._dsn, autocommit=True)
        return self._conn

    async def _create_tables(self) -> None:
        async with self._lock:
            conn = await self._connection()
            async with conn.transaction():
                # Two replicas starting together must not race on CREATE.
                await conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self._schema,))
                await conn.execute(
                    sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self._schema))
                )
                await conn.execute(
                    sql.SQL(
                        """CREATE TABLE IF NOT EXISTS {} (
                            seq BIGINT PRIMARY KEY,
                            id TEXT NOT NULL UNIQUE,
                            time TEXT NOT NULL,
                            prev_hash TEXT NOT NULL,
                            hash TEXT NOT NULL,
                            body TEXT NOT NULL
                        )"""
                    ).format(self._events)
                )
                await conn.execute(
                    sql.SQL("CREATE INDEX IF NOT EXISTS audit_events_time ON {} (time)").format(
                        self._events
                    )
                )
                guard = sql.Identifier(self._schema, "audit_append_only")
                await conn.execute(
                    sql.SQL(
                        "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS "
                        "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$"
                    ).format(guard)
                )
                await conn.execute(
                    sql.SQL(
                        "CREATE OR REPLACE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE "
                        "ON {} FOR EACH ROW EXECUTE FUNCTION {}()"
                    ).format(self._events, guard)
                )
                await conn.execute(
                    sql.SQL(
                        "CREATE OR REPLACE TRIGGER audit_events_no_truncate BEFORE TRUNCATE "
                        "ON {} FOR EACH STATEMENT EXECUTE FUNCTION {}()"
                    ).format(self._events, guard)
                )
                await conn.execute(
                    sql.SQL(
                        """CREATE TABLE IF NOT EXISTS {} (
                            id INT PRIMARY KEY CHECK (id = 1),
                            seq BIGINT NOT NULL,
                            hash TEXT NOT NULL
                        )"""
                    ).format(self._head)
                )
                await conn.execute(
                    sql.SQL(
                        "INSERT INTO {} (id, seq, hash) VALUES (1, 0, %s) ON CONFLICT DO NOTHING"
                    ).format(self._head),
                    (GENESIS,),
                )

    async def append_batch(self, pending: list[PendingEvent]) -> None:
        async with self._lock:
            conn = await self._connection()
            async with conn.transaction():
                cursor = await conn.execute(
                    sql.SQL("SELECT seq, hash FROM {} WHERE id = 1 FOR UPDATE").format(self._head)
                )
                head = await cursor.fetchone()
                if head is None:
                    raise RuntimeError("audit chain head row is missing")
                rows = chain(pending, int(str(head[0])), str(head[1]))
                async with conn.cursor() as insert:
                    await insert.executemany(
                        sql.SQL("INSERT INTO {} ({}) VALUES (%s,%s,%s,%s,%s,%s)").format(
                            self._events, _COLUMNS
                        ),
                        [(r.seq, r.event_id, r.time, r.prev_hash, r.hash, r.body) for r in rows],
                    )
                await conn.execute(
                    sql.SQL("UPDATE {} SET seq = %s, hash = %s WHERE id = 1").format(self._head),
                    (rows[-1].seq, rows[-1].hash),
                )

    async def page(
        self, after_seq: int, since: str | None, until: str | None, limit: int
    ) -> list[StoredEvent]:
        conditions = [sql.SQL("seq > %s")]
        params: list[object] = [after_seq]
        if since is not None:
            conditions.append(sql.SQL("time >= %s"))
            params.append(since)
        if until is not None:
            conditions.append(sql.SQL("time < %s"))
            params.append(until)
        params.append(limit)
        query = sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY seq LIMIT %s").format(
            _COLUMNS, self._events, sql.SQL(" AND ").join(conditions)
        )
        async with self._lock:
            conn = await self._connection()
            cursor = await conn.execute(query, params)
            rows = await cursor.fetchall()
        return [
            StoredEvent(int(str(r[0])), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]))
            for r in rows
        ]

    async def head(self) -> tuple[int, str] | None:
        async with self._lock:
            conn = await self._connection()
            cursor = await conn.execute(
                sql.SQL("SELECT seq, hash FROM {} WHERE id = 1").format(self._head)
            )
            row = await cursor.fetchone()
        return None if row is None else (int(str(row[0])), str(row[1]))

    async def aclose(self) -> None:
        async with self._lock:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None
