"""Split long text into overlapping windows so it is scored whole, in linear time.

A short injection inside a long document would be diluted if the whole document were one
feature vector; scoring windows and keeping the highest keeps it visible.
"""

from __future__ import annotations

from collections.abc import Iterator

WINDOW_CHARS = 2048
STRIDE_CHARS = 1024


def windows(
    text: str, size: int = WINDOW_CHARS, stride: int = STRIDE_CHARS
) -> Iterator[tuple[int, int]]:
    """(start, end) spans covering `text`: the whole text when short, else windows of `size`
    every `stride` characters, starts nudged forward to a word boundary."""
    n = len(text)
    if n <= size:
        yield 0, n
        return
    start = 0
    while True:
        end = min(start + size, n)
        yield start, end
        if end >= n:
            return
        nxt = start + stride
        space = text.find(" ", nxt, nxt + 32)
        start = space + 1 if space != -1 else nxt
