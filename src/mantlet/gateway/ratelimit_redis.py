"""Rate limits shared by several gateway replicas: the same GCRA buckets, kept in Redis.

Every decision is one Lua script, so it is atomic across replicas, and uses the Redis
server's clock, so replicas need not agree on time. Concurrency slots are sorted-set
members whose score is a lease expiry: a live replica renews its leases, a crashed
one's lapse after `slot_ttl` seconds instead of leaking forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import uuid
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from mantlet.gateway.auth import Principal
from mantlet.gateway.ratelimit import (
    ALLOWED,
    WINDOW_SECONDS,
    LimitDecision,
    Limits,
    RateLimitUnavailable,
    principal_bucket,
    rate_buckets,
    slot_buckets,
)

log = logging.getLogger("mantlet.ratelimit")

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
"""

# KEYS: GCRA buckets; ARGV: window, then cost and per-minute limit for each bucket.
_CHECK = (
    _NOW
    + """
local window = tonumber(ARGV[1])
local new_tats = {}
for i, key in ipairs(KEYS) do
  local cost = tonumber(ARGV[2 * i])
  local per_minute = tonumber(ARGV[2 * i + 1])
  if cost > per_minute then return {i, tostring(window)} end
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local new_tat = tat + cost * window / per_minute
  local wait = new_tat - now - window
  if wait > 0 then return {i, string.format('%.6f', wait)} end
  new_tats[i] = new_tat
end
for i, key in ipairs(KEYS) do
  local ttl = math.ceil((new_tats[i] - now) * 1000) + 1000
  redis.call('SET', key, string.format('%.6f', new_tats[i]), 'PX', ttl)
end
return {0, '0'}
"""
)

# Same buckets, charged unconditionally (tokens already spent by a finished response).
_CHARGE = (
    _NOW
    + """
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local new_tat = tat + tonumber(ARGV[2 * i]) * window / tonumber(ARGV[2 * i + 1])
  redis.call('SET', key, string.format('%.6f', new_tat), 'PX', math.ceil((new_tat - now) * 1000) + 1000)
end
return 0
"""
)

# KEYS: slot sets; ARGV: member, lease seconds, then the maximum for each set.
_ACQUIRE = (
    _NOW
    + """
local lease = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[2 + i]) then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + lease, ARGV[1])
  redis.call('PEXPIRE', key, math.ceil(lease * 1000) + 1000)
end
return 0
"""
)

# KEYS: slot sets; ARGV: lease seconds, then one member per set (renewed only if still held).
_RENEW = (
    _NOW
    + """
local lease = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now + lease, ARGV[1 + i])
  redis.call('PEXPIRE', key, math.ceil(lease * 1000) + 1000)
end
return 0
"""
)


class RedisRateLimiter:
    """GCRA buckets and concurrency leases in Redis, shared by every replica."""

    def __init__(self, url: str, *, prefix: str | None = None, slot_ttl: float = 30.0) -> None:
        """`prefix` namespaces every key (default: $MANTLET_REDIS_PREFIX or `mantlet:rl:`)."""
        self._redis: aioredis.Redis = aioredis.Redis.from_url(url)
        self._prefix = prefix or os.environ.get("MANTLET_REDIS_PREFIX", "") or "mantlet:rl:"
        self._slot_ttl = slot_ttl
        self._check = self._redis.register_script(_CHECK)
        self._charge = self._redis.register_script(_CHARGE)
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._renew = self._redis.register_script(_RENEW)
        self._instance = uuid.uuid4().hex[:12]
        self._counter = itertools.count()
        self._held: dict[str, list[tuple[list[str], str]]] = {}
        self._renewer: asyncio.Task[None] | None = None

    async def check(
        self,
        principal: Principal,
        limits: Limits,
        tokens: int,
        *,
        role_limits: Limits | None = None,
    ) -> LimitDecision:
        buckets = rate_buckets(principal, limits, role_limits, requests=1, tokens=tokens)
        if not buckets:
            return ALLOWED
        keys = [self._prefix + b.key for b in buckets]
        args: list[Any] = [WINDOW_SECONDS]
        for bucket in buckets:
            args += [bucket.cost, bucket.per_minute]
        index, wait = await self._run(self._check(keys=keys, args=args))
        if int(index) == 0:
            return ALLOWED
        return LimitDecision(
            allowed=False, retry_after=float(wait), limit=buckets[int(index) - 1].kind
        )

    async def add_tokens(
        self,
        principal: Principal,
        limits: Limits,
        tokens: int,
        *,
        role_limits: Limits | None = None,
    ) -> None:
        buckets = rate_buckets(principal, limits, role_limits, requests=0, tokens=tokens)
        if not buckets:
            return
        args: list[Any] = [WINDOW_SECONDS]
        for bucket in buckets:
            args += [bucket.cost, bucket.per_minute]
        try:
            await self._run(self._charge(keys=[self._prefix + b.key for b in buckets], args=args))
        except RateLimitUnavailable as error:
            # After the response nothing can be refused any more: log it, don't fail the request.
            log.warning("token charge lost", extra={"error": str(error)})

    async def acquire_slot(
        self, principal: Principal, limits: Limits, *, role_limits: Limits | None = None
    ) -> LimitDecision:
        wanted = slot_buckets(principal, limits, role_limits)
        if not wanted:
            self._held.setdefault(principal_bucket(principal), []).append(([], ""))
            return ALLOWED
        keys = [self._prefix + key for key, _, _ in wanted]
        member = f"{self._instance}:{next(self._counter)}"
        args: list[Any] = [member, self._slot_ttl, *(maximum for _, _, maximum in wanted)]
        refused = int(await self._run(self._acquire(keys=keys, args=args)))
        if refused:
            return LimitDecision(allowed=False, retry_after=1.0, limit=wanted[refused - 1][1])
        self._held.setdefault(principal_bucket(principal), []).append((keys, member))
        self._start_renewer()
        return ALLOWED

    async def release_slot(self, principal: Principal) -> None:
        name = principal_bucket(principal)
        stack = self._held.get(name)
        if not stack:
            return
        keys, member = stack.pop()
        if not stack:
            del self._held[name]
        if not keys:
            return
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.zrem(key, member)
                await self._run(pipe.execute())
        except RateLimitUnavailable as error:
            # The lease is no longer renewed, so the slot frees itself within slot_ttl.
            log.warning("slot release failed", extra={"error": str(error)})

    async def renew_slots(self) -> None:
        """Extend the leases of every slot this replica still holds."""
        held = [(keys, member) for stack in self._held.values() for keys, member in stack if keys]
        for keys, member in held:
            await self._run(self._renew(keys=keys, args=[self._slot_ttl] + [member] * len(keys)))

    async def aclose(self) -> None:
        if self._renewer is not None:
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer
        await self._redis.aclose()

    def _start_renewer(self) -> None:
        if self._renewer is None or self._renewer.done():
            self._renewer = asyncio.create_task(self._renew_forever())

    async def _renew_forever(self) -> None:
        while self._held:
            await asyncio.sleep(self._slot_ttl / 3)
            with contextlib.suppress(RateLimitUnavailable):
                await self.renew_slots()

    @staticmethod
    async def _run(awaitable: Any) -> Any:
        try:
            return await awaitable
        except (RedisError, OSError) as error:
            raise RateLimitUnavailable(
                f"rate limit store unavailable ({type(error).__name__})"
            ) from error
