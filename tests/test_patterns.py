"""The matchers are sound pre-checks: every pattern `re` can match in a text is a candidate,
on any text, including non-ASCII text that Hyperscan scans as UTF-8 bytes."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet.detectors.base import Detector
from mantlet.patterns import (
    HyperscanMatcher,
    Matcher,
    Pattern,
    PythonMatcher,
    build_matcher,
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
    backends = ("hyperscan", "python") if hyperscan_available() else ("python",)
    return tuple(build_matcher(_patterns(), b) for b in backends)


def _assert_sound(text: str) -> None:
    """Searching from each candidate's start finds exactly what a search of the whole text
    finds, and no pattern with a match is left out."""
    for matcher in _matchers():
        candidates = matcher.candidates(text)
        for index, pattern in enumerate(_patterns()):
            expected = [m.span() for m in pattern.compiled.finditer(text)]
            if not expected:
                continue
            assert index in candidates, (type(matcher).__name__, pattern.name)
            found = [m.span() for m in pattern.compiled.finditer(text, candidates[index])]
            assert found == expected, (type(matcher).__name__, pattern.name)


# Detector examples glued to arbitrary Unicode, so patterns match near non-ASCII letters.
noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
spliced = st.builds(
    lambda before, sample, after: before + sample + after,
    noise,
    st.sampled_from(_samples()),
    noise,
)


@settings(max_examples=300, deadline=None)
@given(spliced)
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
    assert matcher.candidates("grüße AKIAIOSFODNN7EXAMPLE") == {0: 6, 1: 0}


@needs_hyperscan
def test_lone_surrogates_fall_back_to_the_keyword_check() -> None:
    patterns = [Pattern("key", r"AKIA[0-9A-Z]{16}", keywords=("akia",))]
    assert HyperscanMatcher(patterns).candidates("\ud800 AKIAIOSFODNN7EXAMPLE") == {0: 0}
    assert PythonMatcher(patterns).candidates("\ud800 nothing") == {}


@needs_hyperscan
def test_bounded_patterns_are_searched_from_near_their_first_match() -> None:
    patterns = [Pattern("key", r"AKIA[0-9A-Z]{16}"), Pattern("any", r"x+y")]
    text = "é" * 50 + " AKIAIOSFODNN7EXAMPLE xxy"
    starts = HyperscanMatcher(patterns).candidates(text)
    assert 0 < starts[0] <= text.index("AKIA")
    assert starts[1] == 0  # unbounded: from the top


def test_ascii_classes_unless_a_pattern_asks_for_unicode() -> None:
    assert Pattern("d", r"\d+").compiled.search("٣٤٥") is None
    assert Pattern("d", r"\d+", unicode=True).compiled.search("٣٤٥") is not None
