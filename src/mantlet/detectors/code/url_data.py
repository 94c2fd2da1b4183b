"""Signs that a URL value carries data rather than ordinary parameters."""

from __future__ import annotations

import base64
import binascii
import math
import re

_BASE64_RE = re.compile(r"[A-Za-z0-9+/_-]{24,}={0,2}")
_HEX_RE = re.compile(r"(?:[0-9a-fA-F]{2}){16,}")
_SENSITIVE_KEYS = re.compile(
    r"(?i)^(?:.*(?:passw|pwd|secret|token|api_?key|apikey|session|auth|cookie|ssn|credit|card|cvv|"
    r"email|e-mail|phone|address|dob|birth|history|conversation|chat|prompt|message|msg|memory|"
    r"exfil|leak|steal|payload|dump)|d|data|c|content|info|p|t|x)$"
)
_ORDINARY_VALUE = re.compile(r"^(?:\d{1,6}|[a-z]{1,12}|true|false|en|[\w.-]{1,8})$", re.I)


def entropy(text: str) -> float:
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def encoded_blob(text: str) -> str:
    """ "base64" or "hex" when the text holds a long encoded run that decodes to something, else ""."""
    hexed = _HEX_RE.search(text)
    if hexed and len(hexed.group()) >= 32:
        return "hex"
    for m in _BASE64_RE.finditer(text):
        run = m.group()
        if len(run) < 24 or entropy(run) < 4.0 or run.isalpha() or run.isdigit():
            continue
        try:
            decoded = base64.b64decode(run + "=" * (-len(run) % 4), altchars=b"-_", validate=False)
        except (binascii.Error, ValueError):
            continue
        printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in decoded)
        if decoded and printable / len(decoded) > 0.85:
            return "base64"
    return ""


def looks_sensitive_param(key: str, value: str) -> bool:
    """A query parameter named like data (d=, data=, token=, email= ...) with a non-trivial value."""
    if len(value) < 8 or _ORDINARY_VALUE.match(value):
        return False
    return bool(_SENSITIVE_KEYS.match(key))


_BUILTIN_SENSITIVE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)),
    ("a credential", re.compile(r"(?i)\b(?:password|passwd|pwd|passcode|pin|api[ _-]?key|secret|token)\b\s*(?:is|=|:)\s*\S{3,}")),
    ("an API key", re.compile(r"\b(?:AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})\b")),
    ("a JSON web token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    ("a card number", re.compile(r"\b(?:\d[ -]?){13,19}\b")),
)  # fmt: skip


def builtin_sensitive(text: str) -> str:
    """A description of the first obvious secret or personal value in `text`, else ""."""
    for description, pattern in _BUILTIN_SENSITIVE:
        for m in pattern.finditer(text):
            if description == "a card number" and not _luhn(re.sub(r"\D", "", m.group())):
                continue
            return description
    return ""


def _luhn(digits: str) -> bool:
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_WORD_RE = re.compile(r"\w+")


def shares_phrase(value: str, context: str, words: int = 3, min_chars: int = 12) -> bool:
    """True when `value` repeats a run of `words` consecutive words of `context` (lower case)."""
    tokens = _WORD_RE.findall(value.lower())
    for i in range(len(tokens) - words + 1):
        phrase = " ".join(tokens[i : i + words])
        if len(phrase) >= min_chars and phrase in context:
            return True
    return False
