"""Patterns and the multi-pattern matchers that find which of them can match a text.

Both backends end with Python's `re` confirming each match, so they give the same
matches by construction; Hyperscan only prunes the patterns worth running, in one pass.
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_left
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from mantlet.literals import every_match_db
from mantlet.runs import IN_RUN, char_bytes, long_runs, marks, run_table

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

    `near_ends`: Hyperscan reports every end of this pattern, in short texts too, and `re`
    searches only near them. For patterns whose matches are rare and end in few places but
    which `re` is slow to search for (a common first letter, then alternatives): from the
    first end to the end of the text is most of a message. Not for patterns that end at
    every character of a run (`[A-Za-z0-9]{20,}`): one report each is cheaper.

    `starts_run`: (ASCII characters, n) such that every match begins a run of n or more of
    them, with none just before it (as after a look-behind for them). `re` then tries only
    where such runs begin, found in C (`mantlet.runs`), not at every position of a region.

    `lowered`: for a case-insensitive pattern, the same regex for text whose ASCII letters are
    lower-cased, without IGNORECASE, and matching no `?` (what non-ASCII characters become).
    `re` finds matches with it, skipping ahead on literal first letters, which it cannot do
    case-insensitively (2x faster for a word alternation); `regex` then matches at each one.

    `first_words`: literals one of which every match begins with, in any case (`lowered`
    then serves only without Hyperscan). Hyperscan finds each of them, caselessly, in the
    text's Latin-1 bytes (`runs.char_bytes`: one byte per character, so its offsets are
    characters), and `re` tries to match only there: a search for a word alternation tries
    every character, at ~15 ns each.
    """

    name: str
    regex: str
    flags: int = 0
    keywords: tuple[str, ...] = ()
    unicode: bool = False
    prefilter: str | None = None
    near_ends: bool = False
    starts_run: tuple[str, int] | None = None
    lowered: str | None = None
    first_words: tuple[str, ...] = ()
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    # The most characters a match can span (sre's own analysis), None when unbounded.
    width: int | None = field(init=False, repr=False, compare=False)
    # How far past a match's end its lookaheads and `\b` may read, None when unbounded.
    reach: int | None = field(init=False, repr=False, compare=False)
    _run_table: bytes = field(init=False, repr=False, compare=False)
    _lowered: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    # Every occurrence of `first_words`, found by Hyperscan; None without it.
    _first_words_db: object | None = field(init=False, repr=False, compare=False)
    _word_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flags = self.flags if self.unicode else self.flags | re.ASCII
        object.__setattr__(self, "compiled", re.compile(self.regex, flags))
        object.__setattr__(self, "width", _max_width(self.compiled))
        object.__setattr__(self, "reach", _reach_past_end(self.compiled))
        object.__setattr__(
            self, "_run_table", run_table(self.starts_run[0] if self.starts_run else "")
        )
        lowered = None
        if self.lowered is not None:
            lowered = re.compile(self.lowered, (self.flags & ~re.IGNORECASE) | re.ASCII)
        object.__setattr__(self, "_lowered", lowered)
        words_db = None
        if self.first_words:
            words_db = every_match_db([re.escape(w) for w in self.first_words], caseless=True)
        object.__setattr__(self, "_first_words_db", words_db)
        object.__setattr__(self, "_word_lengths", tuple(len(w) for w in self.first_words))

    def finditer(self, text: str, regions: Regions) -> Iterator[re.Match[str]]:
        """The matches `self.compiled.finditer(text)` gives, found by searching only the
        `regions` (sorted, disjoint) in which a matcher says matches may start."""
        if self.starts_run is not None:
            return self._finditer_runs(text, regions, self.starts_run[1])
        if self._first_words_db is not None:
            return self._finditer_words(text, regions, self._first_words_db)
        if self._lowered is not None:  # the lowered regex finds matches in lowered text
            lowered = text.encode("ascii", "replace").lower().decode("ascii")
            return self._finditer_regions(text, regions, self._lowered, lowered)
        n = len(text)
        if len(regions) == 1 and regions[0][1] == n:  # to the end: re alone, no generator
            return self.compiled.finditer(text, regions[0][0])
        return self._finditer_regions(text, regions)

    def _finditer_regions(
        self,
        text: str,
        regions: Regions,
        finder: re.Pattern[str] | None = None,
        searched: str = "",
    ) -> Iterator[re.Match[str]]:
        """Matches in each region. `finder`, if given, finds where they start in `searched`
        (as long as `text`), and `regex` matches there."""
        n, resume = len(text), 0
        for lo, hi in regions:
            pos = max(lo, resume)
            if pos >= hi:
                continue
            # A match starting before `hi` ends by `hi + width`; its lookaheads read `reach`
            # further. Cutting the text there keeps `re` from searching on past `hi`.
            if self.width is None or self.reach is None:
                endpos = n
            else:
                endpos = min(n, hi + self.width + self.reach)
            if finder is None:
                found_all = self.compiled.finditer(text, pos, endpos)
            else:
                found_all = finder.finditer(searched, pos, endpos)
            for found in found_all:
                start = found.start()
                if start >= hi:
                    break
                if finder is not None:
                    match = self.compiled.match(text, start)
                    if match is None or start < resume:
                        continue
                    found = match
                resume = max(found.end(), start + 1)
                yield found

    def _finditer_words(self, text: str, regions: Regions, db: object) -> Iterator[re.Match[str]]:
        """`finditer` for `first_words` patterns: `regex` matches only where one of them begins."""
        starts = self._word_starts(char_bytes(text), db)
        match = self.compiled.match
        resume, i = 0, 0
        for lo, hi in regions:
            i = bisect_left(starts, max(lo, resume), i)
            while i < len(starts) and starts[i] < hi:
                start = starts[i]
                i += 1
                if start < resume:
                    continue
                found = match(text, start)
                if found is not None:
                    resume = max(found.end(), start + 1)
                    yield found

    def _word_starts(self, data: bytes, db: object) -> list[int]:
        """Where each of `first_words` begins in `data`, overlapping ones too, in order."""
        lengths = self._word_lengths
        starts: list[int] = []
        add = starts.append

        def on_match(pid: int, start: int, end: int, flags: int, ctx: object) -> None:
            add(end - lengths[pid])

        db.scan(data, match_event_handler=on_match)  # type: ignore[attr-defined]
        starts.sort()
        return starts

    def _finditer_runs(self, text: str, regions: Regions, minimum: int) -> Iterator[re.Match[str]]:
        """`finditer` for `starts_run` patterns: `re` matches only where a long run begins."""
        marked = marks(text, self._run_table)
        resume = 0
        for lo, hi in regions:
            for start, _ in long_runs(marked, minimum, max(lo, resume)):
                if start >= hi:
                    break
                if start < resume or (start > 0 and marked[start - 1] == IN_RUN):
                    continue  # inside the last match, or the run began further left
                found = self.compiled.match(text, start)
                if found is not None:
                    resume = max(found.end(), start + 1)
                    yield found

    @property
    def prunable_on_unicode(self) -> bool:
        """Whether a Hyperscan pass over UTF-8 bytes is a sound pre-check on non-ASCII text."""
        return not self.unicode or self.prefilter is not None


