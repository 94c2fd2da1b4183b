"""Patterns and the multi-pattern matchers that find which of them can match a text.

Both backends end with Python's `re` confirming each match, so they give the same
matches by construction; Hyperscan only prunes the patterns worth running, in one pass.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A regular expression a detector wants matched.

    `keywords`: lower-case literals, one of which every match must contain. The
    pure-Python backend uses them to skip patterns cheaply; they must be truly required,
    or the two backends would disagree (a test compares them).

    `\\w`, `\\d`, `\\s` and `\\b` mean ASCII classes (`re.ASCII`), as in Hyperscan, so one
    Hyperscan pass over the UTF-8 bytes prunes patterns for any text. A pattern that needs
    Unicode classes sets `unicode`; Hyperscan then prunes it only on ASCII text, or on any
    text through `prefilter`, a Hyperscan expression every match of `regex` must match.
    """

    name: str
    regex: str
    flags: int = 0
    keywords: tuple[str, ...] = ()
    unicode: bool = False
    prefilter: str | None = None
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = self.flags if self.unicode else self.flags | re.ASCII
        object.__setattr__(self, "compiled", re.compile(self.regex, flags))

    @property
    def prunable_on_unicode(self) -> bool:
        """Whether a Hyperscan pass over UTF-8 bytes is a sound pre-check on non-ASCII text."""
        return not self.unicode or self.prefilter is not None


class Matcher(Protocol):
    def candidates(self, text: str) -> dict[int, int]:
        """The patterns that may match in `text`, in index order, each with the position
        from which `re` must search: no match of it starts earlier."""
        ...


class PythonMatcher:
    """Keyword pre-check, then every remaining pattern is tried by `re`."""

    name = "python"

    def __init__(self, patterns: Sequence[Pattern], among: Collection[int] | None = None) -> None:
        """`among`: indexes of the patterns to consider (all by default)."""
        indexes = range(len(patterns)) if among is None else sorted(among)
        self._keyed = [(i, patterns[i].keywords) for i in indexes if patterns[i].keywords]
        self._unkeyed = [i for i in indexes if not patterns[i].keywords]

    def candidates(self, text: str) -> dict[int, int]:
        lowered = text.lower()
        keyed = [i for i, words in self._keyed if any(w in lowered for w in words)]
        return dict.fromkeys(sorted(self._unkeyed + keyed), 0)


class HyperscanMatcher:
    """All patterns in one Hyperscan database, scanned once in prefilter mode over the text's
    UTF-8 bytes. Hyperscan runs without Unicode properties (they reject `\\b`), which is what
    `re.ASCII` means too; `unicode` patterns without a `prefilter` fall back to the keyword
    pre-check on non-ASCII text, so every path stays a superset of what `re` confirms.

    Each pattern's first Hyperscan match ends no later than its first real match, so a
    pattern of bounded width W has no match starting before that end minus W: `re` starts
    there instead of at the top of the text.
    """

    name = "hyperscan"

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        import hyperscan

        self._fallback = PythonMatcher(patterns)
        usable = [i for i, p in enumerate(patterns) if not p.flags & re.VERBOSE]
        self._always: list[int] = [i for i, p in enumerate(patterns) if p.flags & re.VERBOSE]
        self._db = _compile_db(hyperscan, [patterns[i] for i in usable])
        if self._db is None and usable:
            # Some pattern is beyond Hyperscan even in prefilter mode: find which, once.
            bad = [i for i in usable if _compile_db(hyperscan, [patterns[i]]) is None]
            for i in bad:
                log.debug("pattern %s runs outside hyperscan", patterns[i].name)
            self._always += bad
            usable = [i for i in usable if i not in bad]
            self._db = _compile_db(hyperscan, [patterns[i] for i in usable])
        self._ids = usable
        # On non-ASCII text these get the keyword pre-check instead of Hyperscan's verdict.
        self._ascii_only = frozenset(i for i in usable if not patterns[i].prunable_on_unicode)
        self._ascii_only_matcher = PythonMatcher(patterns, among=self._ascii_only)
        self._widths = [max_width(p) for p in patterns]

    def candidates(self, text: str) -> dict[int, int]:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: Hyperscan needs valid UTF-8
            return self._fallback.candidates(text)
        ascii_text = len(data) == len(text)
        first_ends: dict[int, int] = {}
        if self._db is not None and data:
            ids = self._ids

            def on_match(pid: int, start: int, end: int, flags: int, ctx: object) -> None:
                first_ends.setdefault(ids[pid], end)

            self._db.scan(data, match_event_handler=on_match)  # type: ignore[attr-defined]
        char_ends = first_ends if ascii_text else _char_offsets(data, first_ends)
        starts = {pid: self._search_start(pid, end) for pid, end in char_ends.items()}
        for pid in self._always:
            starts[pid] = 0
        if not ascii_text and self._ascii_only:
            for pid in self._ascii_only:
                starts.pop(pid, None)
            starts.update(self._ascii_only_matcher.candidates(text))
        return dict(sorted(starts.items()))

    def _search_start(self, pid: int, end: int) -> int:
        width = self._widths[pid]
        return 0 if width is None else max(0, end - width)


