"""EMAIL, PHONE and URL: positives and the near misses that must stay quiet."""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet.detectors.pii._context import digits_of
from mantlet.detectors.pii.phone import (
    NO_TRUNK_REGIONS,
    TRUNK_PREFIX_REGIONS,
    _check,
    _may_be_valid,
)

Found = Callable[[str], list[tuple[str, str]]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mail me at anna.k+work@example.co.uk today", "anna.k+work@example.co.uk"),
        ("Contact: J.Doe@Firma.DE.", "J.Doe@Firma.DE"),
    ],
)
def test_email_addresses_are_found_without_trailing_punctuation(
    found: Found, text: str, value: str
) -> None:
    assert ("EMAIL", value) in found(text)


@pytest.mark.parametrize(
    "text", ["use @decorator.method here", "a..b@example.com", "ping admin@intranet"]
)
def test_email_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "EMAIL"]


@pytest.mark.parametrize(
    ("text", "emails"),
    [
        ("redis://:p4ssw0rdX9@cache.example.com:6379/0", []),
        ("postgres://app:s3cr3tPass@db.example.com/app", []),
        ('"smtps://me@gmail.com:FnD83JZs@smtp.gmail.com:465"', ["me@gmail.com"]),
        ("mailto:jane@example.com", ["jane@example.com"]),
        ('{"site":"http://a.example.com","mail":"x:john@example.com"}', ["john@example.com"]),
    ],
)
def test_a_url_password_before_its_host_is_no_address(
    found: Found, text: str, emails: list[str]
) -> None:
    assert [v for label, v in found(text) if label == "EMAIL"] == emails


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("call me on +44 20 7946 0958 tonight", "+44 20 7946 0958"),
        ("Tel: 0049 30 901820", "0049 30 901820"),
        ("Phone: (415) 555-2671", "(415) 555-2671"),
        ("fax +41 (0)71 526 99 04", "+41 (0)71 526 99 04"),
        ("Desk: +1-604-696-5272x565", "+1-604-696-5272x565"),
        ("reach our office at 020 7946 0958 please", "020 7946 0958"),
        ("my cell (415-555-2671) works", "415-555-2671"),
    ],
)
def test_phone_numbers_in_many_formats(found: Found, text: str, value: str) -> None:
    assert ("PHONE", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "invoice 020 7946 0958 is overdue",  # valid number, but the context says reference
        "I live at 4455 1020 Crown Street",  # a house number, not a phone
        "between 1990 2000 and 2010",
        "server 10.20.30.40 is down",
        "released on 2021-03-04",
        "random 1234567 here",  # no separators, no context
        "card 4539148803436467",  # a card number, not a phone
    ],
)
def test_phone_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "PHONE"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My website is https://www.GoalForum.com.au/.", "https://www.GoalForum.com.au/"),
        ("(see http://example.org/a_(b))", "http://example.org/a_(b)"),
        ("docs at www.python.org/3/ now", "www.python.org/3/"),
        ("visit wikipedia.org for that", "wikipedia.org"),
        ("hosted on shop.example.de/cart", "shop.example.de/cart"),
    ],
)
def test_urls_and_bare_domains(found: Found, text: str, value: str) -> None:
    assert ("URL", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "edit setup.py and README.md",
        "x = self.config.net",
        "call tensor.to(device)",
        "write to bob@mail.example.com",
        "built with ASP.NET",
        "the end.It was fine",
    ],
)
def test_url_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "URL"]


_REGIONS = TRUNK_PREFIX_REGIONS + NO_TRUNK_REGIONS


def _example_numbers(region: str) -> list[str]:
    """National significant numbers of every type the region has an example of."""
    found = (
        phonenumbers.example_number_for_type(region, kind)
        for kind in phonenumbers.PhoneNumberType.values()
    )
    return [phonenumbers.national_significant_number(n) for n in found if n is not None]


_EXAMPLES = {region: _example_numbers(region) for region in _REGIONS}


@st.composite
def _national_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(region, number as typed): a valid number of the region or random digits, some digits
    changed, behind the prefixes parsing may take off (country code, trunk 0, an
    international prefix), with separators."""
    region = draw(st.sampled_from(_REGIONS))
    code = str(phonenumbers.country_code_for_region(region))
    nsn = list(draw(st.sampled_from(_EXAMPLES[region]) | st.text("0123456789", min_size=4)))
    for _ in range(draw(st.integers(0, 2))):
        nsn[draw(st.integers(0, len(nsn) - 1))] = draw(st.sampled_from("0123456789"))
    prefixes = ("", "0", "00", "1", code, code + "0", code + "00", "00" + code, "011" + code)
    prefix = draw(st.sampled_from(prefixes) | st.text("0123456789", max_size=3))
    number = ""
    for digit in prefix + "".join(nsn[:15]):
        number += draw(st.sampled_from(("", "", "", " ", "-", "."))) + digit
    return region, number.lstrip(" -.")


@settings(max_examples=3000)
@given(_national_numbers())
def test_numbers_the_phone_detector_does_not_parse_are_not_valid(
    region_and_number: tuple[str, str],
) -> None:
    """What lets the phone detector skip parsing them: the old parse-and-validate check."""
    region, number = region_and_number
    if not _may_be_valid(digits_of(number), region):
        assert not _check(number, region)[0]
