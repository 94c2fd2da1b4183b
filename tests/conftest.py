from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# --- Real Redis and PostgreSQL for the gateway's shared state (scripts/ensure-services.sh) ---

REDIS_URL = os.environ.get("MANTLET_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
POSTGRES_DSN = os.environ.get(
    "MANTLET_TEST_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test"
)


def _service_unavailable(name: str, target: str, error: Exception) -> None:
    """In CI a missing server fails the test loudly; elsewhere the test is skipped with the reason."""
    message = f"{name} at {target} is unreachable ({type(error).__name__}: {error})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; run scripts/ensure-services.sh", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """URL of a real Redis server (MANTLET_TEST_REDIS_URL)."""
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
        client.close()
    except Exception as error:
        _service_unavailable("Redis", REDIS_URL, error)
    return REDIS_URL


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    """DSN of a real PostgreSQL server (MANTLET_TEST_POSTGRES_DSN)."""
    import psycopg

    try:
        psycopg.connect(POSTGRES_DSN, connect_timeout=3).close()
    except Exception as error:
        _service_unavailable("PostgreSQL", POSTGRES_DSN, error)
    return POSTGRES_DSN


@pytest.fixture()
def unique_name() -> str:
    """A name no other test run uses, for Redis key prefixes and PostgreSQL schemas."""
    return f"mantlet_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"


@pytest.fixture()
def pg_schema(postgres_dsn: str, unique_name: str) -> Iterator[str]:
    """A fresh PostgreSQL schema name, dropped with everything in it after the test."""
    import psycopg

    yield unique_name
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{unique_name}" CASCADE')
