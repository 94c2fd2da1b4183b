"""The seam every audit store fills, and what works on any store: walk, verify, open."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from mantlet.audit.chain import ChainChecker, PendingEvent, StoredEvent, VerifyResult
from mantlet.errors import InputError

PAGE_SIZE = 1000


class AuditStore(Protocol):
    """Append-only storage of chained events. `append_batch` links events to the current
    head inside one transaction that excludes every other writer, in any process."""

    async def append_batch(self, pending: list[PendingEvent]) -> None: ...

    async def page(
        self, after_seq: int, since: str | None, until: str | None, limit: int
    ) -> list[StoredEvent]: ...

    async def head(self) -> tuple[int, str] | None:
        """(seq, hash) of the last event as the head row records it; None if that row is gone."""
        ...

    async def aclose(self) -> None: ...


async def iter_events(
    store: AuditStore, since: str | None = None, until: str | None = None
) -> AsyncIterator[StoredEvent]:
    """Events in sequence order, `since` inclusive and `until` exclusive (ISO UTC times)."""
    after = 0
    while True:
        rows = await store.page(after, since, until, PAGE_SIZE)
        for row in rows:
            yield row
        if len(rows) < PAGE_SIZE:
            return
        after = rows[-1].seq


async def verify_store(store: AuditStore, anchors: dict[int, str] | None = None) -> VerifyResult:
    """Walk the whole chain; the first broken link, or OK. `anchors` (seq -> hash, taken
    from earlier verifications and kept elsewhere) also catch a chain rewritten whole."""
    head = await store.head()
    checker = ChainChecker(anchors)
    async for row in iter_events(store):
        if not checker.feed(row):
            break
    return checker.finish(head)


def default_audit_target() -> str:
    """MANTLET_AUDIT_DB if set (a path or a DSN), else MANTLET_HOME/audit.sqlite3."""
    configured = os.environ.get("MANTLET_AUDIT_DB", "").strip()
    if configured:
        return configured
    from mantlet.home import mantlet_home

    return str(mantlet_home() / "audit.sqlite3")


async def open_audit_store(
    target: str | Path | None = None, *, schema: str | None = None, create: bool = True
) -> AuditStore:
    """A SQLite file path or a `postgresql://` DSN (tables in `schema`, by default
    $MANTLET_PG_SCHEMA or `mantlet`). With `create` the tables are made if
    missing; without it (verify, export) a missing log is an error, not an empty OK."""
    chosen = str(target) if target is not None else default_audit_target()
    if chosen.startswith(("postgresql://", "postgres://")):
        from mantlet.audit.store_postgres import PostgresAuditStore
        from mantlet.home import postgres_schema

        return await PostgresAuditStore.open(
            chosen, schema=schema or postgres_schema(), create=create
        )
    from mantlet.audit.store_sqlite import SQLiteAuditStore

    if not create and not Path(chosen).is_file():
        raise InputError(f"no audit log at {chosen}")
    return SQLiteAuditStore(Path(chosen), create=create)
