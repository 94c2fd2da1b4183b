"""The pseudonym vault's storage seam: one small Protocol and an in-memory implementation.

Stores only ever see ciphertext and keyed lookup hashes; encryption happens in `Vault`.
A server-backed store (PostgreSQL, Redis) implements the same four methods.
"""

from __future__ import annotations

import threading
from typing import Protocol


class VaultStore(Protocol):
    """Where pseudonyms live. `lookup` is a keyed hash of (conversation, value); `sealed` is
    the AES-GCM ciphertext of the value. Neither reveals the value to whoever holds the store."""

    def token_for(self, conversation: str, lookup: bytes) -> str | None:
        """The token already given to the value behind `lookup`, if any."""
        ...

    def put(self, conversation: str, lookup: bytes, token: str, sealed: bytes) -> str:
        """Store a new pseudonym unless `lookup` already has one; return the token that wins
        (the existing one when two writers race), so a value never gets two tokens."""
        ...

    def sealed_for(self, conversation: str, token: str) -> bytes | None:
        """The ciphertext behind `token` in this conversation, if any."""
        ...

    def next_index(self, conversation: str, label: str) -> int:
        """A fresh 1-based index for a new `<LABEL_n>` token; never returns the same one twice."""
        ...


class MemoryStore:
    """A store in a dict: for tests and single-process runs that need no persistence."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, bytes], str] = {}
        self._sealed: dict[tuple[str, str], bytes] = {}
        self._counters: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def token_for(self, conversation: str, lookup: bytes) -> str | None:
        return self._tokens.get((conversation, lookup))

    def put(self, conversation: str, lookup: bytes, token: str, sealed: bytes) -> str:
        with self._lock:
            existing = self._tokens.get((conversation, lookup))
            if existing is not None:
                return existing
            if (conversation, token) in self._sealed:
                raise ValueError("token already used in this conversation")
            self._tokens[(conversation, lookup)] = token
            self._sealed[(conversation, token)] = sealed
            return token

    def sealed_for(self, conversation: str, token: str) -> bytes | None:
        return self._sealed.get((conversation, token))

    def next_index(self, conversation: str, label: str) -> int:
        with self._lock:
            index = self._counters.get((conversation, label), 0) + 1
            self._counters[(conversation, label)] = index
            return index
