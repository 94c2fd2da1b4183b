"""An OpenAI-compatible chat endpoint under test: a raw model, or one behind a gateway."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx

from mantlet.errors import MantletError
from mantlet.redteam.model import Attempt, Message


class TargetError(MantletError):
    """The target failed to answer after retries (network, timeout, 5xx, bad JSON)."""


class Blocked(MantletError):
    """The target refused the request by policy (HTTP 400 with code policy_violation)."""


@dataclass(frozen=True, slots=True)
class TargetConfig:
    base_url: str
    model: str
    api_key: str = "none"
    timeout: float = 30.0
    retries: int = 2
    concurrency: int = 8
    temperature: float = 0.0


def build_messages(
    system_prompt: str, attempt: Attempt, turn: int, replies: list[str]
) -> list[Message]:
    """System prompt, earlier turns with the model's replies, then this turn. Documents for
    indirect attacks travel inside the first user turn, as retrieved content usually does."""
    messages: list[Message] = [{"role": "system", "content": system_prompt}]
    for i in range(turn + 1):
        content = attempt.turns[i]
        if i == 0 and attempt.documents:
            docs = "\n\n".join(f"<document>\n{d}\n</document>" for d in attempt.documents)
            content = f"{content}\n\n{docs}"
        messages.append({"role": "user", "content": content})
        if i < turn:
            messages.append({"role": "assistant", "content": replies[i]})
    return messages


class Target:
    def __init__(self, config: TargetConfig, client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self._client = client or httpx.AsyncClient(
            base_url=config.base_url.rstrip("/"),
            timeout=config.timeout,
            headers={"Authorization": f"Bearer {config.api_key}"},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def chat(self, messages: list[Message]) -> str:
        body = {
            "model": self.config.model,
            "messages": messages,
            "temperature": self.config.temperature,
        }
        last = "no attempt made"
        for attempt in range(self.config.retries + 1):
            if attempt:
                await asyncio.sleep(min(0.2 * 2**attempt, 2.0))
            try:
                response = await self._client.post("/chat/completions", json=body)
            except httpx.TimeoutException:
                last = "timeout"
                continue
            except httpx.HTTPError as exc:
                last = type(exc).__name__
                continue
            if response.status_code == 400 and _is_policy_block(response):
                raise Blocked("blocked by policy")
            if response.status_code == 429 or response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                continue
            if response.status_code != 200:
                raise TargetError(f"HTTP {response.status_code}")
            return _content(response)
        raise TargetError(last)


def _is_policy_block(response: httpx.Response) -> bool:
    try:
        error = response.json().get("error", {})
    except ValueError:
        return False
    return isinstance(error, dict) and error.get("code") == "policy_violation"


def _content(response: httpx.Response) -> str:
    try:
        data: Any = response.json()
        content = data["choices"][0]["message"].get("content") or ""
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise TargetError("malformed response") from None
    if not isinstance(content, str):
        raise TargetError("malformed response")
    return content
