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
    r"(?<![\w@$!|])(?=[\w@$!|]*[A-Za-z])(?=[\w@$!|]*[4310579@$|8!])[\w@$!|]{2,}"
)
# Symbols closing a word are punctuation ("wow!", "costs 5$"), not letters: left as they are,
# so ordinary long text does not turn into a leet twin of itself.
_TRAILING_SYMBOLS_RE = re.compile(r"[@$!|]+$")
_LEET_CHAR_RE = re.compile(r"[4310579@$|8!]")
_HAS_LEET_RE = re.compile(r"[A-Za-z][4310579@$|]|[4310579@$|!][A-Za-z]")
_DIGITS_ONLY_WORD_RE = re.compile(r"(?<=\s)[4310579]{1,3}(?=\s)")


def has_leetspeak(text: str) -> bool:
    return _HAS_LEET_RE.search(text) is not None


@dataclass(frozen=True, slots=True)
class LeetView:
    """The leet-folded twin of a view, and the spans where it differs from that view: only
    there can it show something new, so rules and the classifier look nowhere else."""

    view: View
    changed: tuple[tuple[int, int], ...]


def _leet_edits(text: str) -> list[tuple[int, str]]:
    edits = []
    for m in _LEET_WORD_RE.finditer(text):
        word = _TRAILING_SYMBOLS_RE.sub("", m.group())
        if _LEET_CHAR_RE.search(word) and any(c.isalpha() for c in word):
            edits.append((m.start(), word.translate(_LEET_TO_LETTER)))
    for m in _DIGITS_ONLY_WORD_RE.finditer(text):  # "4" for "a", "15" for "is" between words
        edits.append((m.start(), m.group().translate(_LEET_TO_LETTER)))
    return edits


def deleet(view: View) -> LeetView | None:
    """The view with leet characters inside words read as letters ("1gn0r3" -> "ignore").

    Offsets are one-to-one with the view, so spans still map to the original. `None` when
    nothing looks like leetspeak, so ordinary text costs one regex search.
    """
    text = view.text
    if not has_leetspeak(text):
        return None
    chars = list(text)
    changed = []
    for start, word in _leet_edits(text):
        end = start + len(word)
        if word != text[start:end]:
            chars[start:end] = word
            changed.append((start, end))
    if not changed:
        return None
    folded = view.retext(ViewKind.FOLDED, "".join(chars), "leet")
    return LeetView(folded, tuple(sorted(changed)))


# Unicode tag characters shadowing printable ASCII (U+E0020..U+E007E): invisible to a reader,
# read by many models. Attackers interleave them with visible text, in any script.
_TAG_RE = re.compile("[\U000e0020-\U000e007e]")
_TAG_OFFSET = 0xE0000
# Tag begin/cancel markers (U+E0000..E001F, U+E007F) carry no letter: dropped.
_TAG_MARKERS = frozenset(chr(code) for code in (*range(0xE0000, 0xE0020), 0xE007F))
_SHOW_TAGS: dict[int, int | None] = {
    **{code: code - _TAG_OFFSET for code in range(0xE0020, 0xE007F)},
    **{code: None for code in (*range(0xE0000, 0xE0020), 0xE007F)},
}


def untagged(document: Document) -> View | None:
    """The text as a model reads it: tag characters shown, in place, as the ASCII they shadow
    (the decoder extracts tag runs alone; this keeps them among the visible letters).
    `None` when there are none, so ordinary text costs one regex search."""
    text = document.text
    if _TAG_RE.search(text) is None:
        return None
    shown = text.translate(_SHOW_TAGS)
    if len(shown) == len(text):
        return document.original.retext(ViewKind.FOLDED, shown, "unicode_tags")
    kept = [i for i, ch in enumerate(text) if ch not in _TAG_MARKERS]
    return document.original.derive(
        ViewKind.FOLDED, shown, kept, [i + 1 for i in kept], encoding="unicode_tags"
    )


@dataclass(frozen=True, slots=True)
class ScoredText:
    """One text the classifier scores, and the view it came from (for spans and reasons)."""

    view: View
    label: str  # "text", "leet", or the decoding: "base64", "hex", "rot13" ...
    # Where the text differs from one already scored; None when it all may (a window
    # touching no such span has the same features, so the same score, as one seen before).
    changed: tuple[tuple[int, int], ...] | None = None

    def worth_scoring(self, start: int, end: int) -> bool:
        return self.changed is None or any(a < end and start < b for a, b in self.changed)


def classifier_inputs(document: Document, leet: LeetView | None) -> list[ScoredText]:
    """The folded text, its leet-folded twin (`deleet` of it), and each decoded segment: what
    an attacker may have hidden is scored as plainly as what they wrote."""
    out = [ScoredText(document.folded, "text")]
    if leet is not None:
        out.append(ScoredText(leet.view, "leet", leet.changed))
    tagged = untagged(document)
    if tagged is not None:
        out.append(ScoredText(tagged, "unicode_tags"))
    for segment in document.decoded:
        out.append(ScoredText(segment, segment.encoding or "decoded"))
    return out
