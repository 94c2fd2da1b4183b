"""The engine: every enabled detector's patterns in one database, each view scanned once."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from mantlet.detectors.base import Detector, Match
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern, build_matcher
from mantlet.registry import detector_classes
from mantlet.text import Document, View, ViewKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DetectorFailure:
    """A detector raised while scanning. Only the exception type is kept: never its message,
    which may quote the text being scanned."""

    detector: str
    error: str


@dataclass(frozen=True, slots=True)
class ScanResult:
    findings: tuple[Finding, ...]
    # Highest score per category scanned, including scores below reporting thresholds.
    scores: Mapping[str, float] = field(default_factory=dict)
    failures: tuple[DetectorFailure, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def by_category(self, *categories: Category) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.category in categories)

    @property
    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_dict(self) -> dict[str, object]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "scores": dict(self.scores),
            "failures": [{"detector": f.detector, "error": f.error} for f in self.failures],
        }


def _parse_categories(only: Iterable[Category | str] | None) -> frozenset[Category] | None:
    if only is None:
        return None
    parsed = set()
    for c in only:
        try:
            parsed.add(Category(str(c).upper()))
        except ValueError:
            known = ", ".join(x.value for x in Category)
            raise ValueError(f"unknown category {c!r}; known: {known}") from None
    return frozenset(parsed)


class Engine:
    """Compiles once at construction; `scan` only runs what was compiled."""

    def __init__(
        self,
        detectors: Sequence[Detector] | None = None,
        *,
        only: Iterable[Category | str] | None = None,
        backend: str = "auto",
    ) -> None:
        wanted = _parse_categories(only)
        if detectors is None:
            detectors = [cls() for cls in detector_classes().values() if cls.default_enabled]
        if wanted is not None:
            detectors = [d for d in detectors if wanted & set(d.reported_categories())]
        self.detectors: tuple[Detector, ...] = tuple(detectors)
        self.categories: frozenset[Category] = (
            wanted
            if wanted is not None
            else frozenset(c for d in self.detectors for c in d.reported_categories())
        )
        patterns: list[Pattern] = []
        owners: list[int] = []
        for index, detector in enumerate(self.detectors):
            patterns.extend(detector.patterns)
            owners.extend([index] * len(detector.patterns))
        self._patterns = patterns
        self._owners = owners
        # Per pattern: its owner's index, the views the owner reads, the pattern.
        self._routes = [
            (o, self.detectors[o].views, p) for o, p in zip(owners, patterns, strict=True)
        ]
        # Decoding is the costliest view: skip it when no enabled detector reads it.
        self._decode = any(ViewKind.DECODED in d.views for d in self.detectors)
        # Folding changed the text: the original is matched only if some detector reads it.
        self._original = any(ViewKind.ORIGINAL in d.views for d in self.detectors)
        self._matcher = build_matcher(patterns, backend)
        self.backend: str = getattr(self._matcher, "name", backend)
        # Detectors called even when none of their patterns matched.
        self._always_run = frozenset(
            i for i, d in enumerate(self.detectors) if not d.patterns or d.runs_without_matches
        )
        self._thresholds = {d.name: d.threshold for d in self.detectors}
        self._score_keys = tuple(c.value for c in sorted(self.categories))

    def prepare(self) -> None:
        """Build now what scans would otherwise build on first use: the long-text database
        (seconds with every detector) and the detectors' own (the street-address sieve, half
        a second). For servers, before they take requests, and for benchmarks of steady state."""
        self._matcher.prepare_long_texts()
        for detector in self.detectors:
            detector.prepare()

    def scan(self, text: str | Document) -> ScanResult:
        document = text if isinstance(text, Document) else Document(text)
        matches: list[list[Match]] = [[] for _ in self.detectors]
        routes = self._routes
        for view, kinds in self._views(document):
            text = view.text
            for pid, regions in self._matcher.candidates(text).items():
                owner, reads, pattern = routes[pid]
                if reads.isdisjoint(kinds):
                    continue
                bucket = matches[owner]
                for m in pattern.finditer(text, regions):
                    bucket.append(_new_match(Match, (pattern, view, m)))
        findings: dict[tuple[str, str, int, int], Finding] = {}
        failures: list[DetectorFailure] = []
        always = self._always_run
        # In index order: on equal scores the first detector wins.
        for index, (detector, candidates) in enumerate(zip(self.detectors, matches, strict=True)):
            if not candidates and index not in always:
                continue
            try:
                for finding in detector.detect(document, candidates):
                    key = (finding.detector, finding.label, finding.start, finding.end)
                    if key not in findings or findings[key].score < finding.score:
                        findings[key] = finding
            except Exception as exc:  # fail closed: the caller's policy decides
                log.error("detector %s failed: %s", detector.name, type(exc).__name__)
                failures.append(DetectorFailure(detector.name, type(exc).__name__))
        return self._result(findings.values(), failures)

    def _result(
        self, findings: Collection[Finding], failures: Sequence[DetectorFailure]
    ) -> ScanResult:
        """The findings at or above their detector's threshold, in text order, and each
        category's highest score."""
        scores = dict.fromkeys(self._score_keys, 0.0)
        for f in findings:
            # A StrEnum member hashes and compares as its value (`.value` is a Python-level
            # property): the keys stay the plain strings put in.
            if f.category in scores and scores[f.category] < f.score:
                scores[f.category] = f.score
        thresholds, categories = self._thresholds, self.categories
        reported = sorted(
            (
                f
                for f in findings
                if f.score >= thresholds.get(f.detector, 0.5) and f.category in categories
            ),
            key=_TEXT_ORDER,
        )
        return ScanResult(tuple(reported), scores, tuple(failures))

    def _views(self, document: Document) -> Iterable[tuple[View, frozenset[ViewKind]]]:
        if document.folded is document.original:
            yield document.original, _UNFOLDED
        else:
            yield document.folded, _FOLDED
            if self._original:
                yield document.original, _ORIGINAL
        if self._decode:
            for segment in document.decoded:
                yield segment, _DECODED


# What each view stands for; the original stands for the folded text when folding changed
# nothing.
_UNFOLDED = frozenset({ViewKind.ORIGINAL, ViewKind.FOLDED})
_FOLDED = frozenset({ViewKind.FOLDED})
_ORIGINAL = frozenset({ViewKind.ORIGINAL})
_DECODED = frozenset({ViewKind.DECODED})

# `Match(...)` runs the Python-level `__new__` a named tuple defines; the tuple's own, in C,
# makes the same object for a third less (a scan makes a dozen matches).
_new_match = tuple.__new__

# Reported findings' order, read in C rather than by a lambda per finding.
_TEXT_ORDER = attrgetter("start", "end", "detector", "label")


@lru_cache(maxsize=16)
def default_engine(only: frozenset[str] | None = None, backend: str = "auto") -> Engine:
    """The engine with every default-enabled detector, built once per configuration."""
    return Engine(only=only, backend=backend)


def scan(text: str, *, only: Iterable[Category | str] | None = None) -> ScanResult:
    """Scan text with every default-enabled detector (or only those of some categories)."""
    key = None if only is None else frozenset(str(c).upper() for c in only)
    return default_engine(key).scan(text)
