"""IP_ADDRESS, MAC addresses and DATE (of birth)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet import Finding
from mantlet.detectors.pii.network import IpAddressDetector

Found = Callable[[str], list[tuple[str, str]]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("blocked address 165.165.185.178 again", "165.165.185.178"),
        ("|86.121.97.248|", "86.121.97.248"),
        ("from 2001:db8:85a3::8a2e:370:7334 today", "2001:db8:85a3::8a2e:370:7334"),
        ("host ::ffff:192.0.2.128 answered", "::ffff:192.0.2.128"),
        ("ping 1.2.3.4 now", "1.2.3.4"),  # a network word makes a small quad an address
    ],
)
def test_ip_addresses(found: Found, text: str, value: str) -> None:
    assert ("IP_ADDRESS", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "value 999.1.1.1",
        "version 10.2.3.4 released",
        "upgrade to 1.2.3.4",
        "oid 1.3.6.1.4.1",
        "at 12:30:45",
        "std::vector",
        "mac 00:1A:2B:3C:4D:5E",
        "address 192.168.01.1",
    ],
)
def test_ip_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "IP_ADDRESS"]


def test_mac_address_is_other_with_its_kind(findings: Callable[[str], tuple[Finding, ...]]) -> None:
    (finding,) = findings("wifi mac 3C-22-FB-1A-9E-07")
    assert (finding.label, finding.reason) == ("OTHER", "MAC address")


@pytest.mark.parametrize("text", ["ff:ff:ff:ff:ff:ff", "3C:22-FB:1A-9E:07", "3C:22:FB:1A:9E"])
def test_mac_near_misses(found: Found, text: str) -> None:
    assert not found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She was born on 10/23/1951.", "10/23/1951"),
        ("DOB: 1984-04-27", "1984-04-27"),
        ("date of birth 23.10.1951", "23.10.1951"),
        ("birthday: 3rd of March 1990", "3rd of March 1990"),
        ("born Jan. 5, 1990 in Oslo", "Jan. 5, 1990"),
    ],
)
def test_dates_of_birth(found: Found, text: str, value: str) -> None:
    assert ("DATE", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "the meeting on 10/23/2023 was moved",  # a date, but not a birth date
        "born in 1971",  # a year alone
        "born on 13/13/1990",  # no such month
        "version 1.2.34",
    ],
)
def test_date_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "DATE"]


def _ipv4_score_by_ipaddress(text: str) -> float | None:
    """The IPv4 score as first written, with `ipaddress` deciding what is an address."""
    parts = text.split(".")
    if any(len(p) > 1 and p[0] == "0" for p in parts):
        return None
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        return None
    if all(len(p) == 1 for p in parts):
        return 0.45
    if address.is_unspecified or address.is_multicast:
        return 0.5
    return 0.85


_OCTET = st.text("0123456789", min_size=1, max_size=3) | st.integers(0, 999).map(str)


@settings(max_examples=3000)
@given(st.lists(_OCTET, min_size=4, max_size=4).map(".".join))
def test_ipv4_scores_agree_with_ipaddress(text: str) -> None:
    assert IpAddressDetector._ipv4_score(text) == _ipv4_score_by_ipaddress(text)
