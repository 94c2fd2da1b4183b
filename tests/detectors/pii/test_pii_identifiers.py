"""SSN and other national identifiers (reported as OTHER with the kind in `reason`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mantlet import Finding

Found = Callable[[str], list[tuple[str, str]]]
Findings = Callable[[str], tuple[Finding, ...]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Here's my SSN: 460-89-9847", "460-89-9847"),
        ("social security number 460 89 9847", "460 89 9847"),
        ("ssn 460899847", "460899847"),
        ("form value 460-89-9847", "460-89-9847"),  # the dashed form alone is enough
    ],
)
def test_ssns(found: Found, text: str, value: str) -> None:
    assert ("SSN", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "SSN: 666-89-9847",  # area 666 is never issued
        "SSN: 900-12-3456",  # nor 9xx
        "SSN: 123-00-4567",  # nor group 00
        "order 460899847",  # nine digits without context
        "call 460-89-9847",  # phone context
    ],
)
def test_ssn_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "SSN"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("national insurance number JG 10 37 59 A", "UK national insurance number"),
        ("Steuer-ID 36574261809", "German tax identification number"),
        ("NIR 2 95 10 99 126 111 93", "French social security number (NIR)"),
        ("DNI 12345678Z", "Spanish national identity number (DNI)"),
        ("NIE X1234567L", "Spanish foreigner identity number (NIE)"),
        ("CF RCCMNL83S18D969H", "Italian fiscal code (codice fiscale)"),
        ("Aadhaar 2345 6789 0124", "Indian Aadhaar number"),
        ("CPF 390.533.447-05", "Brazilian individual taxpayer number (CPF)"),
    ],
)
def test_national_ids_name_their_kind(findings: Findings, text: str, reason: str) -> None:
    reported = [f for f in findings(text) if f.label == "OTHER"]
    assert [f.reason for f in reported] == [reason]


@pytest.mark.parametrize(
    "text",
    [
        "national insurance number JG 10 37 59 E",  # suffix must be A-D
        "national insurance number GB 10 37 59 A",  # prefix never issued
        "Steuer-ID 36574261808",  # check digit
        "NIR 2 95 10 99 126 111 94",  # key
        "DNI 12345678A",  # letter
        "NIE X1234567M",  # letter
        "CF RCCMNL83S18D969X",  # check letter
        "Aadhaar 2345 6789 0123",  # Verhoeff digit
        "CPF 390.533.447-06",  # check digits
        "number 36574261809",  # valid DE tax id, but no context
        "number 234567890124",  # valid Aadhaar, but no context
    ],
)
def test_national_id_near_misses(found: Found, text: str) -> None:
    assert not [f for f in found(text) if f[0] == "OTHER"]
