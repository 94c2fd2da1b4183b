"""The upstream client: one pooled httpx client per upstream, timeouts, and retries with
backoff where a retry cannot duplicate work the caller already received."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable

import httpx

from mantlet.gateway.config import UpstreamConfig
from mantlet.gateway.errors import GatewayError
from mantlet.gateway.transport import AiohttpTransport

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 5.0  # seconds; a longer Retry-After is passed to the caller instead


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class UpstreamError(GatewayError):
    """The upstream failed: unreachable (502), too slow (504), or an error status."""


class Upstream:
    """Requests to one OpenAI-compatible upstream.

    Retries happen only before anything reaches the caller: on connection failures and on
    429/5xx answers (the upstream did no work the caller will see), with exponential
    backoff and jitter. A timeout is not retried: the upstream may still be working.
    """

    def __init__(
        self,
        config: UpstreamConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.config = config
        self.name = config.name
        headers = {"content-type": "application/json", "accept": "application/json"}
        key = config.api_key()
        if key:
            headers["authorization"] = f"Bearer {key}"
        self._client = httpx.AsyncClient(
            base_url=config.base_url.rstrip("/") + "/",
            headers=headers,
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
            limits=httpx.Limits(
                max_connections=config.max_connections,
                max_keepalive_connections=config.max_connections,
                keepalive_expiry=30.0,
            ),
            transport=transport or AiohttpTransport(max_connections=config.max_connections),
            follow_redirects=False,
        )
        self._sleep = sleep or asyncio.sleep

    async def aclose(self) -> None:
        await self._client.aclose()

    @staticmethod
    def _backoff(attempt: int, hinted: float | None) -> float:
        if hinted is not None:
            return max(0.0, hinted)
        return min(2.0, 0.1 * 2.0**attempt) * random.uniform(0.5, 1.0)

    async def send(
        self, method: str, path: str, body: bytes | None, *, stream: bool = False
    ) -> httpx.Response:
        """Send one request, retrying where safe. With `stream`, the body is left unread and
        the caller must `aclose()` the response. Raises UpstreamError on transport failure."""
        request = self._client.build_request(method, path.lstrip("/"), content=body)
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            try:
                response = await self._client.send(request, stream=stream)
            except httpx.TimeoutException:
                raise UpstreamError(
                    504, "upstream_timeout", f"upstream {self.name!r} did not answer in time"
                ) from None
            except httpx.TransportError as exc:
                if attempt + 1 < attempts:
                    await self._pause(attempt, None)
                    continue
                raise UpstreamError(
                    502,
                    "upstream_unavailable",
                    f"upstream {self.name!r} is unreachable ({type(exc).__name__})",
                ) from None
            if response.status_code in RETRY_STATUSES and attempt + 1 < attempts:
                hinted = _retry_after(response)
                if hinted is None or hinted <= _MAX_RETRY_AFTER:
                    await response.aclose()
                    await self._pause(attempt, hinted)
                    continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _pause(self, attempt: int, hinted: float | None) -> None:
        result = self._sleep(self._backoff(attempt, hinted))
        if asyncio.iscoroutine(result):
            await result


def error_for_status(upstream: str, response: httpx.Response) -> GatewayError:
    """A caller-facing error for a non-2xx upstream answer (after retries)."""
    status = response.status_code
    if status == 429:
        retry = response.headers.get("retry-after", "1")
        return GatewayError(
            429,
            "upstream_rate_limited",
            f"upstream {upstream!r} is rate limiting; retry later",
            headers={"retry-after": retry},
        )
    if status == 504 or status == 408:
        return GatewayError(504, "upstream_timeout", f"upstream {upstream!r} timed out")
    return GatewayError(502, "upstream_error", f"upstream {upstream!r} answered {status}")
