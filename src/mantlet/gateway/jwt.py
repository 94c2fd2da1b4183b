"""Optional OIDC-style bearer tokens: signature from a JWKS, issuer, audience, role from a claim.

Only asymmetric algorithms are accepted (never `none`, never HMAC: a shared secret
would let anyone who can verify also mint tokens, and an RSA public key must never be
usable as an HMAC secret). The JWKS comes from a file or a URL, is cached, and is
refetched (at most every `refetch_seconds`) when a token names an unknown key id.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from mantlet.gateway.auth import AuthError, Principal
from mantlet.gateway.keys import ENVS

ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)


class JWTConfig(BaseModel):
    """How to trust bearer tokens from an identity provider."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    issuer: str
    audience: str
    jwks_file: Path | None = None
    jwks_url: str | None = None
    algorithms: tuple[str, ...] = ("RS256", "ES256")
    role_claim: str = "role"
    env_claim: str = "env"
    subject_claim: str = "sub"
    default_env: str | None = None
    leeway_seconds: float = 30.0
    jwks_cache_seconds: float = 300.0
    refetch_seconds: float = 30.0

    @field_validator("algorithms")
    @classmethod
    def _only_asymmetric(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("algorithms must name at least one algorithm")
        bad = [alg for alg in value if alg not in ASYMMETRIC_ALGORITHMS]
        if bad:
            allowed = ", ".join(sorted(ASYMMETRIC_ALGORITHMS))
            raise ValueError(f"algorithms {bad} not allowed; use asymmetric ones: {allowed}")
        return value

    @field_validator("default_env")
    @classmethod
    def _known_env(cls, value: str | None) -> str | None:
        if value is not None and value not in ENVS:
            raise ValueError(f"default_env must be one of {', '.join(ENVS)}")
        return value

    @model_validator(mode="after")
    def _one_jwks_source(self) -> JWTConfig:
        if (self.jwks_file is None) == (self.jwks_url is None):
            raise ValueError("set exactly one of jwks_file and jwks_url")
        return self


class JWTVerifier:
    """Verifies bearer JWTs against a cached JWKS and maps their claims to a Principal."""

    def __init__(self, config: JWTConfig, *, client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self._client = client
        self._owns_client = client is None
        self._keys: dict[str, jwt.PyJWK] = {}
        self._anonymous_keys: list[jwt.PyJWK] = []
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise AuthError("malformed bearer token", code="invalid_token") from error
        if header.get("alg") not in self.config.algorithms:
            raise AuthError("bearer token algorithm not allowed", code="invalid_token")
        key = await self._signing_key(header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=list(self.config.algorithms),
                audience=self.config.audience,
                issuer=self.config.issuer,
                leeway=self.config.leeway_seconds,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise AuthError("bearer token expired", code="invalid_token") from error
        except jwt.PyJWTError as error:
            raise AuthError(
                f"bearer token rejected ({type(error).__name__})", code="invalid_token"
            ) from error
        return self._principal(claims)

    def _principal(self, claims: dict[str, Any]) -> Principal:
        subject = _claim(claims, self.config.subject_claim)
        role = _claim(claims, self.config.role_claim)
        env = _claim(claims, self.config.env_claim) or self.config.default_env
        if not subject:
            raise AuthError("bearer token has no subject", code="invalid_token")
        if not role:
            raise AuthError(
                f"bearer token has no {self.config.role_claim!r} claim",
                status=403,
                code="missing_role",
            )
        if env not in ENVS:
            raise AuthError(
                f"bearer token has no valid {self.config.env_claim!r} claim (prod or test)",
                status=403,
                code="missing_env",
            )
        return Principal(subject=f"jwt:{subject}", role=role, env=env, key_id=None)

    async def _signing_key(self, kid: object) -> jwt.PyJWK:
        now = time.monotonic()
        if now - self._fetched_at >= self.config.jwks_cache_seconds:
            await self._refresh(now)
        found = self._find(kid)
        if found is None and now - self._fetched_at >= self.config.refetch_seconds:
            await self._refresh(now)  # the provider may have rotated its keys
            found = self._find(kid)
        if found is None and not self._keys and not self._anonymous_keys:
            raise AuthError("JWKS unavailable", status=503, code="auth_unavailable")
        if found is None:
            raise AuthError("bearer token signed by an unknown key", code="invalid_token")
        return found

    def _find(self, kid: object) -> jwt.PyJWK | None:
        if isinstance(kid, str):
            return self._keys.get(kid)
        return self._anonymous_keys[0] if len(self._anonymous_keys) == 1 else None

    async def _refresh(self, now: float) -> None:
        async with self._lock:
            if now <= self._fetched_at:
                return  # another task refreshed while this one waited
            try:
                document = await self._load_jwks()
                key_set = jwt.PyJWKSet.from_dict(document)
            except (OSError, ValueError, httpx.HTTPError, jwt.PyJWTError):
                return  # keep the keys we have (if any); retried after refetch_seconds
            finally:
                self._fetched_at = time.monotonic()
            self._keys = {k.key_id: k for k in key_set.keys if k.key_id}
            self._anonymous_keys = [k for k in key_set.keys if not k.key_id]

    async def _load_jwks(self) -> dict[str, Any]:
        if self.config.jwks_file is not None:
            text = await asyncio.to_thread(self.config.jwks_file.read_text, "utf-8")
            document = json.loads(text)
        else:
            if self.config.jwks_url is None:
                raise ValueError("no JWKS source configured")
            if self._client is None:
                self._client = httpx.AsyncClient(timeout=10.0)
            response = await self._client.get(self.config.jwks_url)
            response.raise_for_status()
            document = response.json()
        if not isinstance(document, dict):
            raise ValueError("JWKS is not a JSON object")
        return document

    async def aclose(self) -> None:
        if self._client is not None and self._owns_client:
            await self._client.aclose()


def _claim(claims: dict[str, Any], path: str) -> str | None:
    """A string claim, following dots into nested objects (`realm_access.role`)."""
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value if isinstance(value, str) and value else None