# Where matches of a pattern may start: sorted, disjoint [lo, hi) character intervals.
Regions = tuple[tuple[int, int], ...]


class Matcher(Protocol):
    def candidates(self, text: str) -> dict[int, Regions]:
        """The patterns that may match in `text`, in index order, each with the regions in
        which its matches may start: `Pattern.finditer` searches nowhere else."""
        ...

    def prepare_long_texts(self) -> None:
        """Build now what the first long text would otherwise wait for (a server's start)."""
        ...


def _whole(text: str, start: int = 0) -> Regions:
    return ((start, len(text)),) if start < len(text) else ()


class PythonMatcher:
    """Keyword pre-check, then every remaining pattern is tried by `re`."""

    name = "python"

    def __init__(self, patterns: Sequence[Pattern], among: Collection[int] | None = None) -> None:
        """`among`: indexes of the patterns to consider (all by default)."""
        indexes = range(len(patterns)) if among is None else sorted(among)
        self._keyed = [(i, patterns[i].keywords) for i in indexes if patterns[i].keywords]
        self._unkeyed = [i for i in indexes if not patterns[i].keywords]

    def candidates(self, text: str) -> dict[int, Regions]:
        lowered = text.lower()
        keyed = [i for i, words in self._keyed if any(w in lowered for w in words)]
        return dict.fromkeys(sorted(self._unkeyed + keyed), _whole(text))

    def prepare_long_texts(self) -> None:
        """Nothing to build: long texts take the same path."""


