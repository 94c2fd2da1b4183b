"""Views: texts derived from the original (folded, decoded), each mapped back to it.

A module of their own, apart from `mantlet.text`: decoding makes views and `Document` calls
decoding, so both import this one, and `mantlet.text` imports decoding once, at the top (an
import statement run by every scan cost 7K instructions).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ViewKind(StrEnum):
    ORIGINAL = "original"
    FOLDED = "folded"
    DECODED = "decoded"


@dataclass(frozen=True, slots=True, eq=False)
class View:
    """Text derived from the original, with an offset map back to it.

    `starts`/`ends` give, per view character, its original span. Both `None` means the
    view is the original (identity map). `span` alone means every character maps to that
    one original span (used for base64/hex, where characters do not line up).
    """

    kind: ViewKind
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    span: tuple[int, int] | None = None
    encoding: str = ""  # for decoded views: base64, hex, url, html, rot13, unicode_tags
    depth: int = 0

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of this view to the span of original text it came from."""
        if self.starts is None or self.ends is None:
            return self.span if self.span is not None else (start, end)
        n = len(self.starts)
        if n == 0:
            return self.span if self.span is not None else (0, 0)
        start = min(max(start, 0), n - 1)
        end = min(max(end, start + 1), n)
        return self.starts[start], self.ends[end - 1]

    def derive(
        self,
        kind: ViewKind,
        text: str,
        starts: list[int],
        ends: list[int],
        encoding: str = "",
        depth: int = 0,
    ) -> View:
        """A view of this view, its offsets composed so they point at the original."""
        if self.starts is not None and self.ends is not None:
            starts = [self.starts[i] for i in starts]
            ends = [self.ends[i - 1] for i in ends]
        elif self.span is not None:
            return View(kind, text, span=self.span, encoding=encoding, depth=depth)
        return View(kind, text, tuple(starts), tuple(ends), encoding=encoding, depth=depth)

    def retext(self, kind: ViewKind, text: str, encoding: str) -> View:
        """A view whose characters stand one-for-one in place of this view's: it shares this
        view's offsets, so a long text is rewritten without building an offset map."""
        if len(text) != len(self.text):
            raise ValueError("a one-for-one rewrite must keep the length")
        return View(kind, text, self.starts, self.ends, self.span, encoding, self.depth)

    def derive_coarse(self, text: str, start: int, end: int, encoding: str, depth: int) -> View:
        """A decoded view whose characters all map to one span of this view."""
        return View(
            ViewKind.DECODED,
            text,
            span=self.to_original(start, end),
            encoding=encoding,
            depth=depth,
        )
