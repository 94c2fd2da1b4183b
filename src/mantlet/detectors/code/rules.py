"""Pattern rules: one regular expression per insecure construct, per language family.

A rule names its CWE, severity, a one-line fix and a confidence. `keywords` are literals
one of which must be in the block (a cheap skip); `unless` is a pattern that, found near
the match, means the construct was made safe (a bound, a safe loader ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mantlet.findings import Severity

ANY = "*"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    cwe: str
    name: str
    severity: Severity
    help: str
    languages: frozenset[str]
    regex: str
    score: float = 0.8
    keywords: tuple[str, ...] = ()
    unless: str = ""  # checked on the matched lines (and `window` lines around them)
    window: int = 0
    flags: int = re.MULTILINE
    group: int | str = 0
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)
    unless_compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))
        object.__setattr__(
            self, "unless_compiled", re.compile(self.unless, re.I) if self.unless else None
        )


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule matched: the span is relative to the block's text."""

    rule_id: str
    cwe: str
    name: str
    severity: Severity
    start: int
    end: int
    score: float


def rule(
    id: str,
    cwe: str,
    name: str,
    severity: str,
    languages: Iterable[str],
    regex: str,
    help: str,
    **kw: object,
) -> Rule:
    return Rule(id, cwe, name, Severity(severity), help, frozenset(languages), regex, **kw)  # type: ignore[arg-type]


def _lines_around(text: str, start: int, end: int, window: int) -> str:
    """The lines holding text[start:end], with `window` more lines on each side."""
    lo = text.rfind("\n", 0, start)
    for _ in range(window):
        if lo <= 0:
            break
        lo = text.rfind("\n", 0, lo)
    hi = text.find("\n", end)
    for _ in range(window):
        if hi < 0:
            break
        hi = text.find("\n", hi + 1)
    return text[lo + 1 : len(text) if hi < 0 else hi]


def run_rules(rules: Iterable[Rule], text: str, language: str) -> Iterator[RuleHit]:
    """Every match of every rule that applies to `language` (unknown: rules for any language)."""
    lowered = text.lower()
    for r in rules:
        if language != ANY and language not in r.languages and ANY not in r.languages:
            continue
        if r.keywords and not any(k in lowered for k in r.keywords):
            continue
        for m in r.compiled.finditer(text):
            start, end = m.span(r.group)
            if start < 0:
                continue
            if r.unless_compiled is not None:
                around = _lines_around(text, m.start(), m.end(), r.window)
                if r.unless_compiled.search(around):
                    continue
            yield RuleHit(r.id, r.cwe, r.name, r.severity, start, end, r.score)
