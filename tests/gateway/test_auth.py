from __future__ import annotations

from pathlib import Path

import pytest

from mantlet.gateway.auth import Authenticator, AuthError, Principal
from mantlet.gateway.keys import KeyRecord, KeyStore, create_key, open_key_store, revoke_key


@pytest.fixture()
def store(tmp_path: Path) -> KeyStore:
    return open_key_store(tmp_path / "keys.sqlite3")


async def test_valid_key_becomes_a_principal(store: KeyStore) -> None:
    key, record = create_key(store, "analyst", "test")
    principal = await Authenticator(store).authenticate(f"Bearer {key}")
    assert principal == Principal(
        subject=f"key:{record.key_id}", role="analyst", env="test", key_id=record.key_id
    )


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-key",
        "Bearer mk_prod_0123456789ab_" + "A" * 43,  # well formed, unknown id
    ],
)
async def test_missing_or_unknown_credentials_are_401(store: KeyStore, header: str | None) -> None:
    with pytest.raises(AuthError) as caught:
        await Authenticator(store).authenticate(header)
    assert caught.value.status == 401


async def test_wrong_secret_for_a_real_id_is_401(store: KeyStore) -> None:
    key, _ = create_key(store, "analyst", "prod")
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    with pytest.raises(AuthError, match="unknown API key"):
        await Authenticator(store).authenticate(f"Bearer {forged}")


async def test_error_messages_never_contain_the_secret(store: KeyStore) -> None:
    key, _ = create_key(store, "analyst", "prod")
    revoke_key(store, key.split("_")[2])
    with pytest.raises(AuthError) as caught:
        await Authenticator(store).authenticate(f"Bearer {key}")
    secret = key.split("_", 3)[3]  # the random part may itself contain "_"
    assert secret not in str(caught.value)
    assert "revoked" in str(caught.value)


async def test_expired_key_is_401(store: KeyStore) -> None:
    key, _ = create_key(store, "analyst", "prod", expires_in=60)
    now = [0.0]
    auth = Authenticator(store, clock=lambda: now[0])
    now[0] = 1e12
    with pytest.raises(AuthError, match="expired") as caught:
        await auth.authenticate(f"Bearer {key}")
    assert caught.value.status == 401


async def test_revocation_is_honoured_once_the_cache_lapses(store: KeyStore) -> None:
    key, record = create_key(store, "analyst", "prod")
    cached = Authenticator(store, cache_seconds=3600)
    uncached = Authenticator(store, cache_seconds=0)
    assert (await cached.authenticate(f"Bearer {key}")).key_id == record.key_id
    revoke_key(store, record.key_id)
    # Within the cache window the cached record still admits the key ...
    assert (await cached.authenticate(f"Bearer {key}")).key_id == record.key_id
    # ... a fresh lookup (or a forgotten entry) does not.
    with pytest.raises(AuthError, match="revoked"):
        await uncached.authenticate(f"Bearer {key}")
    cached.forget(record.key_id)
    with pytest.raises(AuthError, match="revoked"):
        await cached.authenticate(f"Bearer {key}")


class BrokenStore:
    def get(self, key_id: str) -> KeyRecord | None:
        raise OSError("disk gone")

    def insert(self, record: KeyRecord) -> None: ...
    def list_keys(self) -> list[KeyRecord]:
        return []

    def revoke(self, key_id: str, when: float) -> bool:
        return False

    def close(self) -> None: ...


async def test_broken_store_fails_closed() -> None:
    with pytest.raises(AuthError) as caught:
        await Authenticator(BrokenStore()).authenticate("Bearer mk_prod_0123456789ab_" + "A" * 43)
    assert caught.value.status == 503
