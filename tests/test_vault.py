from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from mantlet.errors import ConfigError
from mantlet.vault import MemoryStore, SQLiteStore, Vault, VaultError, load_or_create_key


@pytest.fixture(params=["memory", "sqlite"])
def vault(request: pytest.FixtureRequest, tmp_path: Path) -> Vault:
    if request.param == "memory":
        return Vault(MemoryStore(), b"k" * 32)
    return Vault(SQLiteStore(tmp_path / "vault.db"), b"k" * 32)


def test_same_value_same_token_within_a_conversation(vault: Vault) -> None:
    first = vault.token_for("c1", "EMAIL", "jane@example.com")
    assert first == "<EMAIL_1>"
    assert vault.token_for("c1", "EMAIL", "jane@example.com") == first
    assert vault.token_for("c1", "EMAIL", "joe@example.com") == "<EMAIL_2>"
    assert vault.token_for("c1", "PERSON", "Jane Doe") == "<PERSON_1>"


def test_conversations_are_separate(vault: Vault) -> None:
    vault.token_for("c1", "EMAIL", "a@example.com")
    assert vault.token_for("c2", "EMAIL", "b@example.com") == "<EMAIL_1>"
    assert vault.value_for("c2", "<EMAIL_1>") == "b@example.com"
    assert vault.value_for("c1", "<EMAIL_1>") == "a@example.com"
    assert vault.value_for("c3", "<EMAIL_1>") is None


def test_labels_are_normalized_into_tokens(vault: Vault) -> None:
    assert vault.token_for("c", "cwe-78", "x") == "<CWE_78_1>"


def test_sqlite_store_holds_no_plaintext_and_survives_reopening(tmp_path: Path) -> None:
    db = tmp_path / "vault.db"
    key = load_or_create_key(tmp_path / "key")
    token = Vault(SQLiteStore(db), key).token_for("conv", "EMAIL", "jane@example.com")
    assert b"jane@example.com" not in _all_bytes(db)
    reopened = Vault(SQLiteStore(db), load_or_create_key(tmp_path / "key"))
    assert reopened.value_for("conv", token) == "jane@example.com"
    assert reopened.token_for("conv", "EMAIL", "jane@example.com") == token
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def _all_bytes(db: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db}{suffix}")
        if path.exists():
            data += path.read_bytes()
    return data


def test_wrong_key_fails_closed(tmp_path: Path) -> None:
    db = tmp_path / "vault.db"
    token = Vault(SQLiteStore(db), b"a" * 32).token_for("c", "EMAIL", "x@example.com")
    other = Vault(SQLiteStore(db), b"b" * 32)
    with pytest.raises(VaultError, match="wrong key or tampered") as caught:
        other.value_for("c", token)
    assert "x@example.com" not in str(caught.value)


def test_swapped_ciphertexts_do_not_decrypt(tmp_path: Path) -> None:
    db = tmp_path / "vault.db"
    vault = Vault(SQLiteStore(db), b"a" * 32)
    vault.token_for("c", "EMAIL", "one@example.com")
    vault.token_for("c", "EMAIL", "two@example.com")
    with sqlite3.connect(db) as conn:
        sealed = dict(conn.execute("SELECT token, sealed FROM pseudonyms"))
        conn.execute(
            "UPDATE pseudonyms SET sealed = ? WHERE token = ?", (sealed["<EMAIL_2>"], "<EMAIL_1>")
        )
    with pytest.raises(VaultError):
        vault.value_for("c", "<EMAIL_1>")


def test_racing_writers_keep_one_token_per_value(tmp_path: Path) -> None:
    db = tmp_path / "vault.db"
    store_a, store_b = SQLiteStore(db), SQLiteStore(db)
    a, b = Vault(store_a, b"k" * 32), Vault(store_b, b"k" * 32)
    # b decides the value is new, then a stores it first: b must get a's token back.
    token_a = a.token_for("c", "EMAIL", "x@example.com")
    lookup = b._lookup("c", "x@example.com")
    assert store_b.put("c", lookup, "<EMAIL_9>", b"ignored") == token_a


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "vault.key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key


def test_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    load_or_create_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_or_create_key(path)


def test_corrupt_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vault.key"
    path.write_bytes(b"c2hvcnQ=\n")
    os.chmod(path, 0o600)
    with pytest.raises(ConfigError, match="32 bytes"):
        load_or_create_key(path)


def test_sqlite_convenience_constructor(tmp_path: Path) -> None:
    vault = Vault.sqlite(tmp_path / "v.db")
    token = vault.token_for("c", "PHONE", "+1 415 555 0132")
    assert Vault.sqlite(tmp_path / "v.db").value_for("c", token) == "+1 415 555 0132"
    assert (tmp_path / "v.db.key").exists()
