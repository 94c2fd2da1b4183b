"""CREDIT_CARD: 12 to 19 digits that pass Luhn and fall in a card issuer's number range."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import (
    ContextWords,
    PiiDetector,
    digits_of,
    starts_with,
)
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

# (issuer, prefix ranges as (low, high) over the first len(low) digits, allowed lengths)
ISSUERS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("Visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("Mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("American Express", (("34", "34"), ("37", "37")), frozenset({15})),
    (
        "Discover",
        (("6011", "6011"), ("644", "649"), ("65", "65"), ("622126", "622925")),
        frozenset({16, 17, 18, 19}),
    ),
    ("JCB", (("3528", "3589"),), frozenset({16, 17, 18, 19})),
    ("JCB", (("1800", "1800"), ("2131", "2131")), frozenset({15})),
    (
        "Diners Club",
        (("300", "305"), ("3095", "3095"), ("36", "36"), ("38", "39")),
        frozenset({14, 15, 16, 17, 18, 19}),
    ),
    ("UnionPay", (("62", "62"), ("81", "81")), frozenset({16, 17, 18, 19})),
    (
        "Maestro",
        (
            ("5018", "5018"),
            ("5020", "5020"),
            ("5038", "5038"),
            ("5893", "5893"),
            ("6304", "6304"),
            ("6759", "6759"),
            ("6761", "6763"),
            ("50", "50"),
            ("56", "58"),
            ("639", "639"),
            ("67", "67"),
        ),
        frozenset(range(12, 20)),
    ),
    ("Mir", (("2200", "2204"),), frozenset({16, 17, 18, 19})),
    ("RuPay", (("60", "60"), ("652", "653"), ("508", "508")), frozenset({16})),
)

_GROUPED_RE = re.compile(
    r"^(?:[0-9]{4}(?P<s>[ -])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{1,4}(?:(?P=s)[0-9]{1,3})?"
    r"|[0-9]{4}(?P<t>[ -])[0-9]{6}(?P=t)[0-9]{4,5})$"
)


_LAST_GROUP_RE = re.compile(r"[ -][0-9]{1,4}$")


def _plausible_card(raw: str) -> bool:
    """12-19 digits, plain or grouped the way cards are printed, passing Luhn."""
    digits = digits_of(raw)
    if not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
        return False
    if raw != digits and not _GROUPED_RE.match(raw):
        return False
    return luhn_valid(digits)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = ord(ch) - 48
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def issuer_of(digits: str) -> str | None:
    """The card network whose range and length fit these digits, if any."""
    for issuer, ranges, lengths in ISSUERS:
        if len(digits) not in lengths:
            continue
        for low, high in ranges:
            if low <= digits[: len(low)] <= high:
                return issuer
    return None


@register
class CreditCardDetector(PiiDetector):
    """Payment card numbers, plain or grouped by spaces or dashes."""

    name = "pii_credit_card"
    labels = ("CREDIT_CARD",)
    patterns = (
        Pattern(
            "card",
            starts_with("[0-9]", r"[\w.,/-]") + r"(?:[ -]?[0-9]){11,18}(?![\w/]|[.,-][0-9])",
            near_ends=True,  # a few ends per card number; `re` from the first to the end is slower
        ),
    )
    context_words = ContextWords(
        raising=(
            "card",
            "credit",
            "debit",
            "visa",
            "mastercard",
            "amex",
            "american express",
            "discover",
            "jcb",
            "diners",
            "maestro",
            "unionpay",
            "cc",
            "pan",
            "cvv",
            "cvc",
            "expiry",
            "expires",
            "charge",
            "payment",
            "pay",
            "billing",
            "billed",
            "atm",
        ),
        lowering=(
            "order",
            "invoice",
            "tracking",
            "isbn",
            "iban",
            "phone",
            "tel",
            "fax",
            "serial",
            "imei",
            "ean",
            "upc",
            "barcode",
            "account number",
            "transaction id",
            "uuid",
            "reference",
            "ref",
            "ticket",
            "id",
        ),
    )
    examples = (
        "What is the limit for card 4454794511390933?",
        "Please charge my credit card. Number is 5500 0000 0000 0004",
        "amex 3782-822463-10005 expires 04/27",
        "paid with 4539 1488 0343 6467 yesterday",
    )
    counterexamples = (
        "What is the limit for card 4454794511390934?",
        "tracking number 4454794511390933",
        "call 1234 5678 9012 3456 now",
        "value 0000000000000000",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            start, end = m.match.span()
            raw = m.text
            if not _plausible_card(raw):
                # "4111 1111 1111 1111 123": a grouped number followed by a short group (CVV).
                shorter = _LAST_GROUP_RE.sub("", raw)
                if shorter == raw or not _plausible_card(shorter):
                    continue
                end -= len(raw) - len(shorter)
                raw = shorter
            digits = digits_of(raw)
            issuer = issuer_of(digits)
            signal = self.context_words.signal(m.view.text, start, end)
            if issuer is None:
                score = 0.3
            elif len(digits) < 14:
                score = 0.45  # short numbers collide with phones and ids: need context
            else:
                score = 0.85
            if signal > 0:
                score = min(score + 0.4, 0.98) if issuer else 0.6
            elif signal < 0:
                score -= 0.5
            reason = f"{issuer} card number" if issuer else "Luhn-valid card-like number"
            yield self.finding(
                document,
                m.view.to_original(start, end),
                "CREDIT_CARD",
                score,
                Severity.HIGH,
                reason=reason,
            )
