from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from mantlet.errors import InputError
from mantlet.gateway.keys import (
    KeyStore,
    create_key,
    ensure_admin_key,
    open_key_store,
    parse_duration,
    parse_key,
    revoke_key,
    secret_matches,
)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> KeyStore:
    if request.param == "sqlite":
        opened = open_key_store(tmp_path / "keys.sqlite3")
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        opened = open_key_store(dsn, schema=request.getfixturevalue("pg_schema"))
    request.addfinalizer(opened.close)
    return opened


def test_created_key_is_stored_only_as_a_digest(store: KeyStore) -> None:
    key, record = create_key(store, "analyst", "test")
    assert key.startswith("mk_test_")
    assert parse_key(key) == (record.key_id, "test")
    stored = store.get(record.key_id)
    assert stored is not None
    assert stored.role == "analyst" and stored.env == "test"
    assert key not in repr(stored) and key.split("_", 3)[3] not in stored.secret_hash
    assert secret_matches(stored, key)
    assert not secret_matches(stored, key[:-1] + ("A" if key[-1] != "A" else "B"))


def test_list_and_revoke(store: KeyStore) -> None:
    _, first = create_key(store, "admin", "prod")
    _, second = create_key(store, "dev", "test", expires_in=3600)
    assert [r.key_id for r in store.list_keys()] == [first.key_id, second.key_id]
    assert revoke_key(store, first.key_id) is True
    assert revoke_key(store, first.key_id) is False  # already revoked
    assert revoke_key(store, "000000000000") is False
    now = time.time()
    statuses = {r.key_id: r.status(now) for r in store.list_keys()}
    assert statuses == {first.key_id: "revoked", second.key_id: "active"}
    assert store.get(second.key_id).status(now + 7200) == "expired"  # type: ignore[union-attr]


def test_admin_key_is_created_once(store: KeyStore) -> None:
    key = ensure_admin_key(store)
    assert key is not None and parse_key(key) is not None
    assert ensure_admin_key(store) is None
    (record,) = store.list_keys()
    assert record.role == "admin" and secret_matches(record, key)


def test_sqlite_store_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "keys.sqlite3"
    open_key_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_default_store_lives_in_mantlet_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MANTLET_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MANTLET_KEYS_DB", raising=False)
    open_key_store().close()
    assert (tmp_path / "home" / "keys.sqlite3").exists()
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("text", "seconds"), [("30d", 30 * 86400), ("12h", 43200), ("90m", 5400), ("1w2d", 9 * 86400)]
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "d", "0d", "3x", "1d-2h"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(InputError, match="invalid duration"):
        parse_duration(text)


def test_bad_role_and_env_are_refused(tmp_path: Path) -> None:
    store = open_key_store(tmp_path / "k.sqlite3")
    with pytest.raises(InputError, match="invalid env"):
        create_key(store, "dev", "staging")
    with pytest.raises(InputError, match="invalid role"):
        create_key(store, "dev team", "prod")
    assert store.list_keys() == []


def test_postgres_store_reconnects_after_the_server_drops_it(
    postgres_dsn: str, pg_schema: str
) -> None:
    import psycopg

    store = open_key_store(postgres_dsn, schema=pg_schema)
    _, record = create_key(store, "ops", "prod")
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND query LIKE %s",
            (f"%{pg_schema}%",),
        ).fetchall()
    assert killed == [(True,)]
    assert store.get(record.key_id) == record
    store.close()
