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
        self._headers = httpx.Headers(headers)
        self._base = config.base_url.rstrip("/") + "/"
        self._urls: dict[str, httpx.URL] = {}
        timeout = httpx.Timeout(config.timeout, connect=config.connect_timeout)
        self._extensions = {"timeout": timeout.as_dict()}
        # The transport is called directly: httpx's client layer (auth, redirects, cookies,
        # hooks) has nothing to do here and costs about as much as the rest of a request.
        self._transport = transport or AiohttpTransport(max_connections=config.max_connections)
        self._sleep = sleep or asyncio.sleep

    async def aclose(self) -> None:
        await self._transport.aclose()

    def _url(self, path: str) -> httpx.URL:
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = httpx.URL(self._base + path.lstrip("/"))
        return url

    @staticmethod
    def _backoff(attempt: int, hinted: float | None) -> float:
        if hinted is not None:
            return max(0.0, hinted)
        return min(2.0, 0.1 * 2.0**attempt) * random.uniform(0.5, 1.0)

    async def send(self, method: str, path: str, body: bytes | None) -> httpx.Response:
        """Send one request, retrying where safe. The body is left unread: the caller reads
        or streams it, then `aclose()`s the response. Raises UpstreamError on transport
        failure."""
        request = httpx.Request(
            method,
            self._url(path),
            headers=self._headers,
            content=body,
            extensions=self._extensions,
        )
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            try:
                response = await self._transport.handle_async_request(request)
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
