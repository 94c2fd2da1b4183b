from __future__ import annotations

import pytest
from pydantic import ValidationError

from mantlet.gateway.auth import Principal
from mantlet.gateway.ratelimit import Limits, MemoryRateLimiter

ALICE = Principal(subject="key:a", role="analyst", env="prod", key_id="a")
BOB = Principal(subject="key:b", role="analyst", env="prod", key_id="b")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limits_refuse_unknown_fields_and_non_positive_values() -> None:
    with pytest.raises(ValidationError):
        Limits(requests_per_minute=10, burst=3)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Limits(concurrent=0)


async def test_requests_per_minute_allows_a_burst_then_refills() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(clock=clock)
    limits = Limits(requests_per_minute=6)
    results = [(await limiter.check(ALICE, limits, 0)).allowed for _ in range(8)]
    assert results == [True] * 6 + [False] * 2
    denied = await limiter.check(ALICE, limits, 0)
    assert denied.limit == "key.requests_per_minute"
    assert denied.retry_after == pytest.approx(10.0)
    clock.now += 10.0  # one emission interval (60 s / 6)
    assert (await limiter.check(ALICE, limits, 0)).allowed
    assert not (await limiter.check(ALICE, limits, 0)).allowed


async def test_keys_have_separate_buckets_but_share_their_role_bucket() -> None:
    limiter = MemoryRateLimiter(clock=Clock())
    per_key = Limits(requests_per_minute=2)
    per_role = Limits(requests_per_minute=3)
    outcomes = []
    for who in (ALICE, ALICE, ALICE, BOB, BOB):
        decision = await limiter.check(who, per_key, 0, role_limits=per_role)
        outcomes.append(decision.limit if not decision.allowed else "ok")
    assert outcomes == ["ok", "ok", "key.requests_per_minute", "ok", "role.requests_per_minute"]


async def test_a_denial_charges_nothing() -> None:
    limiter = MemoryRateLimiter(clock=Clock())
    limits = Limits(requests_per_minute=5, tokens_per_minute=100)
    assert (await limiter.check(ALICE, limits, 90)).allowed
    refused = await limiter.check(ALICE, limits, 50)
    assert (refused.allowed, refused.limit) == (False, "key.tokens_per_minute")
    # The refused request did not use up a request slot: four more small ones fit.
    assert [(await limiter.check(ALICE, limits, 2)).allowed for _ in range(5)] == [True] * 4 + [
        False
    ]


async def test_actual_tokens_are_charged_after_the_response() -> None:
    clock = Clock()
    limiter = MemoryRateLimiter(clock=clock)
    limits = Limits(tokens_per_minute=600)
    assert (await limiter.check(ALICE, limits, 100)).allowed
    await limiter.add_tokens(ALICE, limits, 500)  # the reply was long
    decision = await limiter.check(ALICE, limits, 10)
    assert not decision.allowed and decision.retry_after == pytest.approx(1.0)
    clock.now += 1.0
    assert (await limiter.check(ALICE, limits, 10)).allowed


async def test_a_request_bigger_than_the_whole_budget_is_refused() -> None:
    limiter = MemoryRateLimiter(clock=Clock())
    decision = await limiter.check(ALICE, Limits(tokens_per_minute=100), 101)
    assert not decision.allowed and decision.retry_after == 60.0


async def test_concurrent_slots_per_key_and_role() -> None:
    limiter = MemoryRateLimiter()
    per_key, per_role = Limits(concurrent=2), Limits(concurrent=3)
    assert (await limiter.acquire_slot(ALICE, per_key, role_limits=per_role)).allowed
    assert (await limiter.acquire_slot(ALICE, per_key, role_limits=per_role)).allowed
    assert (
        await limiter.acquire_slot(ALICE, per_key, role_limits=per_role)
    ).limit == "key.concurrent"
    assert (await limiter.acquire_slot(BOB, per_key, role_limits=per_role)).allowed
    assert (
        await limiter.acquire_slot(BOB, per_key, role_limits=per_role)
    ).limit == "role.concurrent"
    await limiter.release_slot(ALICE)
    assert (await limiter.acquire_slot(BOB, per_key, role_limits=per_role)).allowed
    await limiter.release_slot(BOB)
    await limiter.release_slot(BOB)
    await limiter.release_slot(BOB)  # one more release than acquires is harmless
    await limiter.release_slot(ALICE)
    for _ in range(2):
        assert (await limiter.acquire_slot(ALICE, per_key, role_limits=per_role)).allowed


async def test_no_limits_means_no_limit() -> None:
    limiter = MemoryRateLimiter()
    for _ in range(1000):
        assert (await limiter.check(ALICE, Limits(), 10**6)).allowed
        assert (await limiter.acquire_slot(ALICE, Limits())).allowed
