"""Transforms act on findings: mask, redact, hash, pseudonymize, strip; and restore.

Pure functions over text plus findings (the vault behind pseudonyms is the one piece of
state). Overlapping findings are resolved once, so each character is rewritten at most once
and the output never garbles text. Hidden-text findings are always removed (look-alike
words are folded to the letters they imitate) whatever the mode.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Literal, get_args

from mantlet.engine import scan
from mantlet.errors import ConfigError, DetectorError
from mantlet.findings import Category, Finding
from mantlet.folding import CONFUSABLE_TABLE
from mantlet.vault import Vault, token_label

Mode = Literal["mask", "redact", "hash", "pseudonymize", "strip"]
MODES: tuple[str, ...] = get_args(Mode)

MASK_CHAR = "*"
_KEEP_TAIL_FROM = 12  # numbers with at least this many digits keep their last four
_HASH_HEX = 8
_TOKEN_RE = re.compile(r"<[A-Z0-9_]+_[0-9]+>")


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """The findings to act on, no two overlapping, in text order.

    Findings are taken in priority order: sensitive ones before hidden text (replacing a
    value removes any hidden characters in it), then the more severe, the longer span, the
    higher score. A finding that overlaps one already taken keeps only its uncovered parts,
    so a partial overlap never leaves part of a value in clear. Empty spans are dropped.
    """
    ranked = sorted(
        (f for f in findings if f.end > f.start),
        key=lambda f: (
            f.category is Category.HIDDEN_TEXT,
            -f.severity.rank,
            -(f.end - f.start),
            -f.score,
            f.start,
            f.label,
        ),
    )
    starts: list[int] = []  # the taken pieces, disjoint and sorted, as parallel lists
    pieces: list[Finding] = []
    for finding in ranked:
        for start, end in _uncovered(starts, pieces, finding.start, finding.end):
            piece = (
                finding
                if (start, end) == (finding.start, finding.end)
                else (replace(finding, start=start, end=end))
            )
            at = bisect_left(starts, start)
            starts.insert(at, start)
            pieces.insert(at, piece)
    return pieces


def _uncovered(
    starts: list[int], pieces: list[Finding], start: int, end: int
) -> list[tuple[int, int]]:
    """The parts of start..end that no taken piece covers."""
    gaps: list[tuple[int, int]] = []
    at = bisect_right(starts, start) - 1
    if at >= 0 and pieces[at].end > start:
        start = pieces[at].end
    at = max(at + 1, 0)
    while start < end and at < len(pieces) and pieces[at].start < end:
        if pieces[at].start > start:
            gaps.append((start, pieces[at].start))
        start = max(start, pieces[at].end)
        at += 1
    if start < end:
        gaps.append((start, end))
    return gaps


def mask(value: str) -> str:
    """Letters and digits become `*`; punctuation and spaces stay, so the shape is readable
    (`****@*******.***`). Long numbers (12 or more digits, no letters) keep their last four
    (`**** **** **** 1111`), the way card numbers are usually shown."""
    alnum = sum(ch.isalnum() for ch in value)
    digits_only = all(ch.isdigit() for ch in value if ch.isalnum())
    keep = 4 if alnum >= _KEEP_TAIL_FROM and digits_only else 0
    out: list[str] = []
    seen = 0
    for ch in value:
        if unicodedata.category(ch) == "Cf":  # invisible format characters go
            continue
        if ch.isalnum():
            seen += 1
            out.append(ch if seen > alnum - keep else MASK_CHAR)
        else:
            out.append(ch)
    return "".join(out)


def redact_placeholder(finding: Finding) -> str:
    """The typed placeholder for a finding: `<EMAIL>`."""
    return f"<{token_label(finding.label)}>"


def hash_placeholder(value: str, finding: Finding, key: bytes) -> str:
    """A keyed, short, stable digest: `<EMAIL:3f2a9c1b>`. Equal values give equal digests
    under one key, so records stay joinable; without the key the value cannot be guessed."""
    digest = hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"<{token_label(finding.label)}:{digest[:_HASH_HEX]}>"


def apply(
    text: str,
    findings: Sequence[Finding],
    mode: str,
    *,
    key: bytes | None = None,
    pseudonymizer: Pseudonymizer | None = None,
    conversation: str | None = None,
) -> str:
    """Rewrite every finding's span in `text` according to `mode`.

    `hash` needs `key`; `pseudonymize` needs `pseudonymizer` and `conversation`.
    """
    if mode not in MODES:
        raise ConfigError(f"unknown transform mode {mode!r}; known: {', '.join(MODES)}")
    if mode == "hash":
        if not key:
            raise ConfigError("the hash transform needs a key")
        hash_key = key
        return _rewrite(text, findings, lambda f, value: hash_placeholder(value, f, hash_key))
    if mode == "pseudonymize":
        if pseudonymizer is None or conversation is None:
            raise ConfigError("the pseudonymize transform needs a pseudonymizer and a conversation")
        return pseudonymizer.pseudonymize(text, findings, conversation)

    def replacement(finding: Finding, value: str) -> str:
        if mode == "mask":
            return mask(value)
        if mode == "redact":
            return redact_placeholder(finding)
        return ""  # strip

    return _rewrite(text, findings, replacement)


def redact(
    text: str,
    *,
    mode: str = "redact",
    only: Iterable[Category | str] | None = None,
    key: bytes | None = None,
    pseudonymizer: Pseudonymizer | None = None,
    conversation: str | None = None,
) -> str:
    """Scan `text` with the default detectors (or only some categories) and transform what
    they find. Fails closed: if a detector fails, the text is refused, not passed through."""
    result = scan(text, only=only)
    if result.failures:
        failure = result.failures[0]
        raise DetectorError(failure.detector, failure.error)
    return apply(
        text, result.findings, mode, key=key, pseudonymizer=pseudonymizer, conversation=conversation
    )


class Pseudonymizer:
    """Consistent, reversible tokens per conversation: the same value always gets the same
    `<PERSON_1>` there, a different value `<PERSON_2>`; `restore` turns them back."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def pseudonymize(self, text: str, findings: Sequence[Finding], conversation: str) -> str:
        def replacement(finding: Finding, value: str) -> str:
            return self.vault.token_for(conversation, finding.label, value)

        return _rewrite(text, findings, replacement)

    def restore(self, text: str, conversation: str) -> str:
        """Tokens of this conversation back to their values; any other token is left as is."""

        def original(match: re.Match[str]) -> str:
            value = self.vault.value_for(conversation, match.group())
            return match.group() if value is None else value

        return _TOKEN_RE.sub(original, text)


def _rewrite(
    text: str,
    findings: Sequence[Finding],
    replacement: Callable[[Finding, str], str],
) -> str:
    """Replace each resolved finding's span; hidden text is removed, look-alikes folded."""
    parts: list[str] = []
    cursor = 0
    for finding in resolve_overlaps(findings):
        if finding.end > len(text):
            raise ValueError(f"finding {finding.start}..{finding.end} is outside the text")
        parts.append(text[cursor : finding.start])
        value = text[finding.start : finding.end]
        if finding.category is Category.HIDDEN_TEXT:
            parts.append(_without_hidden_text(finding, value))
        else:
            parts.append(replacement(finding, value))
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts)


def _without_hidden_text(finding: Finding, value: str) -> str:
    if finding.label == "HOMOGLYPHS":  # the word is visible: keep it, in the letters it imitates
        return value.translate(CONFUSABLE_TABLE)
    return ""


__all__ = [
    "MODES",
    "Mode",
    "Pseudonymizer",
    "apply",
    "hash_placeholder",
    "mask",
    "redact",
    "redact_placeholder",
    "resolve_overlaps",
]
