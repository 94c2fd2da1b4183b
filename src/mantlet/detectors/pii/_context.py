"""Context words around a candidate: the cheap signal that turns a digit string into PII.

Each detector keeps two word lists: words that make the candidate more likely real PII of
its kind ("card", "iban", "phone") and words that make it likely something else ("order
number", "version"). The nearest such word before (or shortly after) the candidate wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.word_trie import word_trie
from mantlet.findings import Category

BEFORE = 48
AFTER = 24


class _Words:
    """One word list, found in lower-cased text where `finditer` of
    `(?<![a-z0-9_])(?:words)(?![a-z0-9_])` finds it, longest word first, but faster: the
    regex starts with the separator before a word, so `re` skips ahead to separators (few in
    text) instead of trying every letter as a word start. A separator put before the text
    stands for its start, so each question is one `re` call."""

    def __init__(self, words: Iterable[str]) -> None:
        word = word_trie({w.lower() for w in words}) + r"(?![a-z0-9_])"
        self._after_separator = re.compile(rf"[^a-z0-9_](?=({word}))")

    def last_end(self, text: str) -> int | None:
        """Where the last word ends, the words taken left to right, none overlapping the one
        before (as `finditer`)."""
        last = None
        for hit in self._after_separator.finditer(" " + text):
            start, end = hit.span(1)
            if last is None or start >= last:
                last = end
        return None if last is None else last - 1

    def first_start(self, text: str) -> int | None:
        hit = self._after_separator.search(" " + text)
        return None if hit is None else hit.start(1) - 1


def _words(words: Iterable[str]) -> _Words | None:
    return _Words(words) if words else None


class ContextWords:
    """Raising and lowering words for one kind of PII, compiled once."""

    def __init__(self, raising: Iterable[str] = (), lowering: Iterable[str] = ()) -> None:
        self._raising = _words(tuple(raising))
        self._lowering = _words(tuple(lowering))

    def signal(self, text: str, start: int, end: int) -> int:
        """+1 when the nearest context word raises, -1 when it lowers, 0 when there is none."""
        before = text[max(0, start - BEFORE) : start].lower()
        after = text[end : end + AFTER].lower()
        best_distance = BEFORE + AFTER + 1
        best = 0
        for words, sign in ((self._raising, 1), (self._lowering, -1)):
            if words is None:
                continue
            last = words.last_end(before)
            if last is not None and len(before) - last < best_distance:
                best_distance, best = len(before) - last, sign
            following = words.first_start(after)
            if following is not None and following < best_distance:
                best_distance, best = following, sign
        return best


class PiiDetector(Detector):
    """Shared shape of the structured PII detectors: category PII and a context word list."""

    category = Category.PII
    context_words: ClassVar[ContextWords] = ContextWords()

    # Characters a token has before where its pattern starts matching, by pattern name: a
    # pattern may anchor on a rare character inside the token and check the rest by look-behind.
    lead: ClassVar[dict[str, int]] = {}

    def token(self, match: Match) -> tuple[int, int, str]:
        """The candidate token's span in its view, and its text."""
        start, end = match.match.span()
        start -= self.lead.get(match.pattern.name, 0)
        return start, end, match.view.text[start:end]

    def context_signal(self, match: Match) -> int:
        start, end, _ = self.token(match)
        return self.context_words.signal(match.view.text, start, end)


def starts_with(first: str, not_after: str) -> str:
    """A regex for a token that begins with one of `first` (a character class) and is not
    glued on its left to one of `not_after`. The class comes first so that Python's `re`
    skips ahead with its fast first-character scan and checks the look-behind only there."""
    return f"{first}(?<!{not_after}.)"


def extend_left(text: str, start: int, allowed: frozenset[str], limit: int) -> int:
    """Where a token ending at `start` begins: walk left over `allowed` characters, at most
    `limit` of them. Patterns anchored on a literal (`@`, `.`) use it to find their left part
    without a regex that would be tried at every position of the text."""
    low = max(0, start - limit)
    while start > low and text[start - 1] in allowed:
        start -= 1
    return start


_DIGIT_RUN_RE = re.compile(r"[0-9]+")


def digits_of(text: str) -> str:
    """Only the ASCII digits of a candidate, separators dropped."""
    return "".join(_DIGIT_RUN_RE.findall(text))


def clamp(score: float) -> float:
    return min(max(score, 0.0), 1.0)
