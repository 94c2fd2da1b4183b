"""The detector contract: declare patterns, validate candidates, yield findings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar, NamedTuple

from mantlet.findings import Category, Finding, Severity, mask_value
from mantlet.patterns import Pattern
from mantlet.text import Document, View, ViewKind


class Match(NamedTuple):
    """One candidate: a pattern's regex match on one view of a document. A named tuple, not
    a frozen dataclass: as immutable, and made twice as fast (a scan makes dozens)."""

    pattern: Pattern
    view: View
    match: re.Match[str]

    @property
    def text(self) -> str:
        return self.match.group()

    def span(self, group: int | str = 0) -> tuple[int, int]:
        """The original-text span of the whole match or of one group."""
        start, end = self.match.span(group)
        return self.view.to_original(start, end)


class Detector:
    """Base class for every detector.

    Subclasses set `name`, `category`, `patterns` (compiled once into the engine's shared
    database), and implement `detect`. A detector with no patterns is called once per
    document with no matches (model-based detectors). Constructors do no work: load models
    lazily, on first use.
    """

    name: ClassVar[str]
    category: ClassVar[Category]
    labels: ClassVar[tuple[str, ...]]  # every label this detector can report
    patterns: ClassVar[tuple[Pattern, ...]] = ()
    views: ClassVar[frozenset[ViewKind]] = frozenset({ViewKind.FOLDED, ViewKind.DECODED})
    # Categories this detector may report; defaults to (category,).
    categories: ClassVar[tuple[Category, ...]] = ()
    default_enabled: ClassVar[bool] = True
    # Called on every document even when none of its patterns matched (pattern rules plus a model).
    runs_without_matches: ClassVar[bool] = False
    threshold: ClassVar[float] = 0.5  # findings below it count in scores, not in results
    # Examples for the conformance test: each positive must yield a finding, no negative may.
    examples: ClassVar[tuple[str, ...]] = ()
    counterexamples: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def reported_categories(cls) -> tuple[Category, ...]:
        return cls.categories or (cls.category,)

    @classmethod
    def rule_metadata(cls, label: str) -> dict[str, object]:
        """Extra facts about one label for reports such as SARIF rules: `help` (a one-line
        fix hint), `tags` (e.g. CWE ids), `owasp`. Detectors with such facts override this."""
        return {}

    def prepare(self) -> None:
        """Build now what the first scan would otherwise build (`Engine.prepare`); by
        default there is nothing."""

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        document: Document,
        span: tuple[int, int],
        label: str,
        score: float,
        severity: Severity,
        *,
        category: Category | None = None,
        reason: str = "",
        evidence: str | None = None,
    ) -> Finding:
        """A finding over an original-text span, its evidence masked."""
        start, end = span
        return Finding(  # positional, in field order: a finding per validated match
            start,
            end,
            self.name,
            category or self.category,
            label,
            min(max(score, 0.0), 1.0),
            severity,
            mask_value(document.text[start:end]) if evidence is None else evidence,
            reason,
        )
