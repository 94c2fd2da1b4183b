"""Streamed replies (SSE), scanned as they pass.

Each choice's text is held back by a window of characters: a chunk's text is released
only once the text after it is long enough that any secret or PII value that started
in it has fully arrived, so a value split across chunks is still caught and rewritten
before any of it is sent. Releases are batched so the engine runs once per batch, not
once per chunk. A block ends the stream with an OpenAI-style error event.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import orjson
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from mantlet.findings import Finding
from mantlet.gateway.errors import GatewayError
from mantlet.gateway.guard import Guard, GuardContext, canary_findings
from mantlet.gateway.openai_schema import Endpoint
from mantlet.policy import Decision

_CONTEXT = 64  # characters of already-sent text rescanned for context words
_OPEN_TOKEN = re.compile(r"<[A-Z0-9_]*$")  # the start of a pseudonym token, not yet closed


@dataclass
class _ChoiceText:
    text: str = ""
    sent: int = 0
    # Tool calls are gathered whole (clients assemble them anyway) and sent, scanned, at
    # the choice's end: their arguments are a way out for data too.
    tools: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass
class StreamBlocked:
    decision: Decision


@dataclass
class StreamScanner:
    """Hold-back buffers for the choices of one stream."""

    guard: Guard
    context: GuardContext
    endpoint: Endpoint
    holdback: int = 128
    step: int = 0
    choices: dict[int, _ChoiceText] = field(default_factory=dict)
    chunks: int = 0

    def __post_init__(self) -> None:
        if self.step <= 0:
            self.step = max(16, self.holdback // 2)

    def _field(self, choice: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        if self.endpoint == "chat":
            delta = choice.get("delta")
            return (delta, "content") if isinstance(delta, dict) else (None, "content")
        return choice, "text"

    def feed(self, chunk: dict[str, Any]) -> dict[str, Any] | StreamBlocked | None:
        """Take one upstream chunk; give the chunk to send (its text replaced by what may
        be released now), None if nothing in it may be sent yet, or a block."""
        self.chunks += 1
        choices = chunk.get("choices")
        if not isinstance(choices, list) or not choices:
            return chunk  # usage chunks and the like carry no text
        keep = False
        for choice in choices:
            if not isinstance(choice, dict):
                continue
            holder, key = self._field(choice)
            index = choice.get("index", 0)
            state = self.choices.setdefault(index if isinstance(index, int) else 0, _ChoiceText())
            piece = holder.get(key) if holder is not None else None
            if isinstance(piece, str):
                state.text += piece
            if holder is not None and isinstance(holder.get("tool_calls"), list):
                _gather_tool_calls(state, holder.pop("tool_calls"))
            final = choice.get("finish_reason") is not None
            released = self._release(state, final)
            if isinstance(released, StreamBlocked):
                return released
            if final and state.tools and holder is not None:
                calls = self._scanned_tool_calls(state)
                if isinstance(calls, StreamBlocked):
                    return calls
                holder["tool_calls"] = calls
            if holder is not None and (isinstance(piece, str) or released):
                holder[key] = released
            if released or final or _carries_more(holder, key, choice):
                keep = True
        return chunk if keep else None

    def finish(self, template: dict[str, Any] | None) -> list[dict[str, Any]] | StreamBlocked:
        """The stream ended: release whatever is still held, as extra chunks."""
        out: list[dict[str, Any]] = []
        for index, state in sorted(self.choices.items()):
            released = self._release(state, True)
            if isinstance(released, StreamBlocked):
                return released
            if released:
                out.append(self._chunk_with(template, index, released))
            if state.tools:
                calls = self._scanned_tool_calls(state)
                if isinstance(calls, StreamBlocked):
                    return calls
                chunk = self._chunk_with(template, index, "")
                chunk["choices"][0]["delta"] = {"tool_calls": calls}
                out.append(chunk)
        return out

    def _scanned_tool_calls(self, state: _ChoiceText) -> list[dict[str, Any]] | StreamBlocked:
        calls = [state.tools[i] for i in sorted(state.tools)]
        state.tools = {}
        for call in calls:
            function = call["function"]
            arguments = function.get("arguments", "")
            if not arguments:
                continue
            new_arguments, decision = self.guard.check_output_text(arguments, self.context)
            if decision.verdicts:
                self.context.decisions.append(decision)
            if decision.blocked:
                return StreamBlocked(decision)
            function["arguments"] = new_arguments
        return calls

    def _chunk_with(self, template: dict[str, Any] | None, index: int, text: str) -> dict[str, Any]:
        base = {k: v for k, v in (template or {}).items() if k not in ("choices", "usage")}
        if self.endpoint == "chat":
            choice: dict[str, Any] = {
                "index": index,
                "delta": {"content": text},
                "finish_reason": None,
            }
        else:
            choice = {"index": index, "text": text, "finish_reason": None}
        return {**base, "choices": [choice]}

    def _release(self, state: _ChoiceText, final: bool) -> str | StreamBlocked:
        text = state.text
        pending = len(text) - state.sent
        if pending <= 0:
            return ""
        # The first release comes as soon as there is anything beyond the window (time to
        # first token); later ones are batched so the engine runs once per `step` characters.
        step = 16 if state.sent == 0 else self.step
        if not final and pending < self.holdback + step:
            return ""
        end = len(text) if final else self._safe_end(text, state.sent)
        if end <= state.sent:
            return ""
        region_start = max(0, state.sent - _CONTEXT)
        region = text[region_start:]
        result = self.guard.scan_output(region, self.context)
        findings = [_shift(f, region_start) for f in result.findings]
        if self.context.canary is not None:
            findings.extend(
                _shift(f, region_start) for f in canary_findings(region, self.context.canary)
            )
        # Decide on what starts in the unsent part; hold back whatever crosses the release point.
        fresh = [f for f in findings if f.end > state.sent and f.start >= state.sent]
        end = _settle(fresh, state.sent, end, len(text) if not final else None)
        if end <= state.sent:
            return ""
        ready = [f for f in fresh if f.end <= end]
        decision = self.context.output_table.decide(
            ready, text=text, prompt=self.context.prompt, failures=result.failures
        )
        if decision.verdicts:
            self.context.decisions.append(decision)
        if decision.blocked:
            return StreamBlocked(decision)
        segment = text[state.sent : end]
        if decision.rewrites:
            local = [
                type(v)(_shift(v.finding, -state.sent), v.action, v.reason)
                for v in decision.rewrites
            ]
            segment = self.guard.rewrite(segment, local, self.context)
        state.sent = end
        return self.guard.restore(segment, self.context)

    def _safe_end(self, text: str, sent: int) -> int:
        """Release up to `holdback` characters before the end, at a word boundary, never
        inside a pseudonym token."""
        end = len(text) - self.holdback
        space = max(text.rfind(" ", sent, end), text.rfind("\n", sent, end))
        if space > sent:
            end = space + 1
        open_token = _OPEN_TOKEN.search(text, max(sent, end - 40), end)
        if open_token is not None:
            end = open_token.start()
        return end


def _gather_tool_calls(state: _ChoiceText, deltas: list[Any]) -> None:
    for delta in deltas:
        if not isinstance(delta, dict):
            continue
        index = delta.get("index", 0)
        call = state.tools.setdefault(
            index if isinstance(index, int) else 0,
            {"index": index, "function": {"arguments": ""}},
        )
        for name in ("id", "type"):
            if delta.get(name) is not None:
                call[name] = delta[name]
        function = delta.get("function")
        if isinstance(function, dict):
            if function.get("name") is not None:
                call["function"]["name"] = function["name"]
            if isinstance(function.get("arguments"), str):
                call["function"]["arguments"] += function["arguments"]


def _settle(findings: list[Finding], sent: int, end: int, open_end: int | None) -> int:
    """Move the release point so no finding is cut: before it, or after it when it is
    complete (it ends before `open_end`, where more text may still arrive)."""
    moved = True
    while moved:
        moved = False
        for f in findings:
            if f.start < end < f.end:
                if f.start > sent:
                    end = f.start
                elif open_end is None or f.end < open_end:
                    end = f.end
                else:
                    return sent
                moved = True
    return end


def _carries_more(holder: dict[str, Any] | None, key: str, choice: dict[str, Any]) -> bool:
    """A chunk worth sending even with no text: a role, tool calls, logprobs ..."""
    if holder is not None and any(k != key and v is not None for k, v in holder.items()):
        return True
    return any(
        k not in ("index", "delta", "text", "finish_reason") and v is not None
        for k, v in choice.items()
    )


def _shift(f: Finding, by: int) -> Finding:
    return Finding(
        f.start + by,
        f.end + by,
        f.detector,
        f.category,
        f.label,
        f.score,
        f.severity,
        f.evidence,
        f.reason,
    )


def sse(payload: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(payload) + b"\n\n"


def error_event(error: GatewayError) -> bytes:
    return sse(error.body())


DONE = b"data: [DONE]\n\n"


async def sse_events(lines: AsyncIterator[str]) -> AsyncIterator[dict[str, Any] | None]:
    """Chunks from an SSE line stream; None for `[DONE]`. Raises GatewayError on a chunk
    that is not JSON."""
    async for line in lines:
        if not line.startswith("data:"):
            continue
        payload = line[5:].strip()
        if payload == "[DONE]":
            yield None
            return
        try:
            chunk = orjson.loads(payload)
        except orjson.JSONDecodeError:
            raise GatewayError(
                502, "upstream_invalid_response", "the upstream sent a chunk that is not JSON"
            ) from None
        if not isinstance(chunk, dict):
            raise GatewayError(
                502, "upstream_invalid_response", "the upstream sent a chunk that is not an object"
            )
        yield chunk


class SettledStream(StreamingResponse):
    """A streamed answer that runs `settle` when it is over, however it ended (even if the
    caller left before the first byte and the body generator never ran)."""

    def __init__(
        self,
        content: AsyncIterator[bytes],
        settle: Callable[[], Awaitable[None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(content, **kwargs)
        self._settle = settle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):
                await self._settle()
