"""Raw request/response content in the audit log: only encrypted (AES-256-GCM), only if enabled."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mantlet.errors import ConfigError, MantletError

ALGORITHM = "AES-256-GCM"


class ContentKeyError(MantletError):
    """Encrypted audit content could not be decrypted with the given key."""


def load_or_create_content_key(path: Path | None = None) -> bytes:
    """The 32-byte content key, created owner-only (0600) on first use."""
    if path is None:
        from mantlet.home import mantlet_home

        path = mantlet_home() / "audit-content.key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) != 32:
            raise ConfigError(f"audit content key {path} must hold 32 bytes") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def encrypt_content(key: bytes, event_id: str, raw: dict[str, str]) -> dict[str, str]:
    """Seal raw content; the event id is authenticated so a sealed blob cannot be moved."""
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(key).encrypt(nonce, json.dumps(raw).encode(), event_id.encode())
    return {
        "alg": ALGORITHM,
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(sealed).decode(),
    }


def decrypt_content(key: bytes, event: dict[str, Any]) -> dict[str, str]:
    """The raw content of an event recorded with `raw`, for an investigator holding the key."""
    sealed = event.get("raw_encrypted")
    if not isinstance(sealed, dict) or sealed.get("alg") != ALGORITHM:
        raise ContentKeyError("event has no encrypted content")
    try:
        plain = AESGCM(key).decrypt(
            base64.b64decode(sealed["nonce"]),
            base64.b64decode(sealed["ciphertext"]),
            str(event.get("id", "")).encode(),
        )
    except (InvalidTag, KeyError, ValueError) as error:
        raise ContentKeyError("wrong key or tampered content") from error
    value = json.loads(plain)
    if not isinstance(value, dict):
        raise ContentKeyError("decrypted content is not an object")
    return {str(k): str(v) for k, v in value.items()}
