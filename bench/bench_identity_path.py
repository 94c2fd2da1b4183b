"""What auth, rate limits and audit add to one gateway request (target: well under 1 ms).

Runs in one process: a bare awaited no-op as the baseline, then each stage of the hot
path, then the audit writer's sustained throughput (SQLite, and PostgreSQL/Redis when
reachable). Usage: `.venv/bin/python bench/bench_identity_path.py [--n 20000]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from mantlet.audit import AuditLog, content_hash, open_audit_store
from mantlet.gateway.auth import Authenticator
from mantlet.gateway.keys import create_key, open_key_store
from mantlet.gateway.ratelimit import Limits, MemoryRateLimiter

EVENT = {
    "who": "key:0123456789ab",
    "role": "analyst",
    "env": "prod",
    "model": "gpt-4o-mini",
    "policy_version": "sha256:" + "ab" * 32,
    "decisions": [{"direction": "input", "category": "PII", "label": "EMAIL", "action": "redact"}],
    "findings": [{"label": "EMAIL", "start": 10, "end": 27, "evidence": "j…m", "score": 0.99}],
    "tokens": {"prompt_tokens": 250, "completion_tokens": 250},
    "latency_ms": {"auth": 0.004, "input_guard": 0.4, "upstream": 3.1, "output_guard": 0.3},
    "request_hash": content_hash("x" * 1024),
    "response_hash": content_hash("y" * 1024),
}


async def per_op(n: int, op: Callable[[], Awaitable[object]]) -> float:
    """Median of five runs of n calls, in microseconds per call."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            await op()
        runs.append((time.perf_counter() - start) / n * 1e6)
    return sorted(runs)[2]


async def main(n: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="mantlet-bench-"))
    store = open_key_store(tmp / "keys.sqlite3")
    key, _ = create_key(store, "analyst", "prod")
    header = f"Bearer {key}"
    auth = Authenticator(store)
    limiter = MemoryRateLimiter()
    limits = Limits(requests_per_minute=10**9, tokens_per_minute=10**12, concurrent=10**6)
    principal = await auth.authenticate(header)

    async def noop() -> None:
        return None

    async def limit_cycle() -> None:
        await limiter.check(principal, limits, 250, role_limits=limits)
        await limiter.acquire_slot(principal, limits, role_limits=limits)
        await limiter.release_slot(principal)
        await limiter.add_tokens(principal, limits, 250, role_limits=limits)

    audit = AuditLog(await open_audit_store(tmp / "audit.sqlite3"))

    async def append() -> None:
        await audit.append(EVENT)

    baseline = await per_op(n, noop)
    results = {
        "authenticate (cached key)": await per_op(n, lambda: auth.authenticate(header)),
        "memory limiter (check+slot+release+tokens)": await per_op(n, limit_cycle),
        "audit append (hot path, SQLite writer behind)": await per_op(n, append),
    }
    start = time.perf_counter()
    await audit.aclose()
    drain = time.perf_counter() - start
    print(f"baseline awaited no-op: {baseline:.2f} us")
    total = 0.0
    for name, micros in results.items():
        total += micros - baseline
        print(f"{name}: {micros:.2f} us  ({micros / baseline:.1f}x baseline)")
    print(f"sum added per request: {total:.1f} us (target < 1000 us)")
    print(f"audit: {5 * n} events appended, final flush took {drain * 1000:.0f} ms")
    await sustained_audit(tmp / "audit2.sqlite3", n, "SQLite")
    dsn = os.environ.get("MANTLET_TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        await sustained_audit(dsn, n, "PostgreSQL", schema=f"bench_{os.getpid()}")
    except Exception as error:
        print(f"PostgreSQL skipped: {type(error).__name__}")
    await redis_limiter(n // 10)


async def sustained_audit(target: str | Path, n: int, name: str, schema: str = "mantlet") -> None:
    """Events per second from append to committed, with 50 concurrent appenders."""
    log = AuditLog(await open_audit_store(target, schema=schema))

    async def client() -> None:
        for _ in range(n // 50):
            await log.append(EVENT)

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(50)))
    await log.flush()
    elapsed = time.perf_counter() - start
    print(f"audit {name}: {n // 50 * 50} events committed at {n / elapsed:,.0f} events/s")
    await log.aclose()
    if name == "PostgreSQL":
        import psycopg

        with psycopg.connect(str(target), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')  # type: ignore[arg-type]


async def redis_limiter(n: int) -> None:
    from mantlet.gateway.auth import Principal
    from mantlet.gateway.ratelimit_redis import RedisRateLimiter

    url = os.environ.get("MANTLET_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    limiter = RedisRateLimiter(url, prefix=f"bench:{os.getpid()}:")
    who = Principal("key:b", "analyst", "prod", "b")
    limits = Limits(requests_per_minute=10**9, tokens_per_minute=10**12)
    try:
        micros = await per_op(n, lambda: limiter.check(who, limits, 250, role_limits=limits))
        print(f"redis limiter check (one Lua round trip): {micros:.1f} us")
    except Exception as error:
        print(f"Redis skipped: {type(error).__name__}")
    finally:
        await limiter.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20000)
    asyncio.run(main(parser.parse_args().n))
