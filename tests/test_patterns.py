"""The matchers are sound pre-checks: every pattern `re` can match in a text is a candidate,
on any text, including non-ASCII text that Hyperscan scans as UTF-8 bytes."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet.detectors.base import Detector
from mantlet.patterns import (
    HyperscanMatcher,
    Matcher,
    Pattern,
    PatternSieve,
    PythonMatcher,
    _char_offsets,
    hyperscan_available,
)
from mantlet.registry import detector_classes

needs_hyperscan = pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel")


@cache
def _detectors() -> tuple[Detector, ...]:
    return tuple(cls() for cls in detector_classes().values())


@cache
def _patterns() -> tuple[Pattern, ...]:
    return tuple(p for d in _detectors() for p in d.patterns)


def _samples() -> list[str]:
    return [t for d in _detectors() for t in (*d.examples, *d.counterexamples)]


@cache
def _matchers() -> tuple[Matcher, ...]:
    if not hyperscan_available():
        return (PythonMatcher(_patterns()),)
    # long_text=0: every text takes the long-text path (every match end, nearby regions).
    return (
        PythonMatcher(_patterns()),
        HyperscanMatcher(_patterns()),
        HyperscanMatcher(_patterns(), long_text=0),
    )


def _assert_sound(text: str) -> None:
    """Searching each candidate's regions finds exactly what a search of the whole text
    finds, and no pattern with a match is left out."""
    for number, matcher in enumerate(_matchers()):
        candidates = matcher.candidates(text)
        for index, pattern in enumerate(_patterns()):
            expected = [m.span() for m in pattern.compiled.finditer(text)]
            if not expected:
                continue
            assert index in candidates, (number, pattern.name)
            found = [m.span() for m in pattern.finditer(text, candidates[index])]
            assert found == expected, (number, pattern.name)


# Detector examples glued to arbitrary Unicode, so patterns match near non-ASCII letters.
noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
spliced = st.builds(
    lambda before, sample, after: before + sample + after,
    noise,
    st.sampled_from(_samples()),
    noise,
)


# Several examples in one text: several matches per pattern, regions that merge or not.
several = st.lists(spliced, min_size=2, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(spliced, several))
def test_every_match_is_a_candidate(text: str) -> None:
    _assert_sound(text)


def test_every_example_is_sound_as_written() -> None:
    for text in _samples():
        _assert_sound(text)
        _assert_sound("é " + text + " ü")


@needs_hyperscan
def test_non_ascii_text_is_pruned_by_hyperscan() -> None:
    patterns = [Pattern("key", r"\bAKIA[0-9A-Z]{16}\b"), Pattern("word", r"\w+ß", unicode=True)]
    matcher = HyperscanMatcher(patterns)
    assert list(matcher.candidates("grüße, nothing here")) == [1]
    assert matcher.candidates("grüße AKIAIOSFODNN7EXAMPLE") == {0: ((6, 26),), 1: ((0, 26),)}


@needs_hyperscan
def test_lone_surrogates_fall_back_to_the_keyword_check() -> None:
    patterns = [Pattern("key", r"AKIA[0-9A-Z]{16}", keywords=("akia",))]
    assert HyperscanMatcher(patterns).candidates("\ud800 AKIAIOSFODNN7EXAMPLE") == {0: ((0, 22),)}
    assert PythonMatcher(patterns).candidates("\ud800 nothing") == {}


@needs_hyperscan
def test_bounded_patterns_are_searched_from_near_their_first_match() -> None:
    patterns = [Pattern("key", r"AKIA[0-9A-Z]{16}"), Pattern("any", r"x+y")]
    text = "é" * 50 + " AKIAIOSFODNN7EXAMPLE xxy"
    regions = HyperscanMatcher(patterns).candidates(text)
    assert regions[0] == ((text.index("AKIA"), len(text)),)
    assert regions[1] == ((0, len(text)),)  # unbounded: from the top


@needs_hyperscan
@pytest.mark.parametrize("after", [5, 200])
def test_regions_allow_for_multibyte_characters_anywhere_in_the_text(after: int) -> None:
    # Hyperscan reports byte offsets. A few multi-byte characters widen the region by their
    # extra bytes; many are counted exactly. Either way the match is found where it is.
    pattern = Pattern("key", r"AKIA[0-9A-Z]{16}")
    text = "é" * 3 + " AKIAIOSFODNN7EXAMPLE " + "ü" * after
    start = text.index("AKIA")
    regions = HyperscanMatcher([pattern]).candidates(text)[0]
    lo = regions[0][0]
    extra = len(text.encode()) - len(text)
    assert (start - extra if extra <= 64 else start) <= lo <= start
    assert [m.start() for m in pattern.finditer(text, regions)] == [start]


@needs_hyperscan
def test_long_texts_are_searched_only_near_matches() -> None:
    key = Pattern("key", r"\bAKIA[0-9A-Z]{16}\b")
    filler = "nothing to see here. " * 2000
    text = f"{filler}AKIAIOSFODNN7EXAMPLE {filler}AKIAIOSFODNN7EXAMPL3 {filler}"
    regions = HyperscanMatcher([key]).candidates(text)[0]
    first, second = text.index("AKIA"), text.rindex("AKIA")
    assert regions == ((first, first + 21), (second, second + 21))
    found = [m.start() for m in key.finditer(text, regions)]
    assert found == [m.start() for m in key.compiled.finditer(text)] == [first, second]


def test_searching_regions_keeps_lookarounds_and_overlaps_as_in_a_whole_search() -> None:
    pattern = Pattern("p", r"ab+(?=c)")
    text = "xabbbc abbd abc"
    everywhere = [m.span() for m in pattern.compiled.finditer(text)]
    # Regions cut right after each match start still see the text beyond them.
    regions = ((0, 2), (7, 8), (12, 13))
    assert [m.span() for m in pattern.finditer(text, regions)] == everywhere
    assert list(pattern.finditer(text, ((3, 5),))) == []  # no match starts there


def test_region_searches_read_as_far_past_a_match_as_its_lookaheads_do() -> None:
    ahead = Pattern("p", r"ab(?=c{3})")
    assert (ahead.width, ahead.reach) == (2, 4)
    # A search cut one character after the match would not see the third `c`.
    assert [m.span() for m in ahead.finditer("abccc x", ((0, 1), (6, 7)))] == [(0, 2)]
    assert Pattern("b", r"ab\b").reach == 1
    assert Pattern("nested", r"a(?=b(?=cd))").reach == 4
    assert Pattern("end", r"ab$").reach is None  # only the real end of the text will do
    assert Pattern("open", r"a(?=.*b)").reach is None
    assert [m.span() for m in Pattern("end", r"ab$").finditer("ab ab", ((0, 1), (3, 4)))] == [
        (3, 5)
    ]


@needs_hyperscan
def test_near_ends_patterns_are_searched_only_near_each_match_in_short_texts_too() -> None:
    sparse = Pattern("pw", r"password=\w{1,20}", near_ends=True)
    text = "password=hunter22 " + "filler text " * 30 + "password=swordfish"
    regions = HyperscanMatcher([sparse]).candidates(text)[0]
    assert len(regions) == 2 and regions[0][1] < regions[1][0] < regions[1][1] <= len(text)
    found = [m.span() for m in sparse.finditer(text, regions)]
    assert found == [m.span() for m in sparse.compiled.finditer(text)] and len(found) == 2


# A few patterns of each kind `candidates` treats apart: bounded, unbounded, `near_ends`
# (bounded, and with a custom prefilter), and `near_ends` but unbounded.
_KINDS = [
    Pattern("bounded", r"ab{1,5}"),
    Pattern("unbounded", r"x+y"),
    Pattern("near", r"[0-9]{4}", near_ends=True),
    Pattern("near_prefilter", r"k[0-9]{3}", near_ends=True, prefilter="[0-9]{3}"),
    Pattern("near_unbounded", r"q+", near_ends=True),
]


def _old_short_text_regions(
    hits: list[tuple[int, int]], length: int, slack: int
) -> dict[int, tuple[tuple[int, int], ...]]:
    """The regions `candidates` made before it read Hyperscan's reports as a flat list: a
    dict of ends filled by the callback, then `max`/`min` per end."""
    ends: dict[int, list[int]] = {}
    for pid, end in hits:
        if pid not in ends:
            ends[pid] = [end]
        elif _KINDS[pid].near_ends and _KINDS[pid].width is not None:
            ends[pid].append(end)
    regions: dict[int, tuple[tuple[int, int], ...]] = {}
    for pid in sorted(ends):
        pattern = _KINDS[pid]
        width = pattern.width
        if width is None:
            regions[pid] = ((0, length),)
        elif not pattern.near_ends:
            regions[pid] = ((max(0, ends[pid][0] - slack - width), length),)
        else:
            ahead = width if pattern.prefilter else 1
            merged: list[tuple[int, int]] = []
            for end in ends[pid]:
                lo, hi = max(0, end - width - slack), min(length, end + ahead)
                if merged and lo <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
                else:
                    merged.append((lo, hi))
            regions[pid] = tuple(merged)
    return regions


@needs_hyperscan
@given(
    st.lists(st.tuples(st.integers(0, len(_KINDS) - 1), st.integers(1, 150)), max_size=12),
    st.integers(0, 64),
)
def test_short_text_regions_are_what_a_dict_of_ends_gave(
    hits: list[tuple[int, int]], slack: int
) -> None:
    hits.sort(key=lambda hit: hit[1])  # Hyperscan reports by end
    matcher = HyperscanMatcher(_KINDS)
    pids, ends = [pid for pid, _ in hits], [end for _, end in hits]
    regions = matcher._short_text_regions(pids, ends, 150, slack)
    assert regions == _old_short_text_regions(hits, 150, slack)
    assert list(regions) == sorted(regions)


@given(st.text(alphabet="aé€😀", max_size=40), st.lists(st.integers(0, 160), max_size=8))
def test_char_offsets_count_whole_characters_between_offsets(text: str, offsets: list[int]) -> None:
    data = text.encode()
    offsets = [min(offset, len(data)) for offset in offsets]
    cuts = [0, *sorted(set(offsets))]
    for offset, char in zip(offsets, _char_offsets(data, offsets), strict=True):
        stretches = pairwise(cuts[: cuts.index(offset) + 1])
        assert char == sum(len(data[a:b].decode("utf-8", "ignore")) for a, b in stretches)
        assert char <= len(data[:offset].decode("utf-8", "ignore"))  # never past the real one


def test_ascii_classes_unless_a_pattern_asks_for_unicode() -> None:
    assert Pattern("d", r"\d+").compiled.search("٣٤٥") is None
    assert Pattern("d", r"\d+", unicode=True).compiled.search("٣٤٥") is not None


@needs_hyperscan
def test_the_long_text_database_can_be_built_ahead_of_time_and_once() -> None:
    matcher = HyperscanMatcher([Pattern("key", r"AKIA[0-9A-Z]{16}")], long_text=100)
    matcher.prepare_long_texts()
    built = matcher._every_match_db
    assert built is not None
    text = "x " * 100 + "AKIAIOSFODNN7EXAMPLE"
    assert matcher.candidates(text) == {0: ((200, 220),)}
    assert matcher._every_match_db is built
    PythonMatcher([]).prepare_long_texts()  # nothing to build, and no error


run_text = st.text(alphabet=st.sampled_from("aZ09+/_-=. é\n"), max_size=120)


@settings(max_examples=300, deadline=None)
@given(run_text, st.lists(st.integers(0, 120), max_size=6))
def test_run_start_patterns_find_what_a_whole_search_finds(text: str, cuts: list[int]) -> None:
    from mantlet.detectors.secrets.entropy import PATTERN

    short = Pattern(
        PATTERN.name, PATTERN.regex.replace("{20,400}", "{3,8}"), starts_run=("aZ09+/_-", 3)
    )
    for pattern in (PATTERN, short):
        expected = [m.span() for m in pattern.compiled.finditer(text)]
        # Regions holding every match start, split at arbitrary places.
        points = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
        regions = tuple((a, b) for a, b in pairwise(points) if a < b)
        assert [m.span() for m in pattern.finditer(text, regions)] == expected


key_text = st.lists(
    st.sampled_from(["Pass", "PW", "Secret", "TOKEN", "key", "ApI", "cred", "bearer", "db_", "x"])
    | st.sampled_from([" ", "=", ":", " is ", "'", '"', "&quot;", "(", ",", "\t", "\n"])
    | st.sampled_from(["\u212a", "\u017f", "İ", "é", "?", "-", ".", "9"]),
    max_size=24,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(key_text, st.lists(st.integers(0, 120), max_size=6))
def test_lowered_patterns_find_what_a_whole_search_finds(text: str, cuts: list[int]) -> None:
    lowered = [p for p in _patterns() if p.lowered is not None]
    assert lowered
    points = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    regions = tuple((a, b) for a, b in pairwise(points) if a < b)
    for pattern in lowered:
        expected = [(m.span(), m.groupdict()) for m in pattern.compiled.finditer(text)]
        found = [(m.span(), m.groupdict()) for m in pattern.finditer(text, regions)]
        assert found == expected, pattern.name


def _street_samples() -> list[str]:
    from mantlet.detectors.ner.addresses import StreetAddressDetector

    return [*StreetAddressDetector.examples, *StreetAddressDetector.counterexamples]


street_text = st.builds(
    lambda before, sample, after: before + sample + after,
    noise,
    st.sampled_from(_street_samples()),
    noise,
)


@cache
def _street_sieve() -> tuple[PatternSieve, tuple[Pattern, ...]]:
    from mantlet.detectors.ner.addresses import STREET_PATTERNS

    return PatternSieve(STREET_PATTERNS), STREET_PATTERNS


@settings(max_examples=300, deadline=None)
@given(st.one_of(street_text, st.text(max_size=40)))
def test_a_sieve_never_leaves_out_a_pattern_that_matches(text: str) -> None:
    sieve, patterns = _street_sieve()
    may = sieve.may_match(text)
    for pattern in patterns:
        if pattern.compiled.search(text):
            assert pattern.name in may, pattern.name


@needs_hyperscan
def test_a_sieve_rules_out_patterns_with_no_match() -> None:
    patterns = [Pattern("digits", r"\b[0-9]{3}\b"), Pattern("word", r"(?i)\bstreet\b")]
    sieve = PatternSieve(patterns)
    assert sieve.may_match("221 Baker") == {"digits"}
    assert sieve.may_match("Baker Street") == {"word"}
    assert sieve.may_match("nothing here") == frozenset()
    assert sieve.may_match("lone \ud800 surrogate") == {"digits", "word"}  # cannot scan: all


@needs_hyperscan
def test_a_sieve_keeps_unicode_patterns_on_non_ascii_text() -> None:
    sieve = PatternSieve([Pattern("word", r"\bstraße\b", unicode=True)])
    assert sieve.may_match("die straßenbahn") == {"word"}  # Hyperscan's \b is ASCII's
    assert sieve.may_match("a plain text") == frozenset()
