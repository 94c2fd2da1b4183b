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


def _word_regex(words: Iterable[str]) -> str:
    """A word of the list, longest first, not glued on its right to a letter, digit or `_`."""
    lowered = {w.lower() for w in words}
    return word_trie(lowered) + r"(?![a-z0-9_])" if lowered else "(?!)"


class ContextWords:
    """Raising and lowering words for one kind of PII, compiled once.

    A word counts where `finditer` of `(?<![a-z0-9_])(?:words)(?![a-z0-9_])` over lower-cased
    text finds it, longest word first, one list at a time. One regex finds both lists' words,
    faster: it starts with the separator before a word, so `re` skips ahead to separators (few
    in text) instead of trying every letter as a word start, and a separator put before the
    text stands for its start. Group 1 is a raising word, group 2 or 3 a lowering word (2
    when a raising word begins at the same place)."""

    def __init__(self, raising: Iterable[str] = (), lowering: Iterable[str] = ()) -> None:
        up, down = _word_regex(raising), _word_regex(lowering)
        self._words = re.compile(rf"[^a-z0-9_](?:(?=({up}))(?:(?=({down})))?|(?=({down})))")

    def signal(self, text: str, start: int, end: int) -> int:
        """+1 when the nearest context word raises, -1 when it lowers, 0 when there is none."""
        before = " " + text[max(0, start - BEFORE) : start].lower()
        up_end, down_end = self._last_ends(before)
        up_start, down_start = self._first_starts(" " + text[end : end + AFTER].lower())
        # Distances from the candidate; on a tie the earlier of these four wins.
        best_distance = BEFORE + AFTER + 1
        best = 0
        if up_end is not None and len(before) - up_end < best_distance:
            best_distance, best = len(before) - up_end, 1
        if up_start is not None and up_start < best_distance:
            best_distance, best = up_start, 1
        if down_end is not None and len(before) - down_end < best_distance:
            best_distance, best = len(before) - down_end, -1
        if down_start is not None and down_start < best_distance:
            best = -1
        return best

    def _last_ends(self, text: str) -> tuple[int | None, int | None]:
        """Where each list's last word ends, its words taken left to right, none overlapping
        the one before (as `finditer`)."""
        up = down = -1
        for hit in self._words.finditer(text):
            start, end = hit.span(1)
            if start >= up:
                up = end
            start, end = hit.span(2) if hit.start(3) < 0 else hit.span(3)
            if start >= down:
                down = end
        return (None if up < 0 else up), (None if down < 0 else down)

    def _first_starts(self, text: str) -> tuple[int | None, int | None]:
        """Where each list's first word starts, counted after the leading separator; None for
        the list whose word comes later: the earlier word is nearer, so that one decides."""
        hit = self._words.search(text)
        if hit is None:
            return None, None
        up, down = hit.start(1), max(hit.start(2), hit.start(3))
        return (None if up < 0 else up - 1), (None if down < 0 else down - 1)


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
