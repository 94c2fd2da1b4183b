from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mantlet.audit import (
    AuditLog,
    AuditStore,
    content_hash,
    decrypt_content,
    iter_events,
    load_or_create_content_key,
    masked_findings,
    verify_store,
)
from mantlet.audit.content import ContentKeyError
from mantlet.audit.export import export_jsonl, time_bound
from mantlet.errors import ConfigError, InputError
from mantlet.findings import Category, Finding, Severity

if TYPE_CHECKING:
    from conftest import StoreUnderTest


def request_event(n: int) -> dict[str, object]:
    return {
        "who": "key:abc",
        "role": "analyst",
        "env": "prod",
        "model": "gpt-4o",
        "policy_version": "sha256:feed",
        "decisions": [{"direction": "input", "action": "redact", "category": "SECRET"}],
        "tokens": {"prompt": 10 + n, "completion": 5},
        "latency_ms": {"auth": 0.01, "input_guard": 0.2, "upstream": 12.5},
        "request_hash": content_hash(f"request {n}"),
    }


async def appended(store: AuditStore, count: int) -> list[str]:
    log = AuditLog(store)
    ids = [await log.append(request_event(n)) for n in range(count)]
    await log.flush()
    return ids


async def test_events_are_chained_in_order(store: AuditStore) -> None:
    ids = await appended(store, 5)
    rows = [row async for row in iter_events(store)]
    assert [row.event_id for row in rows] == ids
    assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
    assert all(rows[i].prev_hash == rows[i - 1].hash for i in range(1, 5))
    assert rows[2].event()["tokens"] == {"completion": 5, "prompt": 12}
    result = await verify_store(store)
    assert result.ok and result.checked == 5


async def test_concurrent_appends_from_many_tasks_form_one_chain(store: AuditStore) -> None:
    log = AuditLog(store, batch_size=7)

    async def client(n: int) -> list[str]:
        return [await log.append(request_event(n * 100 + i)) for i in range(20)]

    ids = [i for group in await asyncio.gather(*(client(n) for n in range(10))) for i in group]
    await log.flush()
    assert len(set(ids)) == 200
    assert sorted([row.event_id async for row in iter_events(store)]) == sorted(ids)
    assert (await verify_store(store)).checked == 200


@pytest.mark.parametrize(
    ("attack", "broken_seq", "broken_id", "reason"),
    [
        (
            ["UPDATE audit_events SET body = replace(body, 'gpt-4o', 'gpt-3') WHERE seq = 3"],
            3,
            2,
            "edited",
        ),
        (["DELETE FROM audit_events WHERE seq = 3"], 4, 3, "deleted"),
        (
            [
                "UPDATE audit_events SET seq = 100 WHERE seq = 3",
                "UPDATE audit_events SET seq = 3 WHERE seq = 4",
                "UPDATE audit_events SET seq = 4 WHERE seq = 100",
            ],
            3,
            3,
            "reordered",
        ),
        (["UPDATE audit_events SET id = 'evt_forged' WHERE seq = 2"], 2, "evt_forged", "edited"),
        (["DELETE FROM audit_events WHERE seq = 5"], 5, None, "deleted from the end"),
        (["DELETE FROM audit_head"], None, None, "head row is missing"),
    ],
    ids=["edit", "delete", "reorder", "edit-id-column", "truncate-tail", "delete-head"],
)
async def test_verify_reports_the_first_broken_link(
    store_under_test: StoreUnderTest,
    attack: list[str],
    broken_seq: int | None,
    broken_id: int | str | None,
    reason: str,
) -> None:
    store = await store_under_test.open()
    ids = await appended(store, 5)
    await store.aclose()
    store_under_test.tamper(attack)
    store = await store_under_test.open(create=False)
    result = await verify_store(store)
    await store.aclose()
    assert not result.ok
    assert result.broken_seq == broken_seq
    assert reason in result.reason
    assert result.broken_id == (ids[broken_id] if isinstance(broken_id, int) else broken_id)
    assert "BROKEN" in result.describe()


async def test_rehashing_an_edited_event_still_breaks_the_next_link(
    store_under_test: StoreUnderTest,
) -> None:
    from mantlet.audit.chain import link_hash

    store = await store_under_test.open()
    await appended(store, 4)
    rows = [row async for row in iter_events(store)]
    await store.aclose()
    forged_body = rows[1].body.replace("analyst", "admin")
    forged_hash = link_hash(2, rows[1].prev_hash, forged_body)
    store_under_test.tamper(
        [f"UPDATE audit_events SET body = '{forged_body}', hash = '{forged_hash}' WHERE seq = 2"]
    )
    store = await store_under_test.open()
    result = await verify_store(store)
    await store.aclose()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "link" in result.reason


async def test_stores_refuse_updates_and_deletes(store_under_test: StoreUnderTest) -> None:
    import sqlite3

    import psycopg

    store = await store_under_test.open()
    await appended(store, 1)
    await store.aclose()
    if store_under_test.kind == "sqlite":
        conn = sqlite3.connect(store_under_test.target)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_events")
        conn.close()
    else:
        options = f"-c search_path={store_under_test.schema}"
        with (
            psycopg.connect(store_under_test.target, options=options) as conn,
            pytest.raises(psycopg.errors.RaiseException, match="append-only"),
        ):
            conn.execute("UPDATE audit_events SET body = '{}'")


