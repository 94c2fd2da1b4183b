"""Extra views of a text the injection detector scans: leetspeak folded back to letters, and
the short list of texts (views and decoded segments) the classifier scores."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mantlet.text import Document, View, ViewKind

_LEET_TO_LETTER = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "1": "i",
        "!": "i",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "9": "g",
        "8": "b",
        "|": "l",
    }
)
# A word that mixes letters with leet digits/symbols: "1gn0r3", "pr3v10us", "5y5t3m".
_LEET_WORD_RE = re.compile(
    r"(?<![\w@$!|])(?=[\w@$!|]*[A-Za-z])(?=[\w@$!|]*[4310579@$|8])[\w@$!|]{2,}"
)
_HAS_LEET_RE = re.compile(r"[A-Za-z][4310579@$|]|[4310579@$|][A-Za-z]")
_DIGITS_ONLY_WORD_RE = re.compile(r"(?<=\s)[4310579]{1,3}(?=\s)")


def has_leetspeak(text: str) -> bool:
    return _HAS_LEET_RE.search(text) is not None


def deleet(view: View) -> View | None:
    """The view with leet characters inside words read as letters ("1gn0r3" -> "ignore").

    Offsets are one-to-one with the view, so spans still map to the original. `None` when
    nothing looks like leetspeak, so ordinary text costs one regex search.
    """
    text = view.text
    if not has_leetspeak(text):
        return None
    chars = list(text)
    for m in _LEET_WORD_RE.finditer(text):
        chars[m.start() : m.end()] = m.group().translate(_LEET_TO_LETTER)
    for m in _DIGITS_ONLY_WORD_RE.finditer(text):  # "4" for "a", "15" for "is" between words
        chars[m.start() : m.end()] = m.group().translate(_LEET_TO_LETTER)
    folded = "".join(chars)
    if folded == text:
        return None
    n = len(folded)
    return view.derive(
        ViewKind.FOLDED,
        folded,
        list(range(n)),
        list(range(1, n + 1)),
        encoding="leet",
        depth=view.depth,
    )


# Unicode tag characters shadowing printable ASCII (U+E0020..U+E007E): invisible to a reader,
# read by many models. Attackers interleave them with visible text, in any script.
_TAG_RE = re.compile("[\U000e0020-\U000e007e]")
_TAG_OFFSET = 0xE0000


def untagged(document: Document) -> View | None:
    """The text as a model reads it: tag characters shown, in place, as the ASCII they shadow
    (the decoder extracts tag runs alone; this keeps them among the visible letters).
    `None` when there are none, so ordinary text costs one regex search."""
    text = document.text
    if _TAG_RE.search(text) is None:
        return None
    chars, starts = [], []
    for i, ch in enumerate(text):
        code = ord(ch)
        if 0xE0020 <= code <= 0xE007E:
            chars.append(chr(code - _TAG_OFFSET))
        elif 0xE0000 <= code <= 0xE007F:
            continue  # tag begin/cancel markers carry no letter
        else:
            chars.append(ch)
        starts.append(i)
    return document.original.derive(
        ViewKind.FOLDED,
        "".join(chars),
        starts,
        [i + 1 for i in starts],
        encoding="unicode_tags",
    )


@dataclass(frozen=True, slots=True)
class ScoredText:
    """One text the classifier scores, and the view it came from (for spans and reasons)."""

    view: View
    label: str  # "text", "leet", or the decoding: "base64", "hex", "rot13" ...


def classifier_inputs(document: Document) -> list[ScoredText]:
    """The folded text, its leet-folded twin, and each decoded segment: what an attacker may
    have hidden is scored as plainly as what they wrote."""
    folded = document.folded
    out = [ScoredText(folded, "text")]
    leet = deleet(folded)
    if leet is not None:
        out.append(ScoredText(leet, "leet"))
    tagged = untagged(document)
    if tagged is not None:
        out.append(ScoredText(tagged, "unicode_tags"))
    for segment in document.decoded:
        out.append(ScoredText(segment, segment.encoding or "decoded"))
    return out
