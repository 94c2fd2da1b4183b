"""EMAIL: an address with a local part, `@` and a domain whose TLD is real."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import ContextWords, PiiDetector, extend_left
from mantlet.detectors.pii.tlds import ANY_KNOWN
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LOCAL_CHARS = _ALNUM | frozenset("._%+-_'")  # ' as in o'brien@…
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"


@register
class EmailDetector(PiiDetector):
    """Email addresses. A known TLD is near-certain; an odd TLD is still likely an address."""

    name = "pii_email"
    labels = ("EMAIL",)
    patterns = (Pattern("email", rf"@{_DOMAIN}(?![\w-]|\.[A-Za-z0-9])", keywords=("@",)),)
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
            text = m.view.text
            at, end = m.match.span()
            start = extend_left(text, at, _LOCAL_CHARS, 64)
            while start < at and text[start] not in _ALNUM:
                start += 1  # a local part starts with a letter or digit
            if start == at or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")):
                continue
            address = text[start:end]
            if ".." in address or address[at - start - 1] == ".":
                continue
            tld = address.rsplit(".", 1)[1].lower()
            score = 0.95 if tld in ANY_KNOWN else 0.6
            signal = self.context_words.signal(text, start, end)
            if signal > 0:
                score = max(score, 0.8)
            elif signal < 0:
                score -= 0.15
            yield self.finding(
                document,
                m.view.to_original(start, end),
                "EMAIL",
                score,
                Severity.MEDIUM,
                reason="email address",
            )
