"""Gateway configuration: where each model goes, and the limits the gateway enforces itself.

The quick start builds it from `mantlet serve --upstream URL`; a YAML file
(`mantlet serve --config FILE`) can route models to several upstreams.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mantlet.errors import ConfigError
from mantlet.gateway.jwt import JWTConfig


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UpstreamConfig(Strict):
    """One OpenAI-compatible upstream and the models it serves."""

    name: str = "default"
    base_url: str = Field(description="e.g. https://api.openai.com/v1")
    models: list[str] = Field(default_factory=lambda: ["*"], description="glob patterns")
    api_key_env: str | None = Field(
        default="OPENAI_API_KEY", description="env variable with the key"
    )
    api_key_file: Path | None = Field(
        default=None, description="a file holding the key (secrets mount)"
    )
    timeout: float = Field(
        default=120.0, gt=0, description="seconds for a whole non-streamed reply"
    )
    connect_timeout: float = Field(default=5.0, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    max_connections: int = Field(default=256, gt=0)

    def api_key(self) -> str | None:
        """The upstream key, read at start-up from the file or the environment."""
        if self.api_key_file is not None:
            try:
                return self.api_key_file.read_text(encoding="utf-8").strip() or None
            except OSError as exc:
                raise ConfigError(
                    f"upstream {self.name!r}: cannot read api_key_file ({type(exc).__name__})"
                ) from None
        if self.api_key_env:
            return os.environ.get(self.api_key_env) or None
        return None

    def serves(self, model: str) -> bool:
        return any(fnmatch.fnmatchcase(model, p) for p in self.models)


class GatewayConfig(Strict):
    upstreams: list[UpstreamConfig] = Field(min_length=1)
    policy: Path | None = None
    jwt: JWTConfig | None = Field(default=None, description="accept OIDC bearer tokens too")
    redis_url: str | None = Field(default=None, description="shared rate limits across replicas")
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0, description="larger bodies get 413")
    max_texts: int = Field(
        default=4096, gt=0, description="messages and content parts a request may hold"
    )
    body_timeout: float = Field(default=30.0, gt=0, description="seconds to receive a whole body")
    stream_holdback: int = Field(
        default=128, ge=16, le=65536, description="characters held back while scanning a stream"
    )

    def upstream_for(self, model: str) -> UpstreamConfig | None:
        return next((u for u in self.upstreams if u.serves(model)), None)


def quick_start_config(
    upstream: str, *, key_env: str = "OPENAI_API_KEY", policy: Path | None = None
) -> GatewayConfig:
    """Every model to one upstream: the `mantlet serve --upstream URL` set-up."""
    return GatewayConfig(
        upstreams=[UpstreamConfig(base_url=upstream.rstrip("/"), api_key_env=key_env)],
        policy=policy,
    )


def load_config(path: Path) -> GatewayConfig:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read gateway config {path}: {type(exc).__name__}") from None
    try:
        return GatewayConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"invalid gateway config {path}: {problems}") from None
