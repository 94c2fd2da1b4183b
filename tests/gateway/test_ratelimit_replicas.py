"""Two real gateway processes sharing one Redis (rate limits) and one PostgreSQL (keys, audit)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from fake_upstream import FakeUpstream
from mantlet.audit import iter_events, open_audit_store, verify_store
from mantlet.gateway.keys import create_key, open_key_store

LIMIT = 8  # one request per 7.5 s refills: far slower than the test's burst
POLICY = f"""\
version: 1
name: replicas
roles:
  analyst:
    models: ["*"]
    limits: {{requests_per_minute: {LIMIT}}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def shared_env(
    redis_url: str, postgres_dsn: str, pg_schema: str, tmp_path: Path
) -> Iterator[dict[str, str]]:
    env = {
        **os.environ,
        "MANTLET_HOME": str(tmp_path / "home"),
        "MANTLET_KEYS_DB": postgres_dsn,
        "MANTLET_AUDIT_DB": postgres_dsn,
        "MANTLET_PG_SCHEMA": pg_schema,
        "MANTLET_REDIS_URL": redis_url,
        "MANTLET_REDIS_PREFIX": f"{pg_schema}:",
    }
    yield env
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"{pg_schema}:*"))
    if keys:
        client.delete(*keys)
    client.close()


def start_replica(
    env: dict[str, str], upstream: str, policy: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-c", "from mantlet.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--upstream", upstream, "--port", str(port), "--policy", str(policy)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, f"http://127.0.0.1:{port}"


def wait_ready(process: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gateway did not become ready")


async def test_two_gateways_share_limits_and_one_audit_chain(
    shared_env: dict[str, str], pg_schema: str, postgres_dsn: str, tmp_path: Path
) -> None:
    upstream = FakeUpstream().start()
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY)
    store = open_key_store(postgres_dsn, schema=pg_schema)
    key, _ = create_key(store, "analyst", "prod")
    store.close()
    replicas = []
    try:
        replicas = [start_replica(shared_env, upstream.base_url, policy) for _ in range(2)]
        for process, base in replicas:
            wait_ready(process, base)
        headers = {"authorization": f"Bearer {key}"}
        body = {"model": "fake-chat", "messages": [{"role": "user", "content": "hi"}]}

        async def hammer(base: str) -> list[int]:
            async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
                calls = [client.post("/v1/chat/completions", json=body) for _ in range(LIMIT)]
                return [r.status_code for r in await asyncio.gather(*calls)]

        statuses = [
            s for group in await asyncio.gather(*(hammer(b) for _, b in replicas)) for s in group
        ]
    finally:
        for process, _ in replicas:
            process.terminate()  # graceful: the audit log flushes on shutdown
        for process, _ in replicas:
            process.wait(timeout=30)
        upstream.stop()
    # One budget for the key, whichever replica each request reached.
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == LIMIT
    audit = await open_audit_store(postgres_dsn, schema=pg_schema, create=False)
    result = await verify_store(audit)
    events = [row.event() async for row in iter_events(audit)]
    await audit.aclose()
    assert result.ok, result.describe()
    assert sorted(e["status"] for e in events) == sorted(statuses)
