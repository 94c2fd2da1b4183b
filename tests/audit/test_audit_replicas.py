"""Two gateway replicas (separate processes) appending to one audit store at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mantlet.audit import iter_events, verify_store

if TYPE_CHECKING:
    from conftest import StoreUnderTest

_REPLICA = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from mantlet.audit import AuditLog, open_audit_store

    target, schema, name, gate = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])

    async def main() -> None:
        log = AuditLog(await open_audit_store(target, schema=schema), batch_size=3)
        print("ready", flush=True)
        while not gate.exists():
            time.sleep(0.005)

        async def client(n: int) -> None:
            for i in range(20):
                await log.append({"who": name, "n": n * 100 + i})
                await asyncio.sleep(0)

        await asyncio.gather(*(client(n) for n in range(5)))
        await log.aclose()

    asyncio.run(main())
    """
)


async def test_two_processes_append_one_valid_chain(
    store_under_test: StoreUnderTest, tmp_path: Path
) -> None:
    gate = tmp_path / "go"
    store = await store_under_test.open()  # create the tables before the race
    replicas = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _REPLICA,
                store_under_test.target,
                store_under_test.schema,
                name,
                str(gate),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in ("replica-a", "replica-b")
    ]
    try:
        for replica in replicas:
            assert replica.stdout is not None and replica.stdout.readline().strip() == "ready"
        gate.touch()
        deadline = time.monotonic() + 120
        for replica in replicas:
            assert replica.wait(timeout=max(1.0, deadline - time.monotonic())) == 0
    finally:
        for replica in replicas:
            replica.kill()
            replica.wait()
            if replica.stdout is not None:
                replica.stdout.close()
    result = await verify_store(store)
    writers = [row.event()["who"] async for row in iter_events(store)]
    await store.aclose()
    assert result.ok, result.describe()
    assert result.checked == 200
    assert writers.count("replica-a") == writers.count("replica-b") == 100


async def test_postgres_writer_survives_a_dropped_connection(
    postgres_dsn: str, pg_schema: str
) -> None:
    import psycopg

    from mantlet.audit import AuditLog, open_audit_store

    log = AuditLog(await open_audit_store(postgres_dsn, schema=pg_schema))
    first = [await log.append({"n": n}) for n in range(3)]
    await log.flush()
    writer_pid = log.store._conn.info.backend_pid  # type: ignore[attr-defined]
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        killed = admin.execute("SELECT pg_terminate_backend(%s)", (writer_pid,)).fetchall()
    assert killed == [(True,)]
    second = [await log.append({"n": n}) for n in range(3, 6)]
    await log.flush()
    result = await verify_store(log.store)
    stored = [row.event_id async for row in iter_events(log.store)]
    await log.aclose()
    assert result.ok and stored == first + second
