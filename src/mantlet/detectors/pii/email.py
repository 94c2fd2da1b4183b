"""EMAIL: an address with a local part, `@` and a domain whose TLD is real."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import ContextWords, PiiDetector
from mantlet.detectors.pii.tlds import ANY_KNOWN
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"


@register
class EmailDetector(PiiDetector):
    """Email addresses. A known TLD is near-certain; an odd TLD is still likely an address."""

    name = "pii_email"
    labels = ("EMAIL",)
    patterns = (
        Pattern(
            "email", rf"(?<![\w.%+-]){_LOCAL}@{_DOMAIN}(?![\w-]|\.[A-Za-z0-9])", keywords=("@",)
        ),
    )
    context_words = ContextWords(
        raising=("email", "e-mail", "mail", "contact", "send", "address", "write to"),
        lowering=("example", "placeholder", "noreply", "no-reply"),
    )
    examples = (
        "You said your email is DonkaZarand@superrito.com. Is that correct?",
        "write to jean.dupont+news@mail.example.fr please",
    )
    counterexamples = (
        "the decorator @app.route maps a URL",
        "npm install @types/node@18.1.2",
        "meet me @ 5pm at the cafe.com",
        "user@localhost is not routable",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            address = m.text
            if ".." in address:
                continue
            tld = address.rsplit(".", 1)[1].lower()
            score = 0.95 if tld in ANY_KNOWN else 0.6
            signal = self.context_signal(m)
            if signal > 0:
                score = max(score, 0.8)
            elif signal < 0:
                score -= 0.15
            yield self.finding(
                document, m.span(), "EMAIL", score, Severity.MEDIUM, reason="email address"
            )
