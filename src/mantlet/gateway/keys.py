"""API keys: created once, stored only as a hash, looked up by the id each key carries.

A key reads `mk_<env>_<id>_<secret>`. The id is the primary key of the store, so
verifying a key is one indexed lookup plus a constant-time compare of SHA-256 digests.
The secret has 256 random bits, so a plain SHA-256 (no slow KDF) cannot be reversed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, cast

from mantlet.errors import ConfigError, InputError
from mantlet.home import mantlet_home, postgres_schema

Env = Literal["prod", "test"]
ENVS: tuple[Env, ...] = ("prod", "test")
ADMIN_ROLE = "admin"
KEY_PREFIX = "mk"

_ROLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_KEY = re.compile(r"mk_(prod|test)_([0-9a-f]{12})_([A-Za-z0-9_-]{43})")
_DURATION = re.compile(r"(\d+)\s*([smhdw])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """What the store knows about a key: never the key itself, only its digest."""

    key_id: str
    role: str
    env: Env
    secret_hash: str
    created_at: float
    expires_at: float | None = None
    revoked_at: float | None = None
    label: str = ""

    def status(self, now: float) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return "expired"
        return "active"


class KeyStore(Protocol):
    """Where key records live: SQLite under MANTLET_HOME, or PostgreSQL for several replicas."""

    def insert(self, record: KeyRecord) -> None: ...

    def get(self, key_id: str) -> KeyRecord | None: ...

    def list_keys(self) -> list[KeyRecord]: ...

    def revoke(self, key_id: str, when: float) -> bool: ...

    def close(self) -> None: ...


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def parse_key(key: str) -> tuple[str, Env] | None:
    """The id and environment a well-formed key names, or None."""
    match = _KEY.fullmatch(key)
    if match is None:
        return None
    return match.group(2), cast(Env, match.group(1))


def secret_matches(record: KeyRecord, key: str) -> bool:
    """Constant-time check of a presented key against the stored digest."""
    return hmac.compare_digest(record.secret_hash, digest(key))


def validate_role(role: str) -> str:
    if not _ROLE.fullmatch(role):
        raise InputError(
            f"invalid role {role!r}: use letters, digits and _.:- (at most 64 characters)"
        )
    return role


def validate_env(env: str) -> Env:
    if env not in ENVS:
        raise InputError(f"invalid env {env!r}: expected one of {', '.join(ENVS)}")
    return env


def parse_duration(text: str) -> float:
    """Seconds in a duration such as `30d`, `12h`, `90m`, `1w2d`."""
    compact = text.strip().lower()
    parts = _DURATION.findall(compact)
    if not parts or "".join(f"{n}{u}" for n, u in parts) != compact.replace(" ", ""):
        raise InputError(f"invalid duration {text!r}: expected e.g. 30d, 12h, 90m, 3600s")
    seconds = sum(int(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds <= 0:
        raise InputError(f"invalid duration {text!r}: must be positive")
    return float(seconds)


def new_key(
    role: str, env: str, *, expires_in: float | None = None, label: str = ""
) -> tuple[str, KeyRecord]:
    """A fresh key and the record to store for it (the key itself is never stored)."""
    checked_env = validate_env(env)
    key_id = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{checked_env}_{key_id}_{secrets.token_urlsafe(32)}"
    now = time.time()
    record = KeyRecord(
        key_id=key_id,
        role=validate_role(role),
        env=checked_env,
        secret_hash=digest(key),
        created_at=now,
        expires_at=None if expires_in is None else now + expires_in,
        label=label,
    )
    return key, record


def create_key(
    store: KeyStore, role: str, env: str, *, expires_in: float | None = None, label: str = ""
) -> tuple[str, KeyRecord]:
    """Create and store a key; the returned key string is the only copy there will be."""
    key, record = new_key(role, env, expires_in=expires_in, label=label)
    store.insert(record)
    return key, record


def revoke_key(store: KeyStore, key_id: str) -> bool:
    return store.revoke(key_id, time.time())


def ensure_admin_key(store: KeyStore) -> str | None:
    """On first start (an empty store) create an admin key and return it, once; else None."""
    if store.list_keys():
        return None
    key, _ = create_key(store, ADMIN_ROLE, "prod", label="created on first start")
    return key


def open_key_store(target: str | Path | None = None, *, schema: str | None = None) -> KeyStore:
    """A SQLite file path or a `postgresql://` DSN (tables in `schema`, by default
    $MANTLET_PG_SCHEMA or `mantlet`); by default $MANTLET_KEYS_DB or MANTLET_HOME/keys.sqlite3."""
    chosen = str(target) if target is not None else os.environ.get("MANTLET_KEYS_DB", "")
    if chosen.startswith(("postgresql://", "postgres://")):
        from mantlet.gateway.keys_postgres import PostgresKeyStore

        return PostgresKeyStore(chosen, schema=schema or postgres_schema())
    from mantlet.gateway.keys_sqlite import SQLiteKeyStore

    return SQLiteKeyStore(Path(chosen) if chosen else mantlet_home() / "keys.sqlite3")


def record_from_row(row: tuple[object, ...]) -> KeyRecord:
    """A KeyRecord from a row in the column order both stores use (see COLUMNS)."""
    key_id, role, env, secret_hash, created_at, expires_at, revoked_at, label = row
    if env not in ENVS:
        raise ConfigError(f"key store holds key {key_id!r} with unknown env {env!r}")
    return KeyRecord(
        key_id=str(key_id),
        role=str(role),
        env=env,
        secret_hash=str(secret_hash),
        created_at=float(cast(float, created_at)),
        expires_at=None if expires_at is None else float(cast(float, expires_at)),
        revoked_at=None if revoked_at is None else float(cast(float, revoked_at)),
        label=str(label or ""),
    )


COLUMNS = "key_id, role, env, secret_hash, created_at, expires_at, revoked_at, label"


def as_row(record: KeyRecord) -> tuple[object, ...]:
    return (
        record.key_id,
        record.role,
        record.env,
        record.secret_hash,
        record.created_at,
        record.expires_at,
        record.revoked_at,
        record.label,
    )


__all__ = [
    "ADMIN_ROLE",
    "ENVS",
    "Env",
    "KeyRecord",
    "KeyStore",
    "create_key",
    "ensure_admin_key",
    "new_key",
    "open_key_store",
    "parse_duration",
    "parse_key",
    "revoke_key",
    "secret_matches",
]
