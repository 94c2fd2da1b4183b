"""An httpx transport on aiohttp's connection pool.

httpx keeps the gateway's upstream code and its tests (MockTransport) simple, but its own
pool (httpcore) checks every pooled connection on every request, which costs more than the
rest of the gateway at 50 concurrent requests. aiohttp's connector does not; this class
is the seam between the two (one method, like any httpx transport).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx

_DROPPED_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})


class _Body(httpx.AsyncByteStream):
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (TimeoutError, aiohttp.ServerTimeoutError):
            raise httpx.ReadTimeout("the upstream stalled") from None
        except aiohttp.ClientError as exc:
            raise httpx.ReadError(type(exc).__name__) from None

    async def aclose(self) -> None:
        if self._response.content.at_eof():
            self._response.release()  # the connection goes back to the pool
        else:
            self._response.close()  # cut short (client gone, error): drop the connection


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests through one aiohttp session, opened in the running loop."""

    def __init__(self, *, max_connections: int = 256, keepalive: float = 30.0) -> None:
        self._max_connections = max_connections
        self._keepalive = keepalive
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._max_connections, keepalive_timeout=self._keepalive, ttl_dns_cache=60
        )
        self._session = aiohttp.ClientSession(
            connector=connector, auto_decompress=False, skip_auto_headers=("User-Agent",)
        )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        timeouts: dict[str, Any] = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=timeouts.get("connect"),
            sock_read=timeouts.get("read"),
        )
        headers = [
            (k, v) for k, v in request.headers.multi_items() if k.lower() not in _DROPPED_HEADERS
        ]
        body = request.content if request.method != "GET" else None
        try:
            response = await session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=body,
                allow_redirects=False,
                timeout=timeout,
            )
        except (TimeoutError, aiohttp.ServerTimeoutError):
            raise httpx.ReadTimeout(
                "the upstream did not answer in time", request=request
            ) from None
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(type(exc).__name__, request=request) from None
        except aiohttp.ClientError as exc:
            raise httpx.RemoteProtocolError(type(exc).__name__, request=request) from None
        return httpx.Response(
            response.status,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers],
            stream=_Body(response),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
