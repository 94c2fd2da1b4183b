"""Street addresses found by pattern, with no model."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet import Engine
from mantlet.detectors.ner.addresses import (
    _COMPOUND,
    _LOCALITY,
    _POSTCODE,
    _STREET_PATTERN,
    _UNIT,
    ANCHOR_PATTERNS,
    Anchor,
    StreetAddressDetector,
    _extend,
    _street_matches,
    _windows,
    anchor,
    find_addresses,
)
from mantlet.patterns import hyperscan_available
from mantlet.runs import non_space_end


def found(text: str) -> list[str]:
    return [text[a:b] for a, b in find_addresses(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Ship it to 221 Baker Street, London please", "221 Baker Street, London"),
        ("Meine Adresse ist Friedhofstrasse 33, danke.", "Friedhofstrasse 33"),
        ("Wir wohnen in der Berliner Straße 5.", "Berliner Straße 5"),
        ("Abitiamo in Via delle Coste 41 a Roma.", "Via delle Coste 41"),
        ("Rendez-vous au 20 rue de la Paix demain.", "20 rue de la Paix"),
        ("Mieszkam przy ul. Narewska 94 w Poznaniu.", "ul. Narewska 94"),
        ("Osoitteeni on Koskikatu 25 nykyään.", "Koskikatu 25"),
        (
            "Office: 385 Gemsbok St. Suite 12, Springfield, IL 62704",
            "385 Gemsbok St. Suite 12, Springfield, IL 62704",
        ),
    ],
)
def test_addresses_in_several_countries_formats(text: str, address: str) -> None:
    assert found(text) == [address]


def test_a_multi_line_address_is_one_span_with_unit_town_country_and_postcode() -> None:
    text = "Send it to:\nVia Roma 131\n Apt. 425\n Montafia\n Italy 39767\nThanks!"
    assert found(text) == ["Via Roma 131\n Apt. 425\n Montafia\n Italy 39767"]


def test_military_mail_and_street_corners() -> None:
    assert found("Mail: PSC 3294, Box 9168\nAPO AA 61487") == ["PSC 3294, Box 9168\nAPO AA 61487"]
    text = "Meet me at the corner of Koskikatu 25 and Elm Road tonight"
    assert found(text) == ["the corner of Koskikatu 25 and Elm Road"]


@pytest.mark.parametrize(
    "text",
    [
        "Go to gate 12 for boarding.",
        "I walked down the street 5 times.",
        "We scored 3 points in the second half.",
        "Send it via email 2 times.",
        "Version 3 Beta release notes",
        "Call me at 555 0101 tomorrow.",
    ],
)
def test_near_misses_are_not_addresses(text: str) -> None:
    assert found(text) == []


def test_engine_reports_location_in_the_original_text() -> None:
    text = "Ship to 221\u200b Baker Street, London"  # a zero-width space inside
    findings = Engine([StreetAddressDetector()]).scan(text).findings
    assert [(f.label, text[f.start : f.end]) for f in findings] == [
        ("LOCATION", "221\u200b Baker Street, London")
    ]
    assert "Baker" not in findings[0].evidence


@pytest.mark.skipif(not hyperscan_available(), reason="Hyperscan is not installed here")
def test_both_matcher_backends_find_the_same_addresses() -> None:
    text = "Office: Via Roma 131, Apt. 4, and 221 Baker Street; PSC 3294, Box 9168\nAPO AA 61487"
    python = Engine([StreetAddressDetector()], backend="python").scan(text).findings
    hyperscan = Engine([StreetAddressDetector()], backend="hyperscan").scan(text).findings
    assert python == hyperscan
    assert len(python) == 3


def test_a_long_number_is_not_cut_into_a_house_number() -> None:
    name = " ".join(["Abcdefghijklmn"] * 4)  # the street word is far from the number's start
    assert found(f"Ref 98765432101 {name} Street") == []
    assert found(f"Ref 987 {name} Street") == [f"987 {name} Street"]


def _street_matches_unbounded(text: str, windows: list[Anchor]) -> list[tuple[int, int]]:
    """`_street_matches` as it was: `re` searches every window to its end."""
    found: list[tuple[int, int]] = []
    for w_start, w_end, kinds in windows:
        piece = text[w_start:w_end]
        for kind in sorted(kinds):
            for m in _STREET_PATTERN[kind].compiled.finditer(piece):
                found.append((w_start + m.start(), w_start + m.end()))
    return found


_samples = [*StreetAddressDetector.examples, *StreetAddressDetector.counterexamples]
_fragments = [
    "221 Baker St",
    "Koskikatu 25",
    "Via Roma 1",
    "Apt. 4",
    "Suite 12",
    " rue de ",
    "Straße 5",
]
_street_texts = st.lists(
    st.one_of(
        st.sampled_from(_samples),
        st.sampled_from(_fragments),
        st.text(alphabet=st.sampled_from(list("aB1 ,.\n#ÄßÉ’-")), max_size=10),
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_street_texts, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 7)), max_size=4))
def test_street_matches_stop_where_the_sieve_says_the_last_match_ends(
    text: str, anchors: list[tuple[int, int]]
) -> None:
    kinds = sorted(_STREET_PATTERN)
    hits = [
        (min(at, len(text)), min(at, len(text)), frozenset(kinds[k:] + kinds[:1]))
        for at, k in anchors
    ]
    for windows in (_windows(text, hits), [(0, len(text), frozenset(kinds))]):
        assert _street_matches(text, windows) == _street_matches_unbounded(text, windows)


def _windows_by_reversal(text: str, anchors: list[Anchor]) -> list[Anchor]:
    """`_windows` as it was: the whole text reversed, each start walked back to its word."""
    merged: list[Anchor] = []
    backwards = text[::-1]
    for start, end, kinds in sorted(anchors, key=lambda a: a[:2]):
        start, end = max(0, start - 64), min(len(text), end + 48)
        start = len(text) - non_space_end(backwards, len(text) - start)
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(end, last[1]), last[2] | kinds)
        else:
            merged.append((start, end, kinds))
    return merged


_spaced_texts = st.text(
    alphabet=st.sampled_from(list("abcdefghij ß\n\t\u3000\u2029\x1c")), min_size=60, max_size=400
)


@settings(max_examples=500, deadline=None)
@given(
    _spaced_texts,
    st.lists(
        st.tuples(
            st.integers(0, 400), st.integers(0, 12), st.sampled_from(sorted(_STREET_PATTERN))
        ),
        max_size=8,
    ),
)
def test_windows_start_where_a_walk_over_the_reversed_text_says(
    text: str, hits: list[tuple[int, int, str]]
) -> None:
    anchors = [
        (at % (len(text) + 1), min(at % (len(text) + 1) + n, len(text)), frozenset({kind}))
        for at, n, kind in hits
    ]
    assert _windows(text, anchors) == _windows_by_reversal(text, anchors)


_compound = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["K", "Ö", "", "k"]),
        st.text(alphabet="abß", max_size=40),
        st.sampled_from(["gata", "strasse", "str", "kat"]),
        st.sampled_from([" 5", ". 5", "5", ""]),
    ),
)
_compound_texts = st.lists(st.one_of(_compound, st.sampled_from([" ", "\n", "x"])), max_size=6).map(
    "".join
)


@settings(max_examples=500, deadline=None)
@given(_compound_texts)
def test_compound_anchors_are_what_a_search_for_whole_compounds_finds(text: str) -> None:
    """The anchor found from a compound's ending is the whole compound, as a search from the
    top of the text for capital, letters and ending finds it."""
    ending = next(p for p in ANCHOR_PATTERNS if p.name == "street_compound")
    hits = [anchor(text, ending.name, *m.span()) for m in ending.compiled.finditer(text)]
    assert [hit[:2] for hit in hits if hit] == [m.span() for m in _COMPOUND.finditer(text)]


def _extend_in_turn(text: str, end: int) -> int:
    """`_extend` as it was: a match for each unit, then for each locality or postal code."""
    unit, locality, postcode = re.compile(_UNIT, re.I), re.compile(_LOCALITY), re.compile(_POSTCODE)
    for _ in range(2):
        found = unit.match(text, end)
        if found is None:
            break
        end = found.end()
    for _ in range(4):
        found = locality.match(text, end) or postcode.match(text, end)
        if found is None:
            break
        end = found.end()
    return end


_tail_pieces = [
    ", Apt. 4",
    " apt 5",
    ", SUITE 3",
    "\n Suite 12b",
    " # 7",
    ", Springfield",
    "\n SEINÄJOKI",
    ", IL 62704",
    " 62704-1234",
    "\n Finland 38524",
    ", Nowa-Wieś Górna",
    " and",
    " then",
    "\n",
    ",",
    ".",
    " ",
    "\t>",
    "x",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_tail_pieces), max_size=10).map("".join))
def test_one_tail_match_extends_as_a_match_for_each_part_did(tail: str) -> None:
    text = "221 Baker Street" + tail
    assert _extend(text, 16) == _extend_in_turn(text, 16)
