"""Long runs of some ASCII characters, found in C: `bytes.translate` marks each character of
a text as in the set or not, and `bytes.find` jumps from one long run to the next, where a
regex such as `[A-Za-z0-9]{16,}` has `re` retry from every character of every shorter word."""

from __future__ import annotations

import re
from collections.abc import Iterator

IN_RUN = 0x61  # `a`: what `marks` makes of a character in the set; any other becomes a space


def run_table(chars: str) -> bytes:
    """The `bytes.translate` table that `marks` uses for these characters: only ASCII ones
    but `?` (what `char_bytes` makes of the others) can be in a run."""
    return bytes(IN_RUN if b < 0x80 and chr(b) in chars else 0x20 for b in range(256))


def char_bytes(text: str) -> bytes:
    """What `marks` translates: one byte per character of `text`, those past U+00FF `?`. Latin-1
    rather than ASCII: a text with no character past U+00FF is then copied, where ASCII would
    replace its accented letters one character at a time. Made once where several tables mark
    the same text (`char_bytes(text).translate(table)`): it costs more than a translation."""
    return text.encode("latin-1", "replace")


def marks(text: str, table: bytes) -> bytes:
    """One byte per character of `text` (never in a run if it is not ASCII), marked."""
    return text.encode("latin-1", "replace").translate(table)


def long_runs(marked: bytes, minimum: int, pos: int = 0) -> Iterator[tuple[int, int]]:
    """Spans of the runs of `minimum` or more marked characters from `pos` on, left to right;
    a run that began before `pos` is cut there."""
    needle = bytes([IN_RUN]) * minimum
    start = marked.find(needle, pos)
    while start >= 0:
        end = marked.find(b" ", start + minimum)
        if end < 0:
            yield start, len(marked)
            return
        yield start, end
        start = marked.find(needle, end)


_NON_SPACE_RE = re.compile(r"\S*")


def non_space_end(text: str, pos: int) -> int:
    """Where the run of non-whitespace characters that starts at `pos` ends. On a reversed
    text, it walks left over a word: still in C, where a loop over `isspace` is Python's."""
    found = _NON_SPACE_RE.match(text, pos)
    return found.end() if found is not None else pos
