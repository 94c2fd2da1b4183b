"""The ASGI app: OpenAI endpoints, `/v1/models`, `/healthz`, `/readyz`, `/metrics`, and the
lifespan that opens and closes upstream clients and stores."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx
import orjson
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from mantlet.detectors.base import Detector
from mantlet.engine import Engine
from mantlet.gateway.config import GatewayConfig
from mantlet.gateway.errors import GatewayError
from mantlet.gateway.guard import Guard
from mantlet.gateway.logs import log_event
from mantlet.gateway.metrics import GatewayMetrics
from mantlet.gateway.openai_schema import Endpoint
from mantlet.gateway.proxy import Proxy
from mantlet.gateway.ratelimit import RateLimiter
from mantlet.gateway.request import AuditSink, CallerAuthenticator
from mantlet.gateway.upstream import Upstream
from mantlet.policy import CompiledPolicy, Policy
from mantlet.registry import detector_classes
from mantlet.transforms import Pseudonymizer

ENDPOINTS: dict[str, Endpoint] = {
    "/v1/chat/completions": "chat",
    "/v1/completions": "completions",
    "/v1/embeddings": "embeddings",
}


def compile_policy(policy: Policy, detectors: Sequence[Detector] | None = None) -> CompiledPolicy:
    """The policy, compiled once, knowing which categories each detector reports."""
    if detectors is None:
        categories = {name: cls.reported_categories() for name, cls in detector_classes().items()}
    else:
        categories = {d.name: d.reported_categories() for d in detectors}
    return CompiledPolicy(policy, categories)


class Gateway:
    """The whole gateway as one ASGI callable."""

    def __init__(
        self,
        config: GatewayConfig,
        policy: Policy,
        *,
        authenticator: CallerAuthenticator,
        limiter: RateLimiter | None = None,
        audit: AuditSink | None = None,
        pseudonymizer: Pseudonymizer | None = None,
        transports: dict[str, httpx.AsyncBaseTransport] | None = None,
        on_startup: Sequence[Callable[[], Awaitable[None]]] = (),
        on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
        detectors: Sequence[Detector] | None = None,
    ) -> None:
        self.config = config
        self.policy = compile_policy(policy, detectors)
        self.metrics = GatewayMetrics()
        engines: dict[str, Engine] = {}
        if detectors is not None:  # a chosen set (tests); by default every registered one
            engines = {
                d: Engine(detectors, only=self.policy.categories(d)) for d in ("input", "output")
            }
        self.guard = Guard(
            self.policy,
            pseudonymizer=pseudonymizer,
            input_engine=engines.get("input"),
            output_engine=engines.get("output"),
        )
        self.upstreams = {
            u.name: Upstream(u, transport=(transports or {}).get(u.name)) for u in config.upstreams
        }
        self.proxy = Proxy(
            config=config,
            policy=self.policy,
            guard=self.guard,
            authenticator=authenticator,
            upstreams=self.upstreams,
            metrics=self.metrics,
            limiter=limiter,
            audit=audit,
        )
        self._on_startup = list(on_startup)
        self._on_shutdown = list(on_shutdown)
        self.ready = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        endpoint = ENDPOINTS.get(path)
        response: Response | None
        if endpoint is not None:
            if method != "POST":
                response = _method_not_allowed("POST")
            else:
                response = await self.proxy.handle(endpoint, scope, receive)
                if response is None:
                    return  # the caller is gone
        elif path == "/v1/models":
            response = await self._models(scope) if method == "GET" else _method_not_allowed("GET")
        elif path == "/healthz":
            response = JSONResponse({"status": "ok"})
        elif path == "/readyz":
            response = JSONResponse(
                {
                    "status": "ready" if self.ready else "not ready",
                    "policy_version": self.policy.version,
                },
                status_code=200 if self.ready else 503,
            )
        elif path == "/metrics":
            response = Response(self.metrics.render(), media_type=self.metrics.content_type)
        else:
            response = GatewayError(404, "not_found", f"no route {path}").response()
        await response(scope, receive, send)

    async def _models(self, scope: Scope) -> Response:
        """The upstreams' models this caller's role may use (and that some upstream serves)."""
        try:
            principal = await self.proxy.authenticate(scope)
        except GatewayError as error:
            return error.response()
        if self.policy.role(principal.role) is None:
            return GatewayError(
                403, "role_not_allowed", f"role {principal.role!r} has no access"
            ).response()
        seen: dict[str, Any] = {}
        for upstream in self.upstreams.values():
            try:
                response = await upstream.send("GET", "models", None)
                content = await response.aread()
                await response.aclose()
                data = orjson.loads(content).get("data", []) if response.status_code == 200 else []
            except (GatewayError, httpx.HTTPError, orjson.JSONDecodeError, AttributeError):
                self.metrics.upstream_errors.labels(upstream.name, "models").inc()
                continue
            for entry in data if isinstance(data, list) else []:
                model = entry.get("id") if isinstance(entry, dict) else None
                if (
                    isinstance(model, str)
                    and model not in seen
                    and upstream.config.serves(model)
                    and self.policy.may_use_model(principal.role, model)
                ):
                    seen[model] = entry
        return Response(
            orjson.dumps({"object": "list", "data": list(seen.values())}),
            media_type="application/json",
        )

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    for hook in self._on_startup:
                        await hook()
                except Exception as exc:  # a store that cannot open stops start-up
                    log_event("start-up failed", logging.ERROR, error=type(exc).__name__)
                    await send({"type": "lifespan.startup.failed", "message": type(exc).__name__})
                    return
                self.ready = True
                log_event(
                    "gateway started",
                    policy_version=self.policy.version,
                    upstreams=list(self.upstreams),
                )
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.ready = False
                await self.aclose()
                log_event("gateway stopped")
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def aclose(self) -> None:
        for upstream in self.upstreams.values():
            await upstream.aclose()
        for hook in self._on_shutdown:
            try:
                await hook()
            except Exception as exc:  # shutting down: log and go on closing the rest
                log_event("shutdown hook failed", logging.ERROR, error=type(exc).__name__)


def _method_not_allowed(allowed: str) -> Response:
    return GatewayError(
        405, "method_not_allowed", f"use {allowed}", headers={"allow": allowed}
    ).response()
