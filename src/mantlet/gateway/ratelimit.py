"""Rate limits and quotas: requests/minute, tokens/minute and concurrent requests.

Rates use GCRA (the generic cell rate algorithm): one number per bucket, the
theoretical arrival time (TAT). A bucket of limit L per minute admits a burst of L and
then one unit every 60/L seconds; a cost of n units moves TAT by n·60/L. Buckets exist
per key (`limits`) and, optionally, shared by every key of a role (`role_limits`). All
buckets a request touches are checked and charged together: a denial charges nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from mantlet.errors import MantletError
from mantlet.gateway.auth import Principal

WINDOW_SECONDS = 60.0


class Limits(BaseModel):
    """Limits for one bucket; a missing field means no limit of that kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    requests_per_minute: int | None = Field(default=None, ge=1)
    tokens_per_minute: int | None = Field(default=None, ge=1)
    concurrent: int | None = Field(default=None, ge=1)


@dataclass(frozen=True, slots=True)
class LimitDecision:
    """Whether a request may go on; if not, which limit stopped it and when to retry."""

    allowed: bool
    retry_after: float
    limit: str


ALLOWED = LimitDecision(allowed=True, retry_after=0.0, limit="")


class RateLimitUnavailable(MantletError):
    """The shared limiter (Redis) cannot be reached: the gateway should refuse (503), not guess."""


class RateLimiter(Protocol):
    """`check` and `acquire_slot` decide before the upstream call (and may raise
    RateLimitUnavailable: refuse with 503); `add_tokens` and `release_slot` run after the
    response and never raise."""

    async def check(
        self,
        principal: Principal,
        limits: Limits,
        tokens: int,
        *,
        role_limits: Limits | None = None,
    ) -> LimitDecision: ...

    async def add_tokens(
        self,
        principal: Principal,
        limits: Limits,
        tokens: int,
        *,
        role_limits: Limits | None = None,
    ) -> None: ...

    async def acquire_slot(
        self, principal: Principal, limits: Limits, *, role_limits: Limits | None = None
    ) -> LimitDecision: ...

    async def release_slot(self, principal: Principal) -> None: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RateBucket:
    """One GCRA bucket a request is charged to: its name, limit per minute and cost."""

    key: str
    kind: str
    per_minute: int
    cost: int


def principal_bucket(principal: Principal) -> str:
    return f"key:{principal.key_id}" if principal.key_id else f"sub:{principal.subject}"


def role_bucket(principal: Principal) -> str:
    return f"role:{principal.role}:{principal.env}"


def _scopes(
    principal: Principal, limits: Limits, role_limits: Limits | None
) -> Iterator[tuple[str, str, Limits]]:
    yield "key", principal_bucket(principal), limits
    if role_limits is not None:
        yield "role", role_bucket(principal), role_limits


def rate_buckets(
    principal: Principal,
    limits: Limits,
    role_limits: Limits | None,
    *,
    requests: int,
    tokens: int,
) -> list[RateBucket]:
    """The rate buckets a request with this cost touches (zero-cost ones left out)."""
    found: list[RateBucket] = []
    for scope, name, scoped in _scopes(principal, limits, role_limits):
        if scoped.requests_per_minute is not None and requests > 0:
            found.append(
                RateBucket(
                    f"rpm:{name}",
                    f"{scope}.requests_per_minute",
                    scoped.requests_per_minute,
                    requests,
                )
            )
        if scoped.tokens_per_minute is not None and tokens > 0:
            found.append(
                RateBucket(
                    f"tpm:{name}", f"{scope}.tokens_per_minute", scoped.tokens_per_minute, tokens
                )
            )
    return found


def slot_buckets(
    principal: Principal, limits: Limits, role_limits: Limits | None
) -> list[tuple[str, str, int]]:
    """(bucket, limit name, maximum) for each concurrency limit that applies."""
    return [
        (f"conc:{name}", f"{scope}.concurrent", scoped.concurrent)
        for scope, name, scoped in _scopes(principal, limits, role_limits)
        if scoped.concurrent is not None
    ]


def gcra_step(tat: float, now: float, per_minute: int, cost: int) -> tuple[float, float]:
    """(new TAT, seconds to wait); a wait above zero means the cost does not fit now."""
    interval = WINDOW_SECONDS / per_minute
    new_tat = max(tat, now) + cost * interval
    if cost > per_minute:
        return new_tat, WINDOW_SECONDS  # can never fit in one window: deny, retry later
    return new_tat, max(0.0, new_tat - now - WINDOW_SECONDS)


class MemoryRateLimiter:
    """In-process limiter: O(1) per bucket, exact for one gateway process."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._tat: dict[str, float] = {}
        self._slots: dict[str, int] = {}
        self._held: dict[str, list[list[str]]] = {}

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
        now = self._clock()
        updates: list[tuple[str, float]] = []
        for bucket in buckets:
            new_tat, wait = gcra_step(
                self._tat.get(bucket.key, now), now, bucket.per_minute, bucket.cost
            )
            if wait > 0:
                return LimitDecision(allowed=False, retry_after=wait, limit=bucket.kind)
            updates.append((bucket.key, new_tat))
        self._tat.update(updates)
        self._prune(now)
        return ALLOWED

    async def add_tokens(
        self,
        principal: Principal,
        limits: Limits,
        tokens: int,
        *,
        role_limits: Limits | None = None,
    ) -> None:
        now = self._clock()
        for bucket in rate_buckets(principal, limits, role_limits, requests=0, tokens=tokens):
            tat = self._tat.get(bucket.key, now)
            self._tat[bucket.key] = max(tat, now) + bucket.cost * WINDOW_SECONDS / bucket.per_minute

    async def acquire_slot(
        self, principal: Principal, limits: Limits, *, role_limits: Limits | None = None
    ) -> LimitDecision:
        wanted = slot_buckets(principal, limits, role_limits)
        for key, kind, maximum in wanted:
            if self._slots.get(key, 0) >= maximum:
                return LimitDecision(allowed=False, retry_after=1.0, limit=kind)
        for key, _, _ in wanted:
            self._slots[key] = self._slots.get(key, 0) + 1
        self._held.setdefault(principal_bucket(principal), []).append([k for k, _, _ in wanted])
        return ALLOWED

    async def release_slot(self, principal: Principal) -> None:
        stack = self._held.get(principal_bucket(principal))
        if not stack:
            return
        for key in stack.pop():
            remaining = self._slots.get(key, 0) - 1
            if remaining > 0:
                self._slots[key] = remaining
            else:
                self._slots.pop(key, None)
        if not stack:
            del self._held[principal_bucket(principal)]

    async def aclose(self) -> None:
        return None

    def _prune(self, now: float) -> None:
        """Forget buckets whose TAT has passed (they behave exactly like absent ones)."""
        if len(self._tat) > 100_000:
            self._tat = {key: tat for key, tat in self._tat.items() if tat > now}
