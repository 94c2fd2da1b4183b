"""High-entropy strings next to a secret word or an assignment.

Random-looking base64 or hex alone is too common (hashes, ids, encoded data) to report;
it counts only with a key/secret/token/password word just before it on the same line,
and never when that context names a hash, checksum or id.
"""

from __future__ import annotations

import math
import re
import string

from mantlet.detectors.secrets.checksums import shannon_entropy
from mantlet.detectors.secrets.keys import KeyKind, classify_key
from mantlet.patterns import Pattern

_TOKEN_CHARS = string.ascii_letters + string.digits + "+/_-"
PATTERN = Pattern(
    "entropy:candidate",
    r"(?<![A-Za-z0-9+/=_\-.])[A-Za-z0-9+/_\-]{20,400}={0,2}(?![A-Za-z0-9+/=_\-])",
    starts_run=(_TOKEN_CHARS, 20),  # the look-behind and the run: `re` tries run starts only
)
# The key a value follows: a run of key characters from its first letter, then quotes and an
# assignment. Read from the end of the text with string methods: a regex anchored at `$`
# would be tried from every word of the line.
_KEY_RUN_CHARS = string.ascii_letters + string.digits + "_.-"
_AFTER_KEY_CHARS = "\"']` \t:=>"
_AFTER_KEY_RE = re.compile(r"[\"'\]]*[ \t]*(?::=|=>|[:=])?[ \t]*[\"'`]?")
# The look-ahead on the words' first letters lets `re` skip other positions: 1.7x faster.
_CONTEXT_WORD_RE = re.compile(
    r"(?i)\b(?=[stpacbe])(?:secret|token|password|passwd|api[ _\-]?key|apikey|private[ _\-]key|"
    r"access[ _\-]key|credentials?|bearer|authorization|signing[ _\-]key|encryption[ _\-]key)\b"
)
_NOT_SECRET_CONTEXT_RE = re.compile(
    r"(?i)(?:sha\d*|md5|hash|checksum|digest|integrity|commit|revision|fingerprint|etag|"
    r"\buuid|\bguid|public[_\-. ]?key|pubkey|nonce|csrf|request[_\-. ]?id|trace|session[_\-. ]?id|"
    r"data:[a-z]+/|base64,|\bsri\b|sourcemap|keyid|key_id|\bkid\b)"
)
_HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
_UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_WORDY_RE = re.compile(r"[A-Za-z]{2,}")
WINDOW = 40


def entropy_score(text: str, start: int, end: int) -> float:
    """0 when the candidate is not a plausible secret; else a score from 0.55 to 0.75."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - WINDOW) : start]
    if not before:  # the first word of its line: no key or secret word before it
        return 0.0
    if not _secret_context(before) or _NOT_SECRET_CONTEXT_RE.search(before):
        return 0.0
    value = text[start:end]
    if _UUID_RE.match(value) or not _mixed(value):
        return 0.0
    # Paths and URLs split by slashes into words are not secrets.
    if value.count("/") >= 2 and not value.endswith("=") and _wordy(value):
        return 0.0
    entropy = shannon_entropy(value)
    if _HEX_RE.match(value):
        # Bare hex is usually a hash; only long hex with a clear secret word counts.
        return 0.6 if len(value) >= 32 and entropy >= 3.0 else 0.0
    needed = min(4.2, 0.84 * math.log2(len(value)))
    if entropy < needed:
        return 0.0
    return 0.75 if entropy >= needed + 0.5 else 0.6


def _secret_context(before: str) -> bool:
    """The key just before the value names a secret, or a secret word stands on its own."""
    key = _last_key(before)
    if key and classify_key(key) is not KeyKind.NONE:
        return True
    return _CONTEXT_WORD_RE.search(before) is not None


def _last_key(before: str) -> str:
    """The key name `before` ends with, followed only by quotes and an assignment, or ''."""
    key_end = len(before.rstrip(_AFTER_KEY_CHARS))
    if _AFTER_KEY_RE.fullmatch(before, key_end) is None:
        return ""
    head = before[:key_end]
    run = head[len(head.rstrip(_KEY_RUN_CHARS)) :]
    return run.lstrip(string.digits + "_.-")  # a key starts with a letter


def _wordy(value: str) -> bool:
    return sum(len(w) for w in _WORDY_RE.findall(value)) > len(value) * 0.7


def _mixed(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    cased = any(c.isupper() for c in value) or _HEX_RE.match(value) is not None
    return digits >= 2 and letters >= 6 and cased