class HyperscanMatcher:
    """All patterns in one Hyperscan database, scanned once in prefilter mode over the text's
    UTF-8 bytes. Hyperscan runs without Unicode properties (they reject `\\b`), which is what
    `re.ASCII` means too; `unicode` patterns without a `prefilter` fall back to the keyword
    pre-check on non-ASCII text, so every path stays a superset of what `re` confirms.

    Every real match of a pattern of bounded width W contains a Hyperscan match (of the
    prefilter, or of the pattern itself, ending where the real one does), so it starts no
    earlier than W before that match's end. Short texts use the first end only (one report
    per pattern): `re` starts there instead of at the top. Long texts get every end, and
    `re` searches only near them, so the cost follows the matches, not the text's length
    times the number of patterns that match somewhere in it.
    """

    name = "hyperscan"

    def __init__(self, patterns: Sequence[Pattern], long_text: int = 16_384) -> None:
        """`long_text`: from this many UTF-8 bytes, texts are searched near every match."""
        import hyperscan

        self._hyperscan = hyperscan
        self._patterns = patterns
        self._long_text = long_text
        self._fallback = PythonMatcher(patterns)
        usable = [i for i, p in enumerate(patterns) if not p.flags & re.VERBOSE]
        self._always: list[int] = [i for i, p in enumerate(patterns) if p.flags & re.VERBOSE]
        self._db = _compile_db(hyperscan, [patterns[i] for i in usable], ids=usable)
        if self._db is None and usable:
            # Some pattern is beyond Hyperscan even in prefilter mode: find which, once.
            bad = [i for i in usable if _compile_db(hyperscan, [patterns[i]]) is None]
            for i in bad:
                log.debug("pattern %s runs outside hyperscan", patterns[i].name)
            self._always += bad
            usable = [i for i in usable if i not in bad]
            self._db = _compile_db(hyperscan, [patterns[i] for i in usable], ids=usable)
        self._ids = usable
        # Patterns reported at every end in short texts too (bounded ones: else no gain).
        self._near = frozenset(
            i for i in usable if patterns[i].near_ends and patterns[i].width is not None
        )
        self._every_match_db: object | None = None  # compiled on the first long text
        self._every_match_tried = False
        self._lock = threading.Lock()
        # On non-ASCII text these get the keyword pre-check instead of Hyperscan's verdict.
        self._ascii_only = frozenset(i for i in usable if not patterns[i].prunable_on_unicode)
        self._ascii_only_matcher = PythonMatcher(patterns, among=self._ascii_only)
        # How far before a pattern's first end `re` may start, in short texts: its width, or
        # past any text's start when unbounded; None for `near_ends` ones (see `_regions`).
        self._first_back = [
            None if i in self._near else (p.width if p.width is not None else _BEFORE_ANY)
            for i, p in enumerate(patterns)
        ]

    def candidates(self, text: str) -> dict[int, Regions]:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: Hyperscan needs valid UTF-8
            return self._fallback.candidates(text)
        every = self._every_match() if len(data) >= self._long_text else None
        hits: list[int] = []
        if self._db is not None and data:
            hits = _scan(self._db if every is None else every, data)
        pids, ends = hits[::2], hits[1::2]
        length = len(text)
        # Hyperscan counts bytes. A character offset is at most its byte offset, and at least
        # that less the extra bytes of the whole text's multi-byte characters (`slack`): with
        # few of them, widening each region by `slack` is cheaper than counting characters.
        slack = len(data) - length
        if slack > _MAX_SLACK:
            ends, slack = _char_offsets(data, ends), 0
        if every is None:
            regions = self._short_text_regions(pids, ends, length, slack)
        else:
            grouped = _every_end(pids, ends, set(pids))
            regions = {
                pid: self._regions(pid, grouped[pid], length, slack) for pid in sorted(grouped)
            }
        if not self._always and (len(data) == length or not self._ascii_only):
            return regions
        for pid in self._always:
            regions[pid] = _whole(text)
        if len(data) != len(text) and self._ascii_only:
            for pid in self._ascii_only:
                regions.pop(pid, None)
            regions.update(self._ascii_only_matcher.candidates(text))
        return dict(sorted(regions.items()))

    def _short_text_regions(
        self, pids: list[int], ends: list[int], length: int, slack: int
    ) -> dict[int, Regions]:
        """Regions from the first end of each pattern (each reports only its first, but
        `near_ends` ones), in pattern order."""
        # Reversed, so a pattern's first end is the one its key keeps.
        first = dict(zip(reversed(pids), reversed(ends), strict=True))
        near = self._near.intersection(first)
        every = _every_end(pids, ends, near) if near else {}
        back = self._first_back
        regions: dict[int, Regions] = {}
        for pid in sorted(first):
            width = back[pid]
            if width is None:
                regions[pid] = self._regions(pid, every[pid], length, slack)
            else:  # the common case, inline: `_regions` of one first end
                lo = first[pid] - slack - width
                regions[pid] = ((lo if lo > 0 else 0, length),)
        return regions

    def _every_match(self) -> object | None:
        """The every-match database; None if Hyperscan cannot build it (long texts then take
        the short texts' path)."""
        with self._lock:
            if not self._every_match_tried:
                every = [self._patterns[i] for i in self._ids]
                self._every_match_db = _compile_db(
                    self._hyperscan, every, single=False, ids=self._ids
                )
                self._every_match_tried = True
            return self._every_match_db

    def prepare_long_texts(self) -> None:
        """Compile the every-match database (as slow as the first one; not needed before)."""
        self._every_match()

    def _regions(self, pid: int, ends: list[int], length: int, slack: int) -> Regions:
        """`ends`: every Hyperscan match end of the pattern, in order; each is at most `slack`
        characters past the real end (see `candidates`)."""
        pattern = self._patterns[pid]
        width = pattern.width
        if width is None:
            return ((0, length),)
        # A custom prefilter may match anywhere inside the real match, not at its end.
        ahead = width if pattern.prefilter else 1
        back = width + slack
        merged: list[tuple[int, int]] = []
        for end in ends:
            lo, hi = end - back, end + ahead
            lo, hi = (lo if lo > 0 else 0), (hi if hi < length else length)  # not min/max: 15x
            if merged and lo <= merged[-1][1]:
                last_lo, last_hi = merged[-1]
                merged[-1] = (last_lo, hi if hi > last_hi else last_hi)
            else:
                merged.append((lo, hi))
        return tuple(merged)


