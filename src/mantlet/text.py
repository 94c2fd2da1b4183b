"""`Document`: a text and the views detectors scan, each mapped back to the original.

A view is a string plus, for each of its characters, the span of original characters it
came from. Detectors match on views and report spans in the original, so a finding in
folded or decoded text still points at the characters the user sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from mantlet.decoding import decode_segments
from mantlet.folding import (
    CONFUSABLE_RE,
    CONFUSABLE_TABLE,
    CONFUSABLES,
    INVISIBLE,
    INVISIBLE_RE,
)
from mantlet.literals import Literals
from mantlet.views import View, ViewKind

__all__ = ["Document", "View", "ViewKind", "confusable_words", "fold"]


@dataclass
class Document:
    """The text being scanned and its views, computed lazily and at most once."""

    text: str
    role: str = "user"  # whose text this is: user, system, assistant, tool, document
    # The views, once made. Plain fields, not `cached_property`: its lock costs more than
    # the lookups it saves on short texts.
    _original: View | None = field(default=None, repr=False)
    _folded: View | None = field(default=None, repr=False)
    _segments: list[View] | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # never show the raw text
        return f"Document(len={len(self.text)}, role={self.role!r})"

    @property
    def original(self) -> View:
        if self._original is None:
            self._original = View(ViewKind.ORIGINAL, self.text)
        return self._original

    @property
    def folded(self) -> View:
        """NFKC, invisible characters removed, look-alike letters folded where they mix with Latin."""
        if self._folded is None:
            self._folded = fold(self.original)
        return self._folded

    @property
    def decoded(self) -> list[View]:
        """Bounded decoded segments (base64, hex, URL, HTML entities, rot13, Unicode tags)."""
        if self._segments is None:
            self._segments = decode_segments(self.original, self.folded)
        return self._segments

    def views(self) -> Iterator[View]:
        yield self.folded
        if self.folded is not self.original:
            yield self.original
        yield from self.decoded

    def context(self, view: View, start: int, end: int, window: int = 48) -> str:
        """Lower-cased text around a span of a view, for context words."""
        return view.text[max(0, start - window) : end + window].lower()


_WORD_RE = re.compile(r"[^\W\d_]+")


# What `FOLDABLE_RE` finds, as Hyperscan literals: its `re` search costs 50 instructions per
# character of any non-ASCII text, Hyperscan a few.
_FOLDABLE = Literals(INVISIBLE | CONFUSABLES.keys())


def _needs_folding(text: str) -> bool:
    if text.isascii():
        return False
    if _FOLDABLE.found_in(text):
        return True
    return not unicodedata.is_normalized("NFKC", text)


def fold(view: View) -> View:
    text = view.text
    if not _needs_folding(text):
        return view
    chunks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    # ASCII passes through untouched; only runs of other characters (with the character
    # before each, which a combining mark may compose with) are normalized, per cluster.
    for run in _NON_ASCII_RUN_RE.finditer(text):
        a, b = max(run.start() - 1, 0), run.end()  # with the character before it
        _keep(text, pos, a, chunks, starts, ends)
        segment = text[a:b]
        if INVISIBLE_RE.search(segment) is None and unicodedata.is_normalized("NFKC", segment):
            _keep(text, a, b, chunks, starts, ends)
        else:
            _normalize(text, a, b, chunks, starts, ends)
        pos = b
    _keep(text, pos, len(text), chunks, starts, ends)
    folded = _fold_confusables("".join(chunks))
    if folded == text:  # nothing changed after all: one view, scanned once
        return view
    return view.derive(ViewKind.FOLDED, folded, starts, ends, depth=view.depth)


# Runs of non-ASCII characters: a leading class `re` skips ahead with (`.?` before it, for the
# character before the run, made `re` try every position).
_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]+")


def _keep(text: str, a: int, b: int, chunks: list[str], starts: list[int], ends: list[int]) -> None:
    if a < b:
        chunks.append(text[a:b])
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))


def _normalize(
    text: str, a: int, b: int, chunks: list[str], starts: list[int], ends: list[int]
) -> None:
    for cluster_start, cluster_end in _clusters(text, a, b):
        cluster = "".join(ch for ch in text[cluster_start:cluster_end] if ch not in INVISIBLE)
        if not cluster:
            continue
        for ch in unicodedata.normalize("NFKC", cluster):
            if ch not in INVISIBLE:
                chunks.append(ch)
                starts.append(cluster_start)
                ends.append(cluster_end)


def _clusters(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Spans of a starter character and the combining marks after it (NFKC-safe units)."""
    start = a
    for i in range(a + 1, b):
        if not unicodedata.combining(text[i]) and text[i] not in INVISIBLE:
            yield start, i
            start = i
    if a < b:
        yield start, b


def _fold_confusables(text: str) -> str:
    words = confusable_words(text)
    if not words:
        return text
    mostly_latin: bool | None = None  # needs every word of the text: only when asked
    parts: list[str] = []
    pos = 0
    for a, b in words:
        word = text[a:b]
        if not any(c.isascii() for c in word):
            if not all(c in CONFUSABLES for c in word):
                continue  # a word of another script, whatever the rest of the text is
            if mostly_latin is None:  # asked last: it reads every word (~300K instr per KB)
                letters = _WORD_RE.findall(text)
                mostly_latin = sum(map(str.isascii, letters)) * 2 >= len(letters)
            if not mostly_latin:
                continue
        parts += (text[pos:a], word.translate(CONFUSABLE_TABLE))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _is_letter(ch: str) -> bool:
    """What `[^\\W\\d_]` matches: `\\w` is alphanumeric (or `_`), `\\d` is decimal."""
    return ch.isalnum() and not ch.isdecimal()


def confusable_words(text: str) -> list[tuple[int, int]]:
    """Spans of the words (`_WORD_RE`) holding a look-alike letter, found from the look-alikes
    outwards: a regex over every word is 10x slower, as `re`'s Unicode classes are."""
    spans: list[tuple[int, int]] = []
    for found in CONFUSABLE_RE.finditer(text):
        start = found.start()
        if spans and start < spans[-1][1]:
            continue  # inside the word just taken
        end = start + 1
        while start > 0 and _is_letter(text[start - 1]):
            start -= 1
        while end < len(text) and _is_letter(text[end]):
            end += 1
        spans.append((start, end))
    return spans
