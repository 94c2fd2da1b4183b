"""The vault's master key: 32 random bytes in a key file only its owner can read."""

from __future__ import annotations

import base64
import os
import secrets
import stat
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mantlet.errors import ConfigError

KEY_BYTES = 32


def load_or_create_key(path: str | os.PathLike[str]) -> bytes:
    """Read the master key from `path`, creating it (mode 0600, parent 0700) if missing.

    Fails closed: a key file that others can read or that is not a valid key is an error,
    never silently replaced.
    """
    key_path = Path(path)
    try:
        return _read_key(key_path)
    except FileNotFoundError:
        pass
    key_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(key_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return _read_key(key_path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(base64.urlsafe_b64encode(key) + b"\n")
    return key


def _read_key(path: Path) -> bytes:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"key file {path} is accessible by others; run: chmod 600 {path}")
    raw = path.read_bytes().strip()
    try:
        key = base64.urlsafe_b64decode(raw)
    except ValueError:
        raise ConfigError(f"key file {path} does not hold a base64 key") from None
    if len(key) != KEY_BYTES:
        raise ConfigError(f"key file {path} must hold {KEY_BYTES} bytes, not {len(key)}")
    return key


def derive_key(master: bytes, purpose: str) -> bytes:
    """A separate 32-byte key per purpose (encryption, lookups, hashing) from one master key."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode())
    return hkdf.derive(master)