# `_first_back` of unbounded patterns: more than any end, so `re` starts at the top.
_BEFORE_ANY = 1 << 62


def _scan(db: object, data: bytes) -> list[int]:
    """What a Hyperscan database reports over `data`, flat: pattern id, end, pattern id, end
    ... in the order reported (by end). Two appends are the cheapest callback we found: a dict
    per pattern, built in the callback, costs as much again as Hyperscan's call into it."""
    hits: list[int] = []
    add = hits.append

    def on_match(pid: int, start: int, end: int, flags: int, ctx: object) -> None:
        add(pid)
        add(end)

    db.scan(data, match_event_handler=on_match)  # type: ignore[attr-defined]
    return hits


def _every_end(pids: list[int], ends: list[int], wanted: Collection[int]) -> dict[int, list[int]]:
    """Every end of each of the `wanted` patterns, in order."""
    grouped: dict[int, list[int]] = {pid: [] for pid in wanted}
    for pid, end in zip(pids, ends, strict=True):
        if pid in grouped:
            grouped[pid].append(end)
    return grouped


def _char_offsets(data: bytes, byte_offsets: list[int]) -> list[int]:
    """The same offsets counted in characters of the UTF-8 `data`, decoding each stretch once
    (never more than the text, however many offsets). A stretch cut inside a character
    loses it, which only moves an offset earlier: still a safe place to search from."""
    chars: dict[int, int] = {}
    position, count = 0, 0
    for offset in sorted(set(byte_offsets)):
        count += len(data[position:offset].decode("utf-8", "ignore"))
        position = offset
        chars[offset] = count
    return [chars[offset] for offset in byte_offsets]


# Up to this many extra UTF-8 bytes, regions are widened rather than offsets counted.
_MAX_SLACK = 64

# Wider than this counts as unbounded: starting `re` early would save little.
_MAX_BOUNDED_WIDTH = 4096


def _max_width(compiled: re.Pattern[str]) -> int | None:
    """The most characters a match of `compiled` can span, or None if unbounded."""
    from re import _parser  # type: ignore[attr-defined]  # sre's own width analysis

    try:
        _, widest = _parser.parse(compiled.pattern, compiled.flags).getwidth()
    except Exception:  # an internal API: fall back to searching from the top
        return None
    return int(widest) if widest <= _MAX_BOUNDED_WIDTH else None


def _reach_past_end(compiled: re.Pattern[str]) -> int | None:
    """How many characters past a match's end `compiled` may read (its lookaheads, and one
    for `\\b`), or None if unbounded or unknown: `$` and `\\Z` need the real end of the text."""
    from re import _parser  # type: ignore[attr-defined]  # sre's own parse tree

    try:
        reach = _subpattern_reach(_parser.parse(compiled.pattern, compiled.flags))
    except Exception:  # an internal API: fall back to the whole text
        return None
    return None if reach is None or reach > _MAX_BOUNDED_WIDTH else reach


