"""The pseudonym vault: reversible tokens for sensitive values, encrypted at rest.

Each value is sealed with AES-GCM (random nonce, bound to its conversation and token) and
found again by a keyed HMAC of (conversation, value), so equal values get equal tokens and
no store ever holds plaintext. Storage sits behind `VaultStore`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mantlet.errors import MantletError
from mantlet.vault.keys import derive_key, load_or_create_key
from mantlet.vault.sqlite import SQLiteStore
from mantlet.vault.store import MemoryStore, VaultStore

_NONCE_BYTES = 12
_LABEL_UNSAFE = re.compile(r"[^A-Z0-9_]+")


class VaultError(MantletError):
    """A stored pseudonym could not be decrypted (wrong key or tampered store)."""


def token_label(label: str) -> str:
    """A label as it appears inside a token: upper case letters, digits and underscores."""
    return _LABEL_UNSAFE.sub("_", label.upper()).strip("_") or "VALUE"


class Vault:
    """Gives each (conversation, value) a stable `<LABEL_n>` token and can reverse it."""

    def __init__(self, store: VaultStore, key: bytes) -> None:
        self.store = store
        self._aead = AESGCM(derive_key(key, "mantlet vault encryption"))
        self._lookup_key = derive_key(key, "mantlet vault lookup")

    @classmethod
    def in_memory(cls, key: bytes | None = None) -> Vault:
        """A vault that lives only as long as this object (tests, one-off runs)."""
        return cls(MemoryStore(), key or secrets.token_bytes(32))

    @classmethod
    def sqlite(
        cls, path: str | os.PathLike[str], key_path: str | os.PathLike[str] | None = None
    ) -> Vault:
        """The embedded default: a SQLite file, keyed by `key_path` (default: beside it)."""
        key_file = key_path if key_path is not None else f"{os.fspath(path)}.key"
        return cls(SQLiteStore(path), load_or_create_key(key_file))

    def token_for(self, conversation: str, label: str, value: str) -> str:
        """The token for `value` in `conversation`, made (and stored) on first sight."""
        lookup = self._lookup(conversation, value)
        existing = self.store.token_for(conversation, lookup)
        if existing is not None:
            return existing
        name = token_label(label)
        token = f"<{name}_{self.store.next_index(conversation, name)}>"
        return self.store.put(conversation, lookup, token, self._seal(conversation, token, value))

    def value_for(self, conversation: str, token: str) -> str | None:
        """The value behind `token` in `conversation`, or None if the token is unknown there."""
        sealed = self.store.sealed_for(conversation, token)
        if sealed is None:
            return None
        nonce, ciphertext = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(nonce, ciphertext, _associated(conversation, token))
        except InvalidTag:
            raise VaultError("a pseudonym failed to decrypt: wrong key or tampered vault") from None
        return plain.decode("utf-8", "surrogatepass")

    def _lookup(self, conversation: str, value: str) -> bytes:
        message = _associated(conversation, value)
        return hmac.new(self._lookup_key, message, hashlib.sha256).digest()

    def _seal(self, conversation: str, token: str, value: str) -> bytes:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        associated = _associated(conversation, token)
        return nonce + self._aead.encrypt(nonce, value.encode("utf-8", "surrogatepass"), associated)


def _associated(*parts: str) -> bytes:
    """Length-prefixed parts, so ("a", "bc") and ("ab", "c") never collide."""
    out = bytearray()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        out += len(data).to_bytes(4, "big") + data
    return bytes(out)


__all__ = [
    "MemoryStore",
    "SQLiteStore",
    "Vault",
    "VaultError",
    "VaultStore",
    "derive_key",
    "load_or_create_key",
    "token_label",
]
