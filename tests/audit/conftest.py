"""Audit stores to test against: an embedded SQLite file and a real PostgreSQL schema."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from mantlet.audit import AuditStore, open_audit_store


@dataclass
class StoreUnderTest:
    """Where a store lives, and a back door to tamper with it as an attacker with DB access."""

    kind: str
    target: str
    schema: str
    tamper: Callable[[list[str]], None]

    async def open(self, *, create: bool = True) -> AuditStore:
        return await open_audit_store(self.target, schema=self.schema, create=create)


def _sqlite_tamper(path: Path) -> Callable[[list[str]], None]:
    def run(statements: list[str]) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        conn.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.close()

    return run


def _postgres_tamper(dsn: str, schema: str) -> Callable[[list[str]], None]:
    def run(statements: list[str]) -> None:
        with psycopg.connect(dsn, autocommit=True, options=f"-c search_path={schema}") as conn:
            conn.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    return run


@pytest.fixture(params=["sqlite", "postgres"])
def store_under_test(request: pytest.FixtureRequest, tmp_path: Path) -> StoreUnderTest:
    if request.param == "sqlite":
        path = tmp_path / "audit.sqlite3"
        return StoreUnderTest("sqlite", str(path), "mantlet", _sqlite_tamper(path))
    dsn = request.getfixturevalue("postgres_dsn")
    schema = request.getfixturevalue("pg_schema")
    return StoreUnderTest("postgres", dsn, schema, _postgres_tamper(dsn, schema))


@pytest.fixture()
async def store(store_under_test: StoreUnderTest) -> AsyncIterator[AuditStore]:
    opened = await store_under_test.open()
    yield opened
    await opened.aclose()
