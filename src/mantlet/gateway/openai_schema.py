"""Just enough of the OpenAI request schema: check the fields the gateway relies on and
locate every text the guard must scan, keeping the raw dict (and its unknown fields) as is.

Validating whole bodies with pydantic on every request would cost more than the rest of
the request path, and would drop or reorder fields the upstream may understand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import orjson

from mantlet.gateway.errors import GatewayError, bad_request

Endpoint = Literal["chat", "completions", "embeddings"]
# Message roles whose text the caller did not write: tool and function results.
INDIRECT_ROLES = frozenset({"tool", "function"})


@dataclass(slots=True)
class TextSlot:
    """Where one text sits in the body, so the guard can replace it in place."""

    container: Any  # a dict or a list
    key: Any  # its key or index
    role: str  # user, system, assistant, tool ...

    @property
    def text(self) -> str:
        value = self.container[self.key]
        return value if isinstance(value, str) else ""

    @text.setter
    def text(self, value: str) -> None:
        self.container[self.key] = value

    @property
    def source(self) -> Literal["direct", "indirect"]:
        return "indirect" if self.role in INDIRECT_ROLES else "direct"


@dataclass(slots=True)
class ParsedRequest:
    endpoint: Endpoint
    body: dict[str, Any]
    model: str
    stream: bool
    slots: list[TextSlot]


def parse_json(raw: bytes) -> dict[str, Any]:
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise bad_request("the request body is not valid JSON", code="invalid_json") from None
    if not isinstance(body, dict):
        raise bad_request("the request body must be a JSON object")
    return body


def _require_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise bad_request(f"'{name}' is required and must be a non-empty string", param=name)
    return value


def _stream_flag(body: dict[str, Any]) -> bool:
    value = body.get("stream", False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_request("'stream' must be a boolean", param="stream")
    return value


def _content_slots(message: dict[str, Any], index: int, role: str) -> list[TextSlot]:
    content = message.get("content")
    if content is None or isinstance(content, str):
        return [TextSlot(message, "content", role)] if isinstance(content, str) else []
    if not isinstance(content, list):
        raise bad_request(
            f"'messages[{index}].content' must be a string or a list of parts",
            param=f"messages[{index}].content",
        )
    slots = []
    for j, part in enumerate(content):
        if not isinstance(part, dict):
            raise bad_request(
                f"'messages[{index}].content[{j}]' must be an object",
                param=f"messages[{index}].content[{j}]",
            )
        if part.get("type") == "text":
            if not isinstance(part.get("text"), str):
                raise bad_request(
                    f"'messages[{index}].content[{j}].text' must be a string",
                    param=f"messages[{index}].content[{j}].text",
                )
            slots.append(TextSlot(part, "text", role))
    return slots


def _chat_slots(body: dict[str, Any]) -> list[TextSlot]:
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise bad_request("'messages' must be a non-empty list", param="messages")
    slots: list[TextSlot] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise bad_request(f"'messages[{i}]' must be an object", param=f"messages[{i}]")
        role = message.get("role")
        if not isinstance(role, str):
            raise bad_request(f"'messages[{i}].role' must be a string", param=f"messages[{i}].role")
        slots.extend(_content_slots(message, i, role))
    return slots


def _prompt_slots(body: dict[str, Any], name: str) -> list[TextSlot]:
    """`prompt` / `input`: a string, a list of strings, or token ids (which carry no text)."""
    value = body.get(name)
    if isinstance(value, str):
        return [TextSlot(body, name, "user")]
    if isinstance(value, list) and value:
        slots = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                slots.append(TextSlot(value, i, "user"))
            elif not (
                isinstance(item, int)
                or (isinstance(item, list) and all(isinstance(t, int) for t in item))
            ):
                raise bad_request(
                    f"'{name}[{i}]' must be a string or token ids", param=f"{name}[{i}]"
                )
        return slots
    raise bad_request(f"'{name}' must be a string or a non-empty list", param=name)


def parse_request(endpoint: Endpoint, raw: bytes) -> ParsedRequest:
    """Check a request body and find its texts; raise a 400 GatewayError if it is invalid."""
    body = parse_json(raw)
    model = _require_str(body, "model")
    if endpoint == "chat":
        return ParsedRequest(endpoint, body, model, _stream_flag(body), _chat_slots(body))
    if endpoint == "completions":
        return ParsedRequest(
            endpoint, body, model, _stream_flag(body), _prompt_slots(body, "prompt")
        )
    return ParsedRequest(endpoint, body, model, False, _prompt_slots(body, "input"))


def reply_slots(endpoint: Endpoint, body: Any) -> list[TextSlot]:
    """The texts in a non-streamed upstream reply: message contents or completion texts."""
    if endpoint == "embeddings" or not isinstance(body, dict):
        return []
    choices = body.get("choices")
    if not isinstance(choices, list):
        return []
    slots = []
    for choice in choices:
        if not isinstance(choice, dict):
            continue
        if endpoint == "chat":
            message = choice.get("message")
            if not isinstance(message, dict):
                continue
            if isinstance(message.get("content"), str):
                slots.append(TextSlot(message, "content", "assistant"))
            slots.extend(_tool_call_slots(message))
        elif isinstance(choice.get("text"), str):
            slots.append(TextSlot(choice, "text", "assistant"))
    return slots


def _tool_call_slots(message: dict[str, Any]) -> list[TextSlot]:
    """Tool-call arguments a model wrote: data can leave through them too."""
    calls = message.get("tool_calls")
    slots = []
    for call in calls if isinstance(calls, list) else []:
        function = call.get("function") if isinstance(call, dict) else None
        if isinstance(function, dict) and isinstance(function.get("arguments"), str):
            slots.append(TextSlot(function, "arguments", "assistant"))
    return slots


def ensure_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GatewayError(
            502, "upstream_invalid_response", f"the upstream sent {what} that is not a JSON object"
        )
    return value
