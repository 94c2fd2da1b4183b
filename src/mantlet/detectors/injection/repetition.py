"""Repeated-token flooding: one token said over and over ("12345 12345 12345 ...") before
the real request, to push the model's instructions out of focus or make it diverge.

Attackers vary the copies ("12345 12445 123345") so an exact-repeat check misses them, so a
copy here is any token within one edit of the most frequent one. Not a regex rule: a
backreference with near-matches is beyond the pattern database, and one pass over the
tokens is linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter

WINDOW = 12  # consecutive tokens looked at together
MIN_EXACT = 4  # copies of the most frequent token spelled exactly alike
MIN_NEAR = 10  # copies within one edit of it (the exact ones included)
MIN_TOKEN_CHARS = 3  # shorter tokens repeat innocently ("la la la", "0 0 0")
# A flood alone is odd rather than hostile (a test message, a stuck key): it adds to the
# classifier's evidence instead of deciding.
FLOOD_WEIGHT = 0.6

_TOKEN_RE = re.compile(r"\S+")


def within_one_edit(a: str, b: str) -> bool:
    """True when `b` is `a` with at most one character inserted, deleted or replaced."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def token_flood(text: str) -> tuple[int, int] | None:
    """The span of a window of WINDOW tokens that is a flood of one token, or None. Only
    tokens seen MIN_EXACT times close together are tried, so ordinary text costs one split
    and one count."""
    words = text.lower().split()  # the tokens of _TOKEN_RE: both split on str.isspace
    if len(words) < WINDOW:
        return None
    frequent = {
        w for w, n in Counter(words).items() if n >= MIN_EXACT and len(w) >= MIN_TOKEN_CHARS
    }
    if not frequent:
        return None
    positions: dict[str, list[int]] = {w: [] for w in frequent}
    for index, word in enumerate(words):
        if word in frequent:
            positions[word].append(index)
    for word, where in positions.items():
        for k in range(len(where) - MIN_EXACT + 1):
            first, last = where[k], where[k + MIN_EXACT - 1]
            if last - first >= WINDOW:
                continue
            for start in range(max(0, last - WINDOW + 1), min(first, len(words) - WINDOW) + 1):
                window = words[start : start + WINDOW]
                if sum(1 for t in window if within_one_edit(word, t)) >= MIN_NEAR:
                    spans = [m.span() for m in _TOKEN_RE.finditer(text)]
                    return spans[start][0], spans[start + WINDOW - 1][1]
    return None
