"""Who is calling: an API key or a JWT bearer token becomes a `Principal`, or the call is refused.

Deny by default: a missing, malformed, unknown, revoked or expired credential is a 401.
Verified key records are cached for a few seconds so the hot path does no I/O; a
revocation is therefore honoured within `cache_seconds`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mantlet.errors import MantletError
from mantlet.gateway.keys import KeyRecord, KeyStore, parse_key, secret_matches

if TYPE_CHECKING:
    from mantlet.gateway.jwt import JWTVerifier


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller: what policy, rate limits and audit key on."""

    subject: str
    role: str
    env: str
    key_id: str | None


class AuthError(MantletError):
    """Authentication failed (401) or the credential is valid but not usable here (403)."""

    def __init__(self, message: str, *, status: int = 401, code: str = "invalid_api_key") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


_CACHE_LIMIT = 100_000


class Authenticator:
    """Turns an `Authorization` header into a Principal, from API keys and optionally JWTs."""

    def __init__(
        self,
        keys: KeyStore,
        jwt: JWTVerifier | None = None,
        *,
        cache_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._jwt = jwt
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._cache: dict[str, tuple[KeyRecord | None, float]] = {}

    async def authenticate(self, authorization: str | None) -> Principal:
        token = _bearer_token(authorization)
        if token.startswith("mk_"):
            return await self._from_api_key(token)
        if self._jwt is not None and token.count(".") == 2:
            return await self._jwt.verify(token)
        raise AuthError("invalid credentials: expected a Mantlet API key (mk_...)")

    def forget(self, key_id: str) -> None:
        """Drop a cached record, e.g. right after revoking it in this process."""
        self._cache.pop(key_id, None)

    async def _from_api_key(self, token: str) -> Principal:
        parsed = parse_key(token)
        if parsed is None:
            raise AuthError("malformed API key")
        key_id, _ = parsed
        record = await self._lookup(key_id)
        if record is None or not secret_matches(record, token):
            raise AuthError("unknown API key")
        status = record.status(self._clock())
        if status != "active":
            raise AuthError(f"API key {key_id} is {status}")
        return Principal(subject=f"key:{key_id}", role=record.role, env=record.env, key_id=key_id)

    async def _lookup(self, key_id: str) -> KeyRecord | None:
        now = time.monotonic()
        cached = self._cache.get(key_id)
        if cached is not None and now - cached[1] < self._cache_seconds:
            return cached[0]
        try:
            record = await asyncio.to_thread(self._keys.get, key_id)
        except Exception as error:  # fail closed: a broken key store admits nobody
            raise AuthError(
                f"key store unavailable ({type(error).__name__})",
                status=503,
                code="auth_unavailable",
            ) from error
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key_id] = (record, now)
        return record


def _bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise AuthError("missing credentials: send 'Authorization: Bearer <key>'")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AuthError("invalid Authorization header: expected 'Bearer <key>'")
    return token
