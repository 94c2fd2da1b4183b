"""CREDIT_CARD and IBAN: checksums, issuer ranges, grouping, and context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mantlet import Finding
from mantlet.detectors.pii.credit_card import issuer_of, luhn_valid

Found = Callable[[str], list[tuple[str, str]]]


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("4539148803436467", "Visa"),
        ("5500000000000004", "Mastercard"),
        ("2221000000000009", "Mastercard"),
        ("378282246310005", "American Express"),
        ("6011111111111117", "Discover"),
        ("3530111333300000", "JCB"),
        ("30569309025904", "Diners Club"),
        ("6200000000000005", "UnionPay"),
        ("6759649826438453", "Maestro"),
    ],
)
def test_issuer_ranges(number: str, issuer: str) -> None:
    assert luhn_valid(number)
    assert issuer_of(number) == issuer


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my card 4539 1488 0343 6467 expired", "4539 1488 0343 6467"),
        ("visa 4539-1488-0343-6467", "4539-1488-0343-6467"),
        ("amex 3782 822463 10005", "3782 822463 10005"),
        ("charge 5500000000000004 please", "5500000000000004"),
        ("card 4539 1488 0343 6467 456", "4539 1488 0343 6467"),  # CVV after it
    ],
)
def test_card_numbers(found: Found, text: str, value: str) -> None:
    assert ("CREDIT_CARD", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "my card 4539 1488 0343 6468 expired",  # Luhn fails
        "number 9999999999999995",  # Luhn-valid, no issuer uses the range, no card context
        "tracking number 4539148803436467",  # valid, but the context says otherwise
        "my card 4539 1488-0343 6467",  # mixed separators
    ],
)
def test_card_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "CREDIT_CARD"]


def test_an_unlisted_range_counts_with_card_context(found: Found) -> None:
    assert found("credit card 9999999999999995") == [("CREDIT_CARD", "9999999999999995")]


def test_card_evidence_is_masked(findings: Callable[[str], tuple[Finding, ...]]) -> None:
    text = "card 4539148803436467"
    (finding,) = findings(text)
    assert "4539148803436467" not in finding.evidence
    assert "4539148803436467" not in repr(finding)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00 is mine", "DE89 3704 0044 0532 0130 00"),
        ("send to FR1420041010050500013M02606.", "FR1420041010050500013M02606"),
        ("my iban is gb82west12345698765432", "gb82west12345698765432"),
    ],
)
def test_ibans(found: Found, text: str, value: str) -> None:
    assert ("IBAN", value) in found(text)


@pytest.mark.parametrize(
    "text",
    ["IBAN DE89 3704 0044 0532 0130 01", "code XX82WEST12345698765432", "sku AB12CDEF34567890"],
)
def test_iban_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "IBAN"]
