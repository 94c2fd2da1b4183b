"""Assembling a gateway from its configuration: key store, authenticator, rate limiter,
audit log and pseudonym vault under MANTLET_HOME (or the servers configured instead)."""

from __future__ import annotations

import os

import orjson

from mantlet.gateway.app import Gateway
from mantlet.gateway.auth import Authenticator
from mantlet.gateway.config import GatewayConfig
from mantlet.gateway.jwt import JWTVerifier
from mantlet.gateway.keys import open_key_store
from mantlet.gateway.logs import configure_json_logging
from mantlet.gateway.ratelimit import MemoryRateLimiter, RateLimiter
from mantlet.gateway.ratelimit_redis import RedisRateLimiter
from mantlet.home import mantlet_home
from mantlet.policy import load_policy
from mantlet.transforms import Pseudonymizer
from mantlet.vault import Vault

SETTINGS_ENV = "MANTLET_GATEWAY_CONFIG"  # hands the configuration to worker processes
LOG_LEVEL_ENV = "MANTLET_LOG_LEVEL"


def build_gateway(config: GatewayConfig) -> Gateway:
    """A gateway with its stores; the audit log opens at start-up, inside the server's loop."""
    from mantlet.audit import AuditLog, load_or_create_content_key, open_audit_store

    home = mantlet_home()
    policy = load_policy(config.policy)
    keys = open_key_store()
    jwt = JWTVerifier(config.jwt) if config.jwt is not None else None
    limiter: RateLimiter = (
        RedisRateLimiter(config.redis_url) if config.redis_url else MemoryRateLimiter()
    )
    vault = Vault.sqlite(home / "vault.sqlite3", home / "vault.key")
    gateway: Gateway

    async def open_audit() -> None:
        content_key = (
            load_or_create_content_key(home / "audit-content.key")
            if policy.audit.record_raw_content
            else None
        )
        gateway.proxy.audit = AuditLog(await open_audit_store(), content_key=content_key)

    async def close_stores() -> None:
        audit = gateway.proxy.audit
        if isinstance(audit, AuditLog):
            await audit.aclose()
        await limiter.aclose()
        if jwt is not None:
            await jwt.aclose()
        keys.close()

    gateway = Gateway(
        config,
        policy,
        authenticator=Authenticator(keys, jwt),
        limiter=limiter,
        pseudonymizer=Pseudonymizer(vault),
        on_startup=[open_audit],
        on_shutdown=[close_stores],
    )
    gateway.guard.prepare()  # not on the first request's time
    return gateway


def app_from_env() -> Gateway:
    """The factory uvicorn's worker processes call (`--workers N`)."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set")
    configure_json_logging(os.environ.get(LOG_LEVEL_ENV, "info"))
    return build_gateway(GatewayConfig.model_validate(orjson.loads(raw)))
