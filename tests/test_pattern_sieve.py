"""The pattern sieve's last ends: no match of a pattern ends after the offset it gives, on
any text, non-ASCII text included (Hyperscan counts bytes, `re` characters)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet.patterns import Pattern, PatternSieve, hyperscan_available

needs_hyperscan = pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel")


@cache
def _street_sieve() -> tuple[PatternSieve, tuple[Pattern, ...]]:
    from mantlet.detectors.ner.addresses import STREET_PATTERNS

    return PatternSieve(STREET_PATTERNS), STREET_PATTERNS


def _street_samples() -> list[str]:
    from mantlet.detectors.ner.addresses import StreetAddressDetector

    return [*StreetAddressDetector.examples, *StreetAddressDetector.counterexamples]


noise = st.text(alphabet=st.sampled_from(list("ab1 ,.\nÄßé’-")), max_size=12)
street_text = st.builds(
    lambda before, samples, after: before + " ".join(samples) + after,
    noise,
    st.lists(st.sampled_from(_street_samples()), min_size=1, max_size=3),
    noise,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(street_text, st.text(max_size=40)))
def test_no_match_ends_after_a_patterns_last_end(text: str) -> None:
    sieve, patterns = _street_sieve()
    last_ends = sieve.last_ends(text)
    assert sieve.may_match(text) == frozenset(last_ends)
    for pattern in patterns:
        ends = [m.end() for m in pattern.compiled.finditer(text)]
        if ends:
            assert pattern.name in last_ends, pattern.name
            assert max(ends) <= last_ends[pattern.name] <= len(text), pattern.name


@needs_hyperscan
def test_last_ends_count_characters_not_bytes() -> None:
    sieve = PatternSieve([Pattern("digits", r"\b[0-9]{3}\b")])
    assert sieve.last_ends("221 and 222") == {"digits": 11}
    assert sieve.last_ends("ßß 221 ßß 222 ßß") == {"digits": 13}
    assert sieve.last_ends("nothing here") == {}
    assert sieve.last_ends("lone \ud800 surrogate") == {"digits": 16}  # cannot scan: the end


@needs_hyperscan
def test_prepare_compiles_the_database_before_any_text() -> None:
    """A server prepares at start: the sieve's database (half a second to compile) must
    then be built, not left for the first request with a street word."""
    from mantlet.detectors.ner.addresses import STREET_PATTERNS, StreetAddressDetector

    sieve = PatternSieve(STREET_PATTERNS)
    assert not sieve._compiled
    sieve.prepare()
    assert sieve._compiled and sieve._db is not None
    StreetAddressDetector().prepare()  # and the detector prepares its own
    from mantlet.detectors.ner import addresses

    assert addresses._STREET_SIEVE._compiled
