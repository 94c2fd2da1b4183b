"""SSN: US social security numbers, validated with python-stdnum and gated by context.

Nine digits are ambiguous, so only the dashed 3-2-4 form is reported without context words;
spaced or plain forms need a nearby "SSN" or "social security".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stdnum.us import ssn

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


@register
class SsnDetector(PiiDetector):
    """US social security numbers."""

    name = "pii_ssn"
    labels = ("SSN",)
    patterns = (
        Pattern(
            "ssn",
            starts_with("[0-9]", r"[\w.,/-]")
            + r"[0-9]{2}(?P<sep>[- ]?)[0-9]{2}(?P=sep)[0-9]{4}(?![\w/]|[.,-][0-9])",
            # Hyperscan drops look-arounds and back-references: spelled out, and `\b` for
            # the look-arounds, nine digits inside a longer run are no candidate.
            prefilter=r"\b[0-9]{3}(?:[0-9]{2}|-[0-9]{2}-|[ ][0-9]{2}[ ])[0-9]{4}\b",
            near_ends=True,
        ),
    )
    context_words = ContextWords(
        raising=(
            "ssn",
            "ssns",
            "social security",
            "social sec",
            "ss#",
            "ss no",
            "taxpayer",
            "tin",
            "itin",
        ),
        lowering=(
            "phone",
            "tel",
            "fax",
            "call",
            "order",
            "invoice",
            "tracking",
            "zip",
            "routing",
            "account",
            "isbn",
            "id",
            "card",
            "ticket",
            "ref",
            "reference",
            "serial",
        ),
    )
    examples = (
        "Here's my SSN: 460-89-9847",
        "His social security number is 125 17 4954",
        "ssn 125174954",
    )
    counterexamples = (
        "Here's my SSN: 666-89-9847",
        "SSN 000-12-3456",
        "order 125174954 shipped",
        "call 460-89-9847",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            digits = digits_of(m.text)
            if not ssn.is_valid(digits) or len(set(digits)) < 3:
                continue
            separator = m.match.group("sep")
            signal = self.context_signal(m)
            score = {"-": 0.55, " ": 0.35}.get(separator, 0.15)
            if signal > 0:
                score = 0.95
            elif signal < 0:
                score -= 0.4
            yield self.finding(
                document, m.span(), "SSN", score, Severity.HIGH, reason="US social security number"
            )