async def test_export_since_until_writes_jsonl(store: AuditStore) -> None:
    await appended(store, 3)
    rows = [row async for row in iter_events(store)]
    out = io.StringIO()
    count = await export_jsonl(store, out, since=rows[1].time)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 2 and [line["id"] for line in lines] == [rows[1].event_id, rows[2].event_id]
    assert lines[0]["chain"] == {"seq": 2, "prev_hash": rows[0].hash, "hash": rows[1].hash}
    out = io.StringIO()
    assert await export_jsonl(store, out, since=rows[0].time, until=rows[1].time) == 1
    assert await export_jsonl(store, io.StringIO(), since=time_bound("2999-01-01")) == 0


def test_time_bounds() -> None:
    assert time_bound("2026-11-21") == "2026-11-21T00:00:00.000000Z"
    assert time_bound("2026-11-21T10:00:00+02:00") == "2026-11-21T08:00:00.000000Z"
    with pytest.raises(InputError, match="invalid date"):
        time_bound("yesterday")


async def test_raw_content_is_encrypted_or_refused(tmp_path: Path, store: AuditStore) -> None:
    plain = AuditLog(store)
    with pytest.raises(ConfigError, match="content key"):
        await plain.append({"raw": {"request": "my password is hunter2"}})
    key = load_or_create_content_key(tmp_path / "content.key")
    assert load_or_create_content_key(tmp_path / "content.key") == key
    assert (tmp_path / "content.key").stat().st_mode & 0o777 == 0o600
    log = AuditLog(store, content_key=key)
    await log.append({"raw": {"request": "my password is hunter2", "response": "ok"}})
    await log.flush()
    (row,) = [row async for row in iter_events(store)]
    assert "hunter2" not in row.body
    assert decrypt_content(key, row.event()) == {
        "request": "my password is hunter2",
        "response": "ok",
    }
    with pytest.raises(ContentKeyError):
        decrypt_content(bytes(32), row.event())


async def test_unserializable_event_is_refused_at_append(store: AuditStore) -> None:
    log = AuditLog(store)
    with pytest.raises(InputError, match="JSON"):
        await log.append({"tokens": {1: 2}})  # keys must be strings
    with pytest.raises(InputError, match="JSON"):
        await log.append({"who": object()})
    await log.aclose()


def test_masked_findings_carry_no_raw_value() -> None:
    finding = Finding(
        0, 20, "secrets", Category.SECRET, "AWS_ACCESS_KEY", 0.9, Severity.HIGH, "AKIA…MPLE"
    )
    (record,) = masked_findings([finding])
    assert record["evidence"] == "AKIA…MPLE" and record["label"] == "AWS_ACCESS_KEY"


class FlakyStore:
    """Fails the first writes, as a database restarting would."""

    def __init__(self, inner: AuditStore, failures: int) -> None:
        self.inner = inner
        self.failures = failures

    async def append_batch(self, pending: list[object]) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise OSError("connection refused")
        await self.inner.append_batch(pending)  # type: ignore[arg-type]

    async def page(self, *args: object) -> list[object]:
        return await self.inner.page(*args)  # type: ignore[arg-type]

    async def head(self) -> tuple[int, str]:
        return await self.inner.head()

    async def aclose(self) -> None:
        return None


async def test_a_failing_store_loses_no_event(store: AuditStore) -> None:
    flaky = FlakyStore(store, failures=3)
    log = AuditLog(flaky, batch_size=4)  # type: ignore[arg-type]
    ids = [await log.append(request_event(n)) for n in range(10)]
    await log.aclose()
    assert flaky.failures == 0
    assert [row.event_id async for row in iter_events(store)] == ids
    assert (await verify_store(store)).ok


async def test_a_full_queue_makes_append_wait_instead_of_dropping(store: AuditStore) -> None:
    flaky = FlakyStore(store, failures=2)
    log = AuditLog(flaky, queue_size=2, batch_size=1)  # type: ignore[arg-type]
    ids = await asyncio.gather(*(log.append(request_event(n)) for n in range(12)))
    await log.aclose()
    assert sorted([row.event_id async for row in iter_events(store)]) == sorted(ids)


async def test_a_dead_store_makes_append_refuse_after_the_deadline(store: AuditStore) -> None:
    from mantlet.audit import AuditUnavailable

    dead = FlakyStore(store, failures=10**9)
    log = AuditLog(dead, queue_size=1, batch_size=1, append_timeout=0.2)  # type: ignore[arg-type]
    accepted = [await log.append(request_event(0)), await log.append(request_event(1))]
    with pytest.raises(AuditUnavailable, match="queue full"):
        await log.append(request_event(2))
    dead.failures = 0  # the database is back: nothing accepted was lost
    await log.flush()
    assert [row.event_id async for row in iter_events(store)] == accepted
    await log.aclose()
