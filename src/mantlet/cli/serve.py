"""`mantlet serve`: the gateway, on one upstream (quick start) or a config file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from mantlet.cli.app import app


@app.command()
def serve(
    upstream: Annotated[
        str | None, typer.Option(help="OpenAI-compatible base URL every model goes to")
    ] = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8080,
    policy: Annotated[
        Path | None, typer.Option(help="policy YAML (default: the built-in policy)")
    ] = None,
    upstream_key_env: Annotated[
        str, typer.Option(help="environment variable holding the upstream's API key")
    ] = "OPENAI_API_KEY",
    config: Annotated[
        Path | None, typer.Option(help="gateway YAML: several upstreams, JWT, Redis, limits")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="worker processes")] = 1,
    redis_url: Annotated[
        str | None,
        typer.Option(envvar="MANTLET_REDIS_URL", help="Redis for rate limits shared by workers"),
    ] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning, error")] = "info",
) -> None:
    """Run the gateway. State (API keys, audit log, vault key) lives under MANTLET_HOME."""
    import uvicorn

    from mantlet.errors import ConfigError
    from mantlet.gateway.build import LOG_LEVEL_ENV, SETTINGS_ENV, build_gateway
    from mantlet.gateway.config import load_config, quick_start_config
    from mantlet.gateway.keys import ensure_admin_key, open_key_store
    from mantlet.gateway.logs import configure_json_logging
    from mantlet.policy import PolicyError, load_policy

    if (upstream is None) == (config is None):
        raise typer.BadParameter("give exactly one of --upstream URL or --config FILE")
    try:
        settings = (
            load_config(config)
            if config is not None
            else quick_start_config(upstream or "", key_env=upstream_key_env, policy=policy)
        )
        if policy is not None and config is not None:
            settings = settings.model_copy(update={"policy": policy})
        if redis_url:
            settings = settings.model_copy(update={"redis_url": redis_url})
        load_policy(settings.policy)  # a bad policy stops start-up, naming field and line
    except PolicyError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if workers > 1 and not settings.redis_url:
        typer.echo("note: without --redis-url each worker keeps its own rate limits", err=True)
    store = open_key_store()
    admin_key = ensure_admin_key(store)
    store.close()
    if admin_key is not None:
        typer.echo("First start: created an admin API key. It is shown once; keep it now:")
        typer.echo(admin_key)
    typer.echo(
        f"Mantlet gateway on http://{host}:{port}/v1 (upstreams: "
        + ", ".join(u.base_url for u in settings.upstreams)
        + ")"
    )
    configure_json_logging(log_level)
    common = {
        "host": host,
        "port": port,
        "log_config": None,
        "timeout_graceful_shutdown": 30,
        "access_log": False,
    }
    if workers == 1:
        uvicorn.run(build_gateway(settings), **common)  # type: ignore[arg-type]
    else:
        os.environ[SETTINGS_ENV] = settings.model_dump_json()
        os.environ[LOG_LEVEL_ENV] = log_level
        uvicorn.run(
            "mantlet.gateway.build:app_from_env",
            factory=True,
            workers=workers,
            **common,  # type: ignore[arg-type]
        )
