"""IBAN: country code, check digits and account number, validated with python-stdnum."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from stdnum import iban

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import ContextWords, PiiDetector
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_GROUP_RE = re.compile(r"[ ]?[A-Za-z0-9]{1,4}$")


@register
class IbanDetector(PiiDetector):
    """International bank account numbers, compact or in groups of four; mod-97 checked."""

    name = "pii_iban"
    labels = ("IBAN",)
    # Anchored on the first check digit (digits are rarer than letters), two letters behind it.
    patterns = (
        Pattern(
            "iban",
            r"[0-9](?<=[A-Za-z]{2}[0-9])(?<![A-Za-z0-9][A-Za-z]{2}[0-9])[0-9]"
            r"(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])",
            # For Hyperscan, which drops look-behinds: the country code spelled out, and the
            # character before it consumed (a match may still end no later than the real one).
            prefilter=r"(?:^|[^A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2}",
            near_ends=True,
        ),
    )
    lead: ClassVar[dict[str, int]] = {"iban": 2}
    context_words = ContextWords(
        raising=("iban", "bank", "account", "transfer", "wire", "sepa", "konto", "bic", "swift"),
        lowering=("example", "sample"),
    )
    examples = (
        "My IBAN is GB10LORI20288482594042",
        "Überweisung an DE89 3704 0044 0532 0130 00 bitte",
        "my iban is gb42nawi04454264788619",
    )
    counterexamples = (
        "My IBAN is GB10LORI20288482594043",
        "part number AB12CDEF34567890 in stock",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            start, end, candidate = self.token(m)
            # A greedy match may swallow a following word or number group: trim and retry.
            while not iban.is_valid(candidate):
                shorter = _GROUP_RE.sub("", candidate)
                if shorter == candidate or len(shorter.replace(" ", "")) < 15:
                    break
                end -= len(candidate) - len(shorter)
                candidate = shorter
            else:
                signal = self.context_words.signal(m.view.text, start, end)
                score = 0.97 if signal >= 0 else 0.7
                yield self.finding(
                    document,
                    m.view.to_original(start, end),
                    "IBAN",
                    score,
                    Severity.HIGH,
                    reason=f"IBAN ({candidate[:2].upper()})",
                )
