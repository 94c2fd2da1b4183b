"""URL: links with a scheme, `www.` hosts, and bare domain names with a well-known TLD.

A bare `name.tld` is reported only when the TLD is not also a file extension or a code
attribute (`setup.py`, `user.id`), and never inside an email address or a dotted identifier
(`self.config.net`), nor when it is called like a method (`tensor.to(device)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import ContextWords, PiiDetector, extend_left, starts_with
from mantlet.detectors.pii.tlds import ANY_KNOWN, BARE_DOMAIN
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PATH = r"(?:[/?#][^\s<>\"'`]*)?"
_SCHEME_URL = starts_with("[HhFfWw]", r"\w") + r"(?i:ttps?|tps?|ss?)://[^\s<>\"'`]+"
# "www." hosts, anchored on the dot after "www" (a literal `re` finds fast).
_WWW_URL = rf"\.(?<=[Ww]{{3}}\.)(?<![\w/.@-][Ww]{{3}}\.){_LABEL}(?:\.{_LABEL})+{_PATH}"
# Anchored on the dot before the TLD (a literal `re` finds fast); the detector walks left
# over the rest of the host name.
_BARE_DOMAIN = rf"\.(?<=[A-Za-z0-9]\.)[a-z]{{2,24}}(?![\w-]|\.[A-Za-z0-9]){_PATH}"
_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "ws", "wss"})
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_CODE_RECEIVERS = frozenset(
    {"self", "this", "cls", "super", "os", "sys", "np", "pd", "df", "obj", "args"}
)
_TRAILING = ".,;:!?'\")]}*"


def _trim(url: str) -> str:
    """Drop sentence punctuation after a URL, keeping a closing bracket that has its opener."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _host(url: str) -> str:
    try:
        return (urlsplit(url if "://" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""


@register
class UrlDetector(PiiDetector):
    """Web addresses: scheme URLs, `www.` hosts and bare domains."""

    name = "pii_url"
    labels = ("URL",)
    patterns = (
        Pattern("scheme", _SCHEME_URL, keywords=("://",)),
        Pattern("www", _WWW_URL, keywords=("www.",)),
        Pattern("bare", _BARE_DOMAIN, keywords=(".",)),
    )
    context_words = ContextWords(
        raising=(
            "website",
            "site",
            "url",
            "link",
            "visit",
            "domain",
            "homepage",
            "web",
            "http",
            "online",
            "blog",
        ),
        lowering=(
            "file",
            "files",
            "import",
            "module",
            "package",
            "extension",
            "attribute",
            "method",
            "function",
        ),
    )
    examples = (
        "My website is http://www.CreditQuarterly.pl/",
        "I've shared files with you https://FightListings.se/.",
        "see www.example.org/docs for more",
        "visit wikipedia.org today",
    )
    counterexamples = (
        "run setup.py and read README.md",
        "print(user.id) then tensor.to(device)",
        "write to jean@mail.example.com",
        "use ASP.NET and Node.js",
        "self.config.net = None",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            kind = m.pattern.name
            text = m.view.text
            start, end = m.match.span()
            if kind == "www":
                start -= 3
            elif kind == "bare":
                start = extend_left(text, start, _HOST_CHARS, 253)
                while start < end and not text[start].isalnum():
                    start += 1
                before = text[start - 1] if start else " "
                if before.isalnum() or before in "@/:._\\":
                    continue  # inside an email, a path, an identifier or a longer URL
            url = _trim(text[start:end])
            host = _host(url)
            tld = host.rsplit(".", 1)[-1] if "." in host else ""
            if kind == "scheme":
                if url.split(":", 1)[0].lower() not in _SCHEMES or not host:
                    continue
                if "." not in host and host != "localhost" and ":" not in host:
                    continue
                score = 0.92
            elif kind == "www":
                if tld not in ANY_KNOWN:
                    continue
                score = 0.88
            else:
                bare = self._bare_score(text, start + len(url), url, host, tld)
                if bare is None:
                    continue
                score = bare
            signal = self.context_words.signal(text, start, start + len(url))
            if signal > 0:
                score = max(score, 0.9)
            elif signal < 0:
                score -= 0.3
            span = m.view.to_original(start, start + len(url))
            yield self.finding(document, span, "URL", score, Severity.LOW, reason=f"{kind} URL")

    @staticmethod
    def _bare_score(text: str, end: int, url: str, host: str, tld: str) -> float | None:
        if tld not in BARE_DOMAIN or host.startswith("www."):
            return None  # www. hosts are the `www` pattern's
        following = text[end : end + 4].lstrip(" ")
        if following[:1] in ("(", "[", "=") or following[:2] in ("+=", "-="):
            return None  # a method call, subscript or assignment in code
        labels = host.split(".")
        if labels[0] in _CODE_RECEIVERS:
            return None
        if any(label.isdigit() for label in labels):
            return None
        score = 0.65
        if len(labels) > 2 or url != host:
            score += 0.1  # subdomain or path: reads as an address, not a word
        return score
