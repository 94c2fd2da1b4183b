"""The Redis limiter against a real Redis server, including two processes sharing it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from mantlet.gateway.auth import Principal
from mantlet.gateway.ratelimit import Limits, RateLimitUnavailable
from mantlet.gateway.ratelimit_redis import RedisRateLimiter

ALICE = Principal(subject="key:a", role="analyst", env="prod", key_id="a")
BOB = Principal(subject="key:b", role="analyst", env="prod", key_id="b")


@pytest.fixture()
async def limiter(redis_url: str, unique_name: str) -> AsyncIterator[RedisRateLimiter]:
    created = RedisRateLimiter(redis_url, prefix=f"{unique_name}:")
    yield created
    await created.aclose()
    client = aioredis.Redis.from_url(redis_url)
    keys = [key async for key in client.scan_iter(f"{unique_name}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_requests_per_minute_burst_then_refused(limiter: RedisRateLimiter) -> None:
    limits = Limits(requests_per_minute=5)
    results = [(await limiter.check(ALICE, limits, 0)).allowed for _ in range(7)]
    assert results == [True] * 5 + [False] * 2
    refused = await limiter.check(ALICE, limits, 0)
    assert refused.limit == "key.requests_per_minute"
    assert 0 < refused.retry_after <= 12.0


async def test_role_bucket_and_token_budget(limiter: RedisRateLimiter) -> None:
    per_key = Limits(tokens_per_minute=1000)
    per_role = Limits(requests_per_minute=3)
    outcomes = []
    for who in (ALICE, BOB, ALICE, BOB):
        decision = await limiter.check(who, per_key, 10, role_limits=per_role)
        outcomes.append(decision.limit or "ok")
    assert outcomes == ["ok", "ok", "ok", "role.requests_per_minute"]
    await limiter.add_tokens(ALICE, per_key, 2000, role_limits=per_role)
    refused = await limiter.check(ALICE, per_key, 1)
    assert (refused.allowed, refused.limit) == (False, "key.tokens_per_minute")
    # 2021 tokens charged against 1000/min: 1021 over the window, at 0.06 s per token.
    assert refused.retry_after == pytest.approx(1021 * 0.06, abs=0.5)
    assert (await limiter.check(BOB, per_key, 1)).allowed


async def test_concurrency_slots(limiter: RedisRateLimiter) -> None:
    limits = Limits(concurrent=2)
    assert (await limiter.acquire_slot(ALICE, limits)).allowed
    assert (await limiter.acquire_slot(ALICE, limits)).allowed
    refused = await limiter.acquire_slot(ALICE, limits)
    assert (refused.allowed, refused.limit) == (False, "key.concurrent")
    await limiter.release_slot(ALICE)
    assert (await limiter.acquire_slot(ALICE, limits)).allowed


async def test_slots_of_a_crashed_replica_expire(redis_url: str, unique_name: str) -> None:
    crashed = RedisRateLimiter(redis_url, prefix=f"{unique_name}:", slot_ttl=0.3)
    limits = Limits(concurrent=1)
    assert (await crashed.acquire_slot(ALICE, limits)).allowed
    assert crashed._renewer is not None
    crashed._renewer.cancel()  # the replica dies: nobody renews or releases its slot
    survivor = RedisRateLimiter(redis_url, prefix=f"{unique_name}:", slot_ttl=0.3)
    assert not (await survivor.acquire_slot(ALICE, limits)).allowed
    await asyncio.sleep(0.5)
    assert (await survivor.acquire_slot(ALICE, limits)).allowed
    await survivor.aclose()
    await crashed.aclose()


async def test_live_slots_are_renewed(redis_url: str, unique_name: str) -> None:
    holder = RedisRateLimiter(redis_url, prefix=f"{unique_name}:", slot_ttl=0.3)
    other = RedisRateLimiter(redis_url, prefix=f"{unique_name}:", slot_ttl=0.3)
    limits = Limits(concurrent=1)
    assert (await holder.acquire_slot(ALICE, limits)).allowed
    await asyncio.sleep(0.2)
    await holder.renew_slots()
    await asyncio.sleep(0.2)  # past the first lease, inside the renewed one
    assert not (await other.acquire_slot(ALICE, limits)).allowed
    await holder.release_slot(ALICE)
    assert (await other.acquire_slot(ALICE, limits)).allowed
    await holder.aclose()
    await other.aclose()


async def test_unreachable_redis_raises_instead_of_allowing() -> None:
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0")
    with pytest.raises(RateLimitUnavailable):
        await limiter.check(ALICE, Limits(requests_per_minute=1), 0)
    await limiter.aclose()


_HAMMER = textwrap.dedent(
    """
    import asyncio, sys, time
    import redis
    from mantlet.gateway.auth import Principal
    from mantlet.gateway.ratelimit import Limits
    from mantlet.gateway.ratelimit_redis import RedisRateLimiter

    url, prefix, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    who = Principal(subject="key:shared", role="r", env="prod", key_id="shared")

    async def main() -> None:
        limiter = RedisRateLimiter(url, prefix=prefix)
        gate = redis.Redis.from_url(url)
        gate.incr(prefix + "ready")
        while not gate.exists(prefix + "go"):
            time.sleep(0.005)
        async def client() -> int:
            allowed = denied_in_a_row = 0
            # Stop soon after the budget is gone, well before the next GCRA refill (1.5 s).
            while denied_in_a_row < 20:
                if mode == "rate":
                    decision = await limiter.check(who, Limits(requests_per_minute=40), 0)
                else:
                    decision = await limiter.acquire_slot(who, Limits(concurrent=25))
                allowed += decision.allowed
                denied_in_a_row = 0 if decision.allowed else denied_in_a_row + 1
            return allowed

        # Ten clients per process keep many decisions in flight at once: a limiter that
        # read and then wrote in two steps would admit more than the budget here.
        print(sum(await asyncio.gather(*(client() for _ in range(10)))))
        limiter._held.clear()  # keep the slots: the parent counts them
        await limiter.aclose()

    asyncio.run(main())
    """
)


@pytest.mark.parametrize(("mode", "limit"), [("rate", 40), ("slots", 25)])
async def test_two_processes_sharing_redis_never_exceed_the_limit(
    redis_url: str, unique_name: str, mode: str, limit: int
) -> None:
    prefix = f"{unique_name}:"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _HAMMER, redis_url, prefix, mode],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    client = aioredis.Redis.from_url(redis_url)
    try:
        for _ in range(2000):
            if int(await client.get(prefix + "ready") or 0) == 2:
                break
            await asyncio.sleep(0.01)
        await client.set(prefix + "go", 1)
        outputs = [worker.communicate(timeout=60)[0] for worker in workers]
        counts = [int(out.strip()) for out in outputs]
        # However the two processes interleave, together they get exactly the budget.
        assert sum(counts) == limit, counts
        if mode == "slots":
            assert await client.zcard(f"{prefix}conc:key:shared") == limit
    finally:
        for worker in workers:
            worker.kill()
        keys = [key async for key in client.scan_iter(f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


async def test_after_the_response_a_dead_redis_does_not_raise() -> None:
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0")
    limiter._held["key:a"] = [(["x"], "member")]  # as if a slot had been acquired
    await limiter.release_slot(ALICE)
    await limiter.add_tokens(ALICE, Limits(tokens_per_minute=10), 5)
    assert limiter._held == {}
    await limiter.aclose()
