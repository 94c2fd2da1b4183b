"""The upstream client: retries with backoff where safe, clear errors where not."""

from __future__ import annotations

import httpx
import pytest

from mantlet.gateway.config import UpstreamConfig
from mantlet.gateway.errors import GatewayError
from mantlet.gateway.upstream import Upstream


def upstream_with(handler: object, retries: int = 2) -> tuple[Upstream, list[float]]:
    pauses: list[float] = []
    config = UpstreamConfig(base_url="http://up.test/v1", api_key_env=None, retries=retries)
    client = Upstream(
        config,
        transport=httpx.MockTransport(handler),
        sleep=pauses.append,  # type: ignore[arg-type]
    )
    return client, pauses


async def test_retries_5xx_and_429_then_succeeds() -> None:
    statuses = iter([503, 429, 200])
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        status = next(statuses)
        return httpx.Response(
            status, headers={"retry-after": "0.5"} if status == 429 else {}, json={}
        )

    client, pauses = upstream_with(handler)
    response = await client.send("POST", "chat/completions", b"{}")
    assert response.status_code == 200
    assert seen == ["http://up.test/v1/chat/completions"] * 3
    assert len(pauses) == 2 and pauses[1] == 0.5  # Retry-After honoured
    await client.aclose()


async def test_gives_up_after_the_configured_retries() -> None:
    client, pauses = upstream_with(lambda request: httpx.Response(500, json={}), retries=1)
    response = await client.send("POST", "chat/completions", b"{}")
    assert response.status_code == 500 and len(pauses) == 1
    await client.aclose()


async def test_long_retry_after_is_passed_to_the_caller() -> None:
    client, pauses = upstream_with(
        lambda request: httpx.Response(429, headers={"retry-after": "60"}, json={})
    )
    response = await client.send("POST", "chat/completions", b"{}")
    assert response.status_code == 429 and pauses == []
    await client.aclose()


async def test_connection_errors_are_retried_then_502() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client, pauses = upstream_with(handler)
    with pytest.raises(GatewayError) as caught:
        await client.send("POST", "chat/completions", b"{}")
    assert caught.value.status == 502 and len(pauses) == 2
    await client.aclose()


async def test_timeouts_are_not_retried() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client, pauses = upstream_with(handler)
    with pytest.raises(GatewayError) as caught:
        await client.send("POST", "chat/completions", b"{}")
    assert caught.value.status == 504 and pauses == []
    await client.aclose()
