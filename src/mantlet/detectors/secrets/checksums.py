"""Cheap structural checks that turn a look-alike into a credential: checksums, embedded
JSON, decodable ids. Each takes the candidate value and answers yes or no."""

from __future__ import annotations

import base64
import binascii
import json
import math
import zlib
from collections import Counter

from mantlet.literals import Literals

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int) -> str:
    digits = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(_BASE62[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def crc32_base62_tail(token: str) -> bool:
    """GitHub and npm tokens: `prefix_` + random characters + base62(CRC32(random)), 6 wide."""
    body = token.split("_", 1)[-1]
    if len(body) < 36:
        return False
    random, check = body[:-6], body[-6:]
    return base62(zlib.crc32(random.encode()), 6) == check


def b64decode_loose(value: str) -> bytes | None:
    """Standard or URL-safe base64, padding optional; None when it does not decode."""
    cleaned = value.replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        return None


def json_object(value: str) -> dict[str, object] | None:
    raw = b64decode_loose(value)
    if raw is None:
        return None
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return parsed if isinstance(parsed, dict) else None


def jwt_structure(token: str) -> bool:
    """A JWT: base64url JSON header with `alg` (or `typ`/`kid`/`enc`), then a decodable payload."""
    parts = token.split(".")
    if len(parts) < 2:
        return False
    header = json_object(parts[0])
    if header is None or not ({"alg", "enc"} & header.keys()):
        return False
    return b64decode_loose(parts[1]) is not None


def discord_bot_token(token: str) -> bool:
    """The first part of a Discord bot token is the bot's numeric id, base64-encoded."""
    raw = b64decode_loose(token.split(".", 1)[0])
    return raw is not None and raw.isdigit() and 15 <= len(raw) <= 21


def shannon_entropy(value: str) -> float:
    """Bits per character."""
    if not value:
        return 0.0
    n = len(value)
    counts = Counter(value).values()
    # One logarithm per distinct count (most characters of a token occur once or twice),
    # summed in the same order as one per character: the same float.
    terms = {c: c / n * math.log2(c / n) for c in set(counts)}
    return -sum(map(terms.__getitem__, counts))


def not_repetitive(value: str) -> bool:
    """Rejects fillers such as `xxxxxxxx` or `00000000`: too few distinct characters."""
    core = value.split("_", 1)[-1] if "_" in value[:12] else value
    return len(set(core)) >= max(6, min(len(core) // 4, 12))


def mixed_alnum(value: str) -> bool:
    """Random tokens mix letters and digits; an identifier like `EXAMPLE_KEY_NAME` does not."""
    return (
        not_repetitive(value)
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
    )


def atlassian_pat(token: str) -> bool:
    """Jira / Confluence PATs decode to a 12-digit id, a colon and random bytes."""
    raw = b64decode_loose(token)
    return raw is not None and raw[:12].isdigit() and raw[12:13] == b":"


_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz")
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_FILLERS = Literals(
    ["xxxxx"]
    + [
        seq[i : i + 6]
        for alphabet in _RUNS
        for seq in (alphabet, alphabet[::-1])
        for i in range(len(seq) - 5)
    ]
)


def has_filler(value: str) -> bool:
    """Typed-in fake values: `123456`, `abcdef`, `654321` or `xxxxx` inside a token."""
    # Lower-casing first: the literals are lower case, and Hyperscan's caseless mode would
    # also fold non-ASCII letters differently from `str.lower`.
    return _FILLERS.found_in(value.lower())


def bech32_checksum(value: str) -> bool:
    """A bech32 string (age keys): the polymod checksum over its human-readable part and data."""
    lowered = value.lower()
    hrp, sep, data = lowered.rpartition("1")
    if not sep or not data or any(c not in _BECH32 for c in data):
        return False
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    values += [_BECH32.index(c) for c in data]
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for v in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            checksum ^= generator[i] if (top >> i) & 1 else 0
    return checksum == 1
