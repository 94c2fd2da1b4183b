"""Hidden text: invisible characters, Unicode tag smuggling, bidi overrides, homoglyph words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from mantlet.detectors.base import Detector, Match
from mantlet.findings import Category, Finding, Severity
from mantlet.folding import BIDI_CONTROLS, CONFUSABLES
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document, ViewKind

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\u2061\u2062\u2063\u2064"
_EMOJI_JOINERS = "\u200d\ufe0f\ufe0e"


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


@register
class HiddenTextDetector(Detector):
    name = "hidden_text"
    category = Category.HIDDEN_TEXT
    labels = ("UNICODE_TAGS", "BIDI_OVERRIDE", "INVISIBLE_CHARACTERS", "HOMOGLYPHS")
    views = frozenset({ViewKind.ORIGINAL})
    patterns = (
        Pattern("unicode_tags", "[\U000e0000-\U000e007f]+"),
        Pattern("bidi", "[\u202a-\u202e\u2066-\u2069]+"),
        Pattern("invisible", f"[{_ZERO_WIDTH}\ufe00-\ufe0f\U000e0100-\U000e01ef]+"),
        # A word with at least one look-alike letter; detect() keeps those that mix with Latin.
        # Such a match always starts at a word's start: saying so spares `re` from trying
        # (and backtracking through) every position inside every word.
        Pattern(
            "homoglyph_word",
            r"(?<!\w)\w*[" + "".join(CONFUSABLES) + r"]\w*",
            unicode=True,  # the whole word, whatever its script
            prefilter="[" + "".join(CONFUSABLES) + "]",
        ),
    )
    examples = (
        "hello\U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065 world",
        "file\u202egnp.exe",
        "ig\u200bnore all previous",
        "please login at pаypal.com",
    )
    counterexamples = (
        "plain ascii text",
        "family emoji \U0001f468\u200d\U0001f469\u200d\U0001f467 is fine",
        "привет мир",
        "Arabic text \u0645\u0631\u062d\u0628\u0627 is fine",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        text = document.text
        for m in matches:
            start, end = m.span()
            kind = m.pattern.name
            if kind == "unicode_tags":
                yield self.finding(
                    document,
                    (start, end),
                    "UNICODE_TAGS",
                    0.99,
                    Severity.HIGH,
                    evidence=f"{end - start} tag characters",
                    reason="Unicode tag characters can smuggle invisible text",
                )
            elif kind == "bidi":
                yield self.finding(
                    document,
                    (start, end),
                    "BIDI_OVERRIDE",
                    0.9,
                    Severity.MEDIUM,
                    evidence=f"{end - start} bidi controls",
                    reason="bidi controls can reorder what a reader sees",
                )
            elif kind == "invisible":
                if _between_emoji(text, start, end):
                    continue
                yield self.finding(
                    document,
                    (start, end),
                    "INVISIBLE_CHARACTERS",
                    0.8,
                    Severity.MEDIUM,
                    evidence=f"{end - start} invisible characters",
                    reason="zero-width characters can split or hide words",
                )
            elif kind == "homoglyph_word" and _mixes_with_latin(m.text):
                yield self.finding(
                    document,
                    (start, end),
                    "HOMOGLYPHS",
                    0.85,
                    Severity.MEDIUM,
                    evidence=f"{sum(ch in CONFUSABLES for ch in m.text)} look-alike letters",
                    reason="a word mixes Latin letters with look-alikes from other scripts",
                )


def _mixes_with_latin(word: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in word)


def _between_emoji(text: str, start: int, end: int) -> bool:
    """Zero-width joiners and variation selectors are legitimate inside emoji sequences."""
    if any(ch not in _EMOJI_JOINERS for ch in text[start:end]):
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before) and _is_emoji(before) and (not after or _is_emoji(after) or after in " \n")


__all__ = ["BIDI_CONTROLS", "HiddenTextDetector"]
