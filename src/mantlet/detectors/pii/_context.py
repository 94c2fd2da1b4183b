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


def _word_regex(words: Iterable[str], backwards: bool) -> str:
    """A word of the list, longest first, not glued on its right to a letter, digit or `_`;
    `backwards`: spelled backwards, then the separator that was before it."""
    if backwards:
        return word_trie({w.lower()[::-1] for w in words}) + "[^a-z0-9_]"
    return word_trie({w.lower() for w in words}) + "(?![a-z0-9_])"


def _nearest_word(raising: tuple[str, ...], lowering: tuple[str, ...], backwards: bool) -> str:
    """A separator, then a word of either list: group 1 is a raising word. `re` skips ahead
    to separators (few in text) instead of trying every letter as a word start, and a
    look-ahead for the words' first characters turns most of them down at once."""
    if not raising and not lowering:
        return "(?!)"
    up = _word_regex(raising, backwards) if raising else "(?!)"
    down = _word_regex(lowering, backwards) if lowering else "(?!)"
    firsts = {(w.lower()[-1] if backwards else w.lower()[0]) for w in (*raising, *lowering)}
    first = "".join(re.escape(ch) for ch in sorted(firsts))
    return rf"[^a-z0-9_](?=[{first}])(?:({up})|{down})"


class ContextWords:
    """Raising and lowering words for one kind of PII, compiled once.

    A word counts where `(?<![a-z0-9_])(?:words)(?![a-z0-9_])` finds it in lower-cased text,
    and the word nearest the candidate decides: one search finds the first word after it,
    and one the nearest before it, reading the window backwards with the words reversed, so
    it stops at that word. Separators put around a window stand for its ends."""

    def __init__(self, raising: Iterable[str] = (), lowering: Iterable[str] = ()) -> None:
        raising, lowering = tuple(raising), tuple(lowering)
        self._first_after = re.compile(_nearest_word(raising, lowering, backwards=False))
        self._nearest_before = re.compile(_nearest_word(raising, lowering, backwards=True))

    def signal(self, text: str, start: int, end: int) -> int:
        """+1 when the nearest context word raises, -1 when it lowers, 0 when there is none.
        Distances count from the candidate's ends; on a tie the first of a raising word
        before, a raising word after, a lowering word before, a lowering word after wins."""
        before = text[max(0, start - BEFORE) : start].lower()
        # Backwards: index 0 stands for the candidate's start, so a hit's start is its distance.
        last = self._nearest_before.search(f" {before[::-1]} ")
        distance, best = BEFORE + AFTER + 1, 0
        if last is not None:
            distance, best = last.start(), (1 if last.lastindex else -1)
        first = self._first_after.search(" " + text[end : end + AFTER].lower())
        if first is not None:
            gap, raising = first.start(), first.lastindex is not None
            if gap < distance or (gap == distance and raising):
                best = 1 if raising else -1
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
