"""One request's bookkeeping and the small pieces of its path: reading the body within
limits, watching for a caller that leaves, the policy-violation error, the audit event."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import itertools
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from starlette.types import Receive, Scope

from mantlet.gateway.auth import Principal
from mantlet.gateway.errors import GatewayError
from mantlet.gateway.guard import GuardContext
from mantlet.gateway.openai_schema import ParsedRequest
from mantlet.gateway.ratelimit import Limits
from mantlet.policy import Decision
from mantlet.policy.model import RoleLimits

T = TypeVar("T")
_PROCESS_ID = uuid.uuid4().hex[:16]  # request ids: unique per process, then a counter
_COUNTER = itertools.count()


class AuditSink(Protocol):
    async def append(self, event: dict[str, Any]) -> str: ...


class CallerAuthenticator(Protocol):
    async def authenticate(self, authorization: str | None) -> Principal: ...


class ClientGone(Exception):
    """The caller disconnected before the answer was ready."""


class PolicyBlocked(Exception):
    def __init__(self, decision: Decision) -> None:
        self.decision = decision

    def error(self, audit_id: str | None) -> GatewayError:
        return policy_error(self.decision, audit_id)


def policy_error(decision: Decision, audit_id: str | None) -> GatewayError:
    return GatewayError(
        400,
        "policy_violation",
        f"the {'request' if decision.direction == 'input' else 'response'} was blocked by policy",
        extra={
            "direction": decision.direction,
            "reasons": decision.reasons(),
            "policy_version": decision.policy_version,
            "audit_id": audit_id,
        },
    )


@dataclass
class RequestState:
    """Bookkeeping for one request, turned into its audit event and log line."""

    endpoint: str
    request_id: str = field(default_factory=lambda: f"{_PROCESS_ID}{next(_COUNTER):08x}")
    started: float = field(default_factory=time.perf_counter)
    stages: dict[str, float] = field(default_factory=dict)
    principal: Principal | None = None
    model: str | None = None
    upstream: str | None = None
    stream: bool = False
    status: int = 200
    outcome: str = "allowed"
    error_code: str | None = None
    context: GuardContext | None = None
    usage: dict[str, Any] | None = None
    request_hash: str | None = None
    response_hash: str | None = None
    limits: tuple[Limits, Limits] | None = None
    slot_held: bool = False
    finished: bool = False
    audit_id: str | None = None
    raw: dict[str, str] | None = None  # request/response text, only if policy records it

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + (now - since)
        return now


def sha256_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1024)
def to_limits(limits: RoleLimits) -> Limits:
    return Limits(**limits.model_dump())


def estimate_tokens(parsed: ParsedRequest) -> int:
    return max(1, sum(len(s.text) for s in parsed.slots) // 4)


async def read_body(receive: Receive, scope: Scope, limit: int, timeout: float) -> bytes:
    """The whole body, refusing early (413) what is declared or turns out larger than
    `limit`, and (408) what does not arrive within `timeout` seconds."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                declared = int(value)
            except ValueError:
                raise GatewayError(400, "invalid_request", "invalid Content-Length") from None
            if declared > limit:
                raise _too_large(limit)
    parts: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise ClientGone
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                parts.append(chunk)
                if not message.get("more_body", False):
                    break
    except TimeoutError:
        raise GatewayError(408, "request_timeout", "the request body arrived too slowly") from None
    return b"".join(parts)


def _too_large(limit: int) -> GatewayError:
    return GatewayError(413, "request_too_large", f"the request body is larger than {limit} bytes")


async def call_or_cancel(awaitable: Awaitable[T], receive: Receive) -> T:
    """Await `awaitable`, cancelling it if the caller disconnects meanwhile (one watcher
    task; the work itself runs in the caller's task)."""
    current = asyncio.current_task()
    gone = False

    async def watch() -> None:
        nonlocal gone
        while (await receive())["type"] != "http.disconnect":
            pass
        gone = True
        if current is not None:
            current.cancel()

    watcher = asyncio.get_running_loop().create_task(watch())
    try:
        return await awaitable
    except asyncio.CancelledError:
        if gone:
            if current is not None:
                current.uncancel()
            raise ClientGone from None
        raise
    finally:
        watcher.cancel()


def audit_event(state: RequestState, policy_version: str) -> dict[str, Any]:
    """The request's audit event (field names as in `mantlet.audit.AuditEvent`)."""
    principal = state.principal
    event: dict[str, Any] = {
        "request_id": state.request_id,
        "route": state.endpoint,
        "who": principal.subject if principal else None,
        "role": principal.role if principal else None,
        "env": principal.env if principal else None,
        "key_id": principal.key_id if principal else None,
        "model": state.model,
        "upstream": state.upstream,
        "stream": state.stream,
        "policy_version": policy_version,
        "status": state.status,
        "outcome": state.outcome,
        "error": state.error_code,
        "decisions": state.context.verdicts() if state.context is not None else [],
        "tokens": {k: v for k, v in (state.usage or {}).items() if isinstance(v, int)},
        "latency_ms": {k: round(v * 1000, 3) for k, v in state.stages.items()},
        "request_hash": state.request_hash,
        "response_hash": state.response_hash,
    }
    if state.raw is not None:
        event["raw"] = state.raw
    return event
