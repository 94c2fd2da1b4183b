"""The request path of the OpenAI endpoints: read → authenticate → authorize → rate limit
→ input guard → upstream → output guard → audit → answer."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import orjson
from starlette.responses import Response
from starlette.types import Receive, Scope

from mantlet.detectors.canary import new_canary
from mantlet.errors import MantletError
from mantlet.gateway.auth import Principal
from mantlet.gateway.config import GatewayConfig
from mantlet.gateway.errors import GatewayError, from_mantlet_error
from mantlet.gateway.guard import Guard, GuardContext, plant_canary
from mantlet.gateway.logs import log_event
from mantlet.gateway.metrics import GatewayMetrics
from mantlet.gateway.openai_schema import Endpoint, parse_request, reply_slots
from mantlet.gateway.ratelimit import Limits, RateLimiter
from mantlet.gateway.request import (
    AuditSink,
    CallerAuthenticator,
    ClientGone,
    PolicyBlocked,
    RequestState,
    audit_event,
    call_or_cancel,
    estimate_tokens,
    policy_error,
    read_body,
    sha256_of,
    to_limits,
)
from mantlet.gateway.streaming import (
    DONE,
    SettledStream,
    StreamBlocked,
    StreamScanner,
    error_event,
    sse,
    sse_events,
)
from mantlet.gateway.upstream import Upstream, error_for_status
from mantlet.policy import CompiledPolicy, Decision


class Proxy:
    """The OpenAI endpoints, with everything they need compiled or opened once."""

    def __init__(
        self,
        *,
        config: GatewayConfig,
        policy: CompiledPolicy,
        guard: Guard,
        authenticator: CallerAuthenticator,
        upstreams: dict[str, Upstream],
        metrics: GatewayMetrics,
        limiter: RateLimiter | None = None,
        audit: AuditSink | None = None,
    ) -> None:
        self.config = config
        self.policy = policy
        self.guard = guard
        self.authenticator = authenticator
        self.upstreams = upstreams
        self.metrics = metrics
        self.limiter = limiter
        self.audit = audit
        self.record_raw = policy.policy.audit.record_raw_content

    async def authenticate(self, scope: Scope) -> Principal:
        header = None
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                header = value.decode("latin-1")
                break
        try:
            return await self.authenticator.authenticate(header)
        except GatewayError:
            raise
        except MantletError as exc:
            raise from_mantlet_error(exc) from None

    async def handle(self, endpoint: Endpoint, scope: Scope, receive: Receive) -> Response | None:
        """The answer to send, or None if the caller is gone. Never raises."""
        state = RequestState(endpoint)
        try:
            return await self._pipeline(endpoint, state, scope, receive)
        except ClientGone:
            state.status, state.outcome, state.error_code = 499, "cancelled", "client_disconnected"
            await self.finish(state)
            return None
        except PolicyBlocked as blocked:
            state.status, state.outcome, state.error_code = 400, "blocked", "policy_violation"
            return self._error_response(blocked.error(await self.finish(state)), state)
        except GatewayError as error:
            state.status, state.outcome, state.error_code = error.status, "error", error.code
            await self.finish(state)
            return self._error_response(error, state)
        except Exception as exc:  # the gateway's own bug: answer 500, log the type only
            log_event(
                "internal error",
                logging.ERROR,
                request_id=state.request_id,
                error=type(exc).__name__,
            )
            internal = GatewayError(500, "internal_error", "internal error")
            state.status, state.outcome, state.error_code = 500, "error", internal.code
            await self.finish(state)
            return self._error_response(internal, state)

    def _error_response(self, error: GatewayError, state: RequestState) -> Response:
        response = error.response()
        response.headers["x-request-id"] = state.request_id
        if state.audit_id:
            response.headers["x-mantlet-audit-id"] = state.audit_id
        return response

    async def _pipeline(
        self, endpoint: Endpoint, state: RequestState, scope: Scope, receive: Receive
    ) -> Response:
        t = state.started
        raw = await read_body(receive, scope, self.config.max_body_bytes, self.config.body_timeout)
        state.request_hash = sha256_of(raw)
        if self.record_raw:
            state.raw = {"request": raw.decode("utf-8", "replace")}
        t = state.mark("read", t)
        principal = state.principal = await self.authenticate(scope)
        t = state.mark("auth", t)
        parsed = parse_request(endpoint, raw)
        state.model, state.stream = parsed.model, parsed.stream
        context = self._authorize(principal, parsed.model)
        state.context = context
        upstream_config = self.config.upstream_for(parsed.model)
        if upstream_config is None:
            raise GatewayError(
                404, "model_not_found", f"no upstream serves model {parsed.model!r}", param="model"
            )
        upstream = self.upstreams[upstream_config.name]
        state.upstream = upstream.name
        await self._rate_limit(state, principal, estimate_tokens(parsed))
        t = state.mark("ratelimit", t)
        if len(parsed.slots) > self.config.max_texts:
            raise GatewayError(
                400,
                "too_many_texts",
                f"the request holds {len(parsed.slots)} texts; the limit is {self.config.max_texts}",
            )
        changed = self.guard.check_input(parsed, context)
        blocking = next((d for d in context.decisions if d.blocked), None)
        if blocking is not None:
            raise PolicyBlocked(blocking)
        if endpoint == "chat" and self.policy.plants_canary(parsed.model):
            context.canary = new_canary()
            plant_canary(parsed.body, context.canary)
            changed = True
        body = orjson.dumps(parsed.body) if changed else raw
        t = state.mark("input_guard", t)
        path = {
            "chat": "chat/completions",
            "completions": "completions",
            "embeddings": "embeddings",
        }[endpoint]
        try:
            response, content = await call_or_cancel(
                self._call_upstream(upstream, path, body, parsed.stream), receive
            )
        except GatewayError as error:
            self.metrics.upstream_errors.labels(upstream.name, error.code).inc()
            raise
        if content is None:
            state.mark("upstream_first_byte", t)
            scanner = StreamScanner(self.guard, context, endpoint, self.config.stream_holdback)

            async def settle() -> None:  # also when the stream never started
                await response.aclose()
                if not state.finished:
                    state.status, state.outcome = 499, "cancelled"
                    state.error_code = "client_disconnected"
                    await self.finish(state)

            return SettledStream(
                self._stream(state, response, scanner),
                settle,
                media_type="text/event-stream",
                headers={
                    "x-request-id": state.request_id,
                    "x-mantlet-policy-version": self.policy.version,
                    "cache-control": "no-cache",
                },
            )
        t = state.mark("upstream", t)
        if response.status_code != 200:
            passed_on = self._upstream_failure(state, upstream.name, response, content)
            await self.finish(state)
            return passed_on
        answer = self._guard_reply(endpoint, state, context, content)
        state.mark("output_guard", t)
        if state.raw is not None:
            state.raw["response"] = answer.decode("utf-8", "replace")
        audit_id = await self.finish(state)
        if self.audit is not None and audit_id is None:
            raise GatewayError(503, "audit_unavailable", "the audit log cannot be written")
        headers = {
            "x-request-id": state.request_id,
            "x-mantlet-policy-version": self.policy.version,
        }
        if audit_id:
            headers["x-mantlet-audit-id"] = audit_id
        return Response(answer, headers=headers, media_type="application/json")

    @staticmethod
    async def _call_upstream(
        upstream: Upstream, path: str, body: bytes, stream: bool
    ) -> tuple[httpx.Response, bytes | None]:
        """The upstream's answer: left open for a 200 stream (content None), else read."""
        response = await upstream.send("POST", path, body)
        if stream and response.status_code == 200:
            return response, None
        try:
            return response, await response.aread()
        except httpx.TimeoutException:
            raise GatewayError(
                504, "upstream_timeout", "the upstream did not answer in time"
            ) from None
        except httpx.TransportError:
            raise GatewayError(
                502, "upstream_unavailable", "the upstream connection failed"
            ) from None
        finally:
            await response.aclose()

    def _authorize(self, principal: Principal, model: str) -> GuardContext:
        input_table = self.policy.table("input", principal.role, principal.env)
        output_table = self.policy.table("output", principal.role, principal.env)
        if input_table is None or output_table is None:
            raise GatewayError(403, "role_not_allowed", f"role {principal.role!r} has no access")
        if not self.policy.may_use_model(principal.role, model):
            raise GatewayError(
                403,
                "model_not_allowed",
                f"model {model!r} is not allowed for this role",
                param="model",
            )
        return GuardContext(input_table, output_table, conversation=principal.subject)

    async def _rate_limit(self, state: RequestState, principal: Principal, tokens: int) -> None:
        role = self.policy.role(principal.role)
        if self.limiter is None or role is None:
            return
        limits, role_limits = to_limits(role.limits), to_limits(role.role_limits)
        if limits == Limits() and role_limits == Limits():
            return
        state.limits = (limits, role_limits)
        try:
            decision = await self.limiter.check(principal, limits, tokens, role_limits=role_limits)
            if decision.allowed and (limits.concurrent or role_limits.concurrent):
                decision = await self.limiter.acquire_slot(
                    principal, limits, role_limits=role_limits
                )
                state.slot_held = decision.allowed
        except MantletError:  # fail closed: no limiter, no request
            raise GatewayError(
                503, "rate_limiter_unavailable", "rate limits cannot be checked; retry later"
            ) from None
        if not decision.allowed:
            retry = max(1, int(decision.retry_after + 0.999))
            raise GatewayError(
                429,
                "rate_limit_exceeded",
                f"rate limit reached ({decision.limit}); retry in {retry} s",
                headers={"retry-after": str(retry)},
            )

    def _upstream_failure(
        self, state: RequestState, name: str, response: httpx.Response, content: bytes
    ) -> Response:
        status = response.status_code
        self.metrics.upstream_errors.labels(name, str(status)).inc()
        if 400 <= status < 500 and status not in (408, 429):
            # The caller's mistake as the upstream sees it (unknown model ...): pass it on.
            state.status, state.outcome, state.error_code = status, "error", "upstream_rejected"
            return Response(
                content,
                status_code=status,
                media_type="application/json",
                headers={"x-request-id": state.request_id},
            )
        raise error_for_status(name, response)

    def _guard_reply(
        self, endpoint: Endpoint, state: RequestState, context: GuardContext, content: bytes
    ) -> bytes:
        if endpoint == "embeddings":
            state.response_hash = sha256_of(content)
            return content
        try:
            reply = orjson.loads(content)
        except orjson.JSONDecodeError:
            raise GatewayError(
                502, "upstream_invalid_response", "the upstream answer is not valid JSON"
            ) from None
        if not isinstance(reply, dict):
            raise GatewayError(
                502, "upstream_invalid_response", "the upstream answer is not a JSON object"
            )
        usage = reply.get("usage")
        state.usage = usage if isinstance(usage, dict) else None
        slots = reply_slots(endpoint, reply)
        before = [s.text for s in slots]
        blocked = self.guard.check_output(slots, context)
        if blocked is not None:
            raise PolicyBlocked(blocked)
        answer = content if [s.text for s in slots] == before else orjson.dumps(reply)
        state.response_hash = sha256_of(answer)
        return answer

    async def _stream(
        self, state: RequestState, response: httpx.Response, scanner: StreamScanner
    ) -> AsyncIterator[bytes]:
        hasher = hashlib.sha256()
        sent: list[bytes] = []
        last: dict[str, Any] | None = None
        done = False
        try:
            try:
                async for chunk in sse_events(response.aiter_lines()):
                    if chunk is None:
                        done = True
                        break
                    last = chunk
                    if isinstance(chunk.get("usage"), dict):
                        state.usage = chunk["usage"]
                    out = scanner.feed(chunk)
                    if isinstance(out, StreamBlocked):
                        yield await self._stream_block(state, out.decision)
                        return
                    if out is not None:
                        data = sse(out)
                        hasher.update(data)
                        if state.raw is not None:
                            sent.append(data)
                        yield data
                flushed = scanner.finish(last)
                if isinstance(flushed, StreamBlocked):
                    yield await self._stream_block(state, flushed.decision)
                    return
                for extra in flushed:
                    data = sse(extra)
                    hasher.update(data)
                    yield data
                if not done:
                    raise GatewayError(
                        502, "upstream_stream_truncated", "the upstream stream ended early"
                    )
                yield DONE
            except httpx.TimeoutException:
                raise GatewayError(504, "upstream_timeout", "the upstream stream stalled") from None
            except httpx.TransportError:
                raise GatewayError(
                    502, "upstream_unavailable", "the upstream stream broke off"
                ) from None
        except GatewayError as error:
            state.status, state.outcome, state.error_code = error.status, "error", error.code
            self.metrics.upstream_errors.labels(state.upstream or "", error.code).inc()
            yield error_event(error)
        except Exception as exc:  # the gateway's own bug: end the stream, log the type only
            log_event(
                "internal error in stream",
                logging.ERROR,
                request_id=state.request_id,
                error=type(exc).__name__,
            )
            internal = GatewayError(500, "internal_error", "internal error")
            state.status, state.outcome, state.error_code = 500, "error", internal.code
            yield error_event(internal)
        finally:
            state.response_hash = "sha256:" + hasher.hexdigest()
            if state.raw is not None:
                state.raw["response"] = b"".join(sent).decode("utf-8", "replace")
            with anyio.CancelScope(shield=True):
                await response.aclose()
                if not state.finished:
                    if state.outcome == "allowed" and not done:
                        state.status, state.outcome, state.error_code = (
                            499,
                            "cancelled",
                            "client_disconnected",
                        )
                    await self.finish(state)

    async def _stream_block(self, state: RequestState, decision: Decision) -> bytes:
        state.status, state.outcome, state.error_code = 400, "blocked", "policy_violation"
        with anyio.CancelScope(shield=True):
            audit_id = await self.finish(state)
        return error_event(policy_error(decision, audit_id))

    async def finish(self, state: RequestState) -> str | None:
        """Once per request: release limits, record metrics, the audit event and a log line."""
        if state.finished:
            return state.audit_id
        state.finished = True
        principal = state.principal
        if self.limiter is not None and principal is not None and state.limits is not None:
            if state.slot_held:
                await self.limiter.release_slot(principal)
            completion = int((state.usage or {}).get("completion_tokens") or 0)
            if completion:
                limits, role_limits = state.limits
                await self.limiter.add_tokens(
                    principal, limits, completion, role_limits=role_limits
                )
        decisions = state.context.decisions if state.context is not None else []
        for decision in decisions:
            for verdict in decision.verdicts:
                self.metrics.decisions.labels(
                    decision.direction, verdict.finding.category.value, verdict.action
                ).inc()
                if verdict.finding.label == "DETECTOR_ERROR":
                    self.metrics.detector_failures.labels(verdict.finding.detector).inc()
                    log_event(
                        "detector failed",
                        logging.ERROR,
                        request_id=state.request_id,
                        detector=verdict.finding.detector,
                        action=verdict.action,
                    )
        total = time.perf_counter() - state.started
        state.stages["total"] = total
        for stage, seconds in state.stages.items():
            self.metrics.stage(stage, seconds)
        self.metrics.requests.labels(state.endpoint, str(state.status)).inc()
        if self.audit is not None:
            t = time.perf_counter()
            try:
                state.audit_id = await self.audit.append(audit_event(state, self.policy.version))
            except Exception as exc:
                self.metrics.audit_failures.inc()
                log_event(
                    "audit write failed",
                    logging.ERROR,
                    request_id=state.request_id,
                    error=type(exc).__name__,
                )
            self.metrics.stage("audit", time.perf_counter() - t)
        log_event(
            "request",
            request_id=state.request_id,
            endpoint=state.endpoint,
            status=state.status,
            outcome=state.outcome,
            code=state.error_code,
            subject=principal.subject if principal else None,
            role=principal.role if principal else None,
            model=state.model,
            stream=state.stream,
            actions=sorted({v.action for d in decisions for v in d.verdicts}),
            categories=sorted({v.finding.category.value for d in decisions for v in d.verdicts}),
            ms=round(total * 1000, 2),
            audit_id=state.audit_id,
        )
        return state.audit_id