def _subpattern_reach(subpattern: object) -> int | None:
    from re import _constants as sre  # type: ignore[attr-defined]

    reach = 1
    for op, av in subpattern.data:  # type: ignore[attr-defined]
        if op is sre.AT:
            if av in (sre.AT_END, sre.AT_END_STRING):
                return None
            continue
        inner = [_subpattern_reach(x) for x in _children(av)]
        if any(r is None for r in inner):
            return None
        here = max((r for r in inner if r is not None), default=1)
        if op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] == 1:  # a lookahead reads its width
            here += av[1].getwidth()[1]
        reach = max(reach, here)
    return reach


def _children(av: object) -> list[object]:
    """The sub-patterns inside one node's arguments, at any depth of tuples and lists."""
    from re import _parser  # type: ignore[attr-defined]

    if isinstance(av, _parser.SubPattern):
        return [av]
    if isinstance(av, (tuple, list)):
        return [child for item in av for child in _children(item)]
    return []


def _hs_flags(hyperscan: object, flags: int, single: bool) -> int:
    hs = hyperscan
    out = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_UTF8  # type: ignore[attr-defined]
    if single:  # report each pattern's first match only
        out |= hs.HS_FLAG_SINGLEMATCH  # type: ignore[attr-defined]
    if flags & re.IGNORECASE:
        out |= hs.HS_FLAG_CASELESS  # type: ignore[attr-defined]
    if flags & re.DOTALL:
        out |= hs.HS_FLAG_DOTALL  # type: ignore[attr-defined]
    if flags & re.MULTILINE:
        out |= hs.HS_FLAG_MULTILINE  # type: ignore[attr-defined]
    return int(out)


def _compile_db(
    hyperscan: object,
    patterns: Sequence[Pattern],
    single: bool = True,
    ids: Sequence[int] | None = None,
) -> object | None:
    """`ids`: what the database reports for each pattern (default: its position)."""
    if not patterns:
        return None
    try:
        db = hyperscan.Database()  # type: ignore[attr-defined]
        db.compile(
            expressions=[(p.prefilter or p.regex).encode() for p in patterns],
            ids=list(range(len(patterns))) if ids is None else list(ids),
            elements=len(patterns),
            flags=[_hs_flags(hyperscan, p.flags, single and not p.near_ends) for p in patterns],
        )
    except Exception:
        return None
    return db  # type: ignore[no-any-return]


class PatternSieve:
    """Which of a few patterns may match a short text, and where their last match ends at
    the latest, in one Hyperscan pass in prefilter mode: a pattern it leaves out cannot match,
    so `re` need not search for it, nor search on past the last end. Without Hyperscan, or on
    text it cannot take (lone surrogates), every pattern may match anywhere; so may `unicode`
    patterns without a `prefilter` on non-ASCII text, as in `HyperscanMatcher`. The database
    is compiled on first use (about half a second for Unicode classes), not when the module
    that holds the sieve is imported."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._patterns = tuple(patterns)
        self._by_id = [p.name for p in patterns]
        self._unicode = frozenset(p.name for p in patterns if not p.prunable_on_unicode)
        self._db: object | None = None
        self._compiled = False
        self._lock = threading.Lock()

    def _database(self) -> object | None:
        with self._lock:
            if not self._compiled:
                if hyperscan_available():
                    import hyperscan

                    # Every match, not the first: the last end is what bounds `re`.
                    self._db = _compile_db(hyperscan, self._patterns, single=False)
                self._compiled = True
            return self._db

    def prepare(self) -> None:
        """Compile the database now rather than on the first text."""
        self._database()

    def may_match(self, text: str) -> frozenset[str]:
        """The names of the patterns that may match in `text`."""
        return frozenset(self.last_ends(text))

    def last_ends(self, text: str) -> dict[str, int]:
        """The names of the patterns that may match in `text`, each with a character offset
        that none of its (non-empty) matches ends after."""
        db = self._db if self._compiled else self._database()
        if db is None:
            return dict.fromkeys(self._by_id, len(text))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return dict.fromkeys(self._by_id, len(text))
        ends: dict[int, int] = {}

        def on_match(pid: int, start: int, end: int, flags: int, ctx: object) -> None:
            if end > ends.get(pid, -1):
                ends[pid] = end

        # Every match of a pattern ends where a prefilter match does (in bytes).
        db.scan(data, match_event_handler=on_match)  # type: ignore[attr-defined]
        names = self._by_id
        if len(data) == len(text):
            return {names[pid]: end for pid, end in ends.items()}
        found = {names[pid]: _chars_before(data, end) for pid, end in ends.items()}
        for name in self._unicode:
            found[name] = len(text)
        return found


def _chars_before(data: bytes, offset: int) -> int:
    """How many whole characters of the UTF-8 `data` end by byte `offset`."""
    return len(data[:offset].decode("utf-8", "ignore"))


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