def _char_offsets(data: bytes, byte_offsets: dict[int, int]) -> dict[int, int]:
    """The same offsets counted in characters of the UTF-8 `data`, decoding each stretch once
    (never more than the text, however many patterns). A stretch cut inside a character
    loses it, which only moves an offset earlier: still a safe place to start searching."""
    chars: dict[int, int] = {}
    position, count = 0, 0
    for key, offset in sorted(byte_offsets.items(), key=lambda item: item[1]):
        count += len(data[position:offset].decode("utf-8", "ignore"))
        position = offset
        chars[key] = count
    return chars


# Wider than this counts as unbounded: starting `re` early would save little.
_MAX_BOUNDED_WIDTH = 4096


def max_width(pattern: Pattern) -> int | None:
    """The most characters a match of `pattern` can span, or None if unbounded."""
    from re import _parser  # type: ignore[attr-defined]  # sre's own width analysis

    try:
        _, widest = _parser.parse(pattern.regex, pattern.compiled.flags).getwidth()
    except Exception:  # an internal API: fall back to searching from the top
        return None
    return int(widest) if widest <= _MAX_BOUNDED_WIDTH else None


def _hs_flags(hyperscan: object, flags: int) -> int:
    hs = hyperscan
    out = hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8  # type: ignore[attr-defined]
    if flags & re.IGNORECASE:
        out |= hs.HS_FLAG_CASELESS  # type: ignore[attr-defined]
    if flags & re.DOTALL:
        out |= hs.HS_FLAG_DOTALL  # type: ignore[attr-defined]
    if flags & re.MULTILINE:
        out |= hs.HS_FLAG_MULTILINE  # type: ignore[attr-defined]
    return int(out)


def _compile_db(hyperscan: object, patterns: Sequence[Pattern]) -> object | None:
    if not patterns:
        return None
    try:
        db = hyperscan.Database()  # type: ignore[attr-defined]
        db.compile(
            expressions=[(p.prefilter or p.regex).encode() for p in patterns],
            ids=list(range(len(patterns))),
            elements=len(patterns),
            flags=[_hs_flags(hyperscan, p.flags) for p in patterns],
        )
    except Exception:
        return None
    return db  # type: ignore[no-any-return]


def hyperscan_available() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


def build_matcher(patterns: Sequence[Pattern], backend: str = "auto") -> Matcher:
    """`auto` picks Hyperscan where the platform has it, else pure Python."""
    if backend not in ("auto", "hyperscan", "python"):
        raise ValueError(f"unknown matcher backend {backend!r}")
    if backend == "python" or (backend == "auto" and not hyperscan_available()):
        return PythonMatcher(patterns)
    return HyperscanMatcher(patterns)
