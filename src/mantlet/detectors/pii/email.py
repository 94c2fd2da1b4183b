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
        "postgres://app:s3cr3tPass@db.internal:5432/app",
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
            if start > 0 and text[start - 1] == ":" and _in_url_userinfo(text, start - 1):
                continue  # `scheme://user:password@host`: a password and a host, no address
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


# What a URL's user name may hold (RFC 3986 unreserved, `%`, a few sub-delims, and the `@`
# of a user named by an address).
_URL_USER_CHARS = _ALNUM | frozenset("-._~%!$&*+=@")


def _in_url_userinfo(text: str, colon: int) -> bool:
    """Whether the `:` at `colon` ends a URL's user name (`redis://:pw@host`,
    `smtp://me%40corp.com:pw@host`): then what follows is a password and a host."""
    return text.endswith("://", 0, extend_left(text, colon, _URL_USER_CHARS, 256))
