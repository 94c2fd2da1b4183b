"""Span-level evaluation of PII detection on labeled data (`text`, `spans`: [{start, end, type}]).

Matching rule, per item and per type:
- a predicted span and a gold span can match only when their types are equal and they
  overlap by at least one character (character offsets, end exclusive);
- matching is one-to-one: pairs are taken greedily by largest overlap, so each gold span is
  matched at most once and each prediction at most once;
- a matched prediction is a true positive, an unmatched prediction a false positive, an
  unmatched gold span a false negative.

Predictions are the reported findings (score at or above the detector's threshold) of the
engine's PII detectors, typed by their label. "Overall" sums the per-type counts over the
types the engine can report (`overall="engine"`, the default) or over every type seen
(`overall="all"`); gold types no detector covers are still listed per type. Nothing here is
specific to the structured detectors: NER labels (PERSON, LOCATION, ORG) flow through the
same code once a detector reports them.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mantlet.engine import Engine
from mantlet.errors import InputError
from mantlet.eval.metrics import PRF, Latency
from mantlet.findings import Category
from mantlet.registry import detector_classes
from mantlet.text import Document

OVERALL_CHOICES = ("engine", "all")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str


@dataclass(frozen=True, slots=True)
class PiiItem:
    text: str
    spans: tuple[Span, ...]


def read_pii_items(path: Path) -> Iterator[PiiItem]:
    """Items of a PII JSON-lines file; a bad line is an InputError naming file and line."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({type(exc).__name__})") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _parse_item(raw, f"{path}:{number}")


def _parse_item(raw: bytes, where: str) -> PiiItem:
    try:
        row = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{where}: not a JSON line ({type(exc).__name__})") from None
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected a JSON object")
    text = row.get("text")
    spans = row.get("spans")
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' must be a string")
    if not isinstance(spans, list):
        raise InputError(f"{where}: field 'spans' must be a list")
    return PiiItem(text, tuple(_parse_span(s, len(text), where) for s in spans))


def _parse_span(span: Any, length: int, where: str) -> Span:
    if not isinstance(span, dict):
        raise InputError(f"{where}: each span must be an object with start, end, type")
    start, end, kind = span.get("start"), span.get("end"), span.get("type")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(kind, str)):
        raise InputError(f"{where}: a span needs integer start/end and a string type")
    if not 0 <= start < end <= length:
        raise InputError(f"{where}: span {start}..{end} outside the text (length {length})")
    return Span(start, end, kind.upper())


def match_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[str, PRF]:
    """Per-type true/false positives and false negatives for one item (rule in the module doc)."""
    counts: dict[str, PRF] = {}
    for kind in {s.type for s in gold} | {s.type for s in predicted}:
        g = [s for s in gold if s.type == kind]
        p = [s for s in predicted if s.type == kind]
        pairs = sorted(
            (
                (min(a.end, b.end) - max(a.start, b.start), i, j)
                for i, a in enumerate(g)
                for j, b in enumerate(p)
                if min(a.end, b.end) > max(a.start, b.start)
            ),
            reverse=True,
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in pairs:
            if i not in used_gold and j not in used_pred:
                used_gold.add(i)
                used_pred.add(j)
        tp = len(used_gold)
        counts[kind] = PRF(tp, len(p) - tp, len(g) - tp)
    return counts


@dataclass
class PiiReport:
    per_type: dict[str, PRF]
    overall: PRF
    overall_types: tuple[str, ...]
    uncovered_types: tuple[str, ...]  # gold types no evaluated detector reports
    latency: Latency
    items: int
    kilobytes: float
    seconds: float
    files: tuple[str, ...] = field(default=())

    @property
    def throughput_kb_s(self) -> float:
        return self.kilobytes / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "files": list(self.files),
            "items": self.items,
            "overall": self.overall.to_dict(),
            "overall_types": list(self.overall_types),
            "per_type": {k: v.to_dict() for k, v in sorted(self.per_type.items())},
            "uncovered_types": list(self.uncovered_types),
            "latency": self.latency.to_dict(),
            "throughput_kb_s": round(self.throughput_kb_s, 2),
        }


def pii_engine(backend: str = "auto", detectors: Sequence[str] = ()) -> Engine:
    """The engine to evaluate: the named detectors (enabled by default or not), else every
    default-enabled detector that reports PII."""
    if not detectors:
        return Engine(only=[Category.PII], backend=backend)
    known = detector_classes()
    unknown = [name for name in detectors if name not in known]
    if unknown:
        raise InputError(
            f"unknown detector {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return Engine([known[name]() for name in detectors], backend=backend)


def engine_labels(engine: Engine) -> frozenset[str]:
    return frozenset(
        label
        for detector in engine.detectors
        if Category.PII in detector.reported_categories()
        for label in detector.labels
    )


def evaluate_pii(
    paths: Iterable[Path],
    engine: Engine | None = None,
    *,
    only_types: Iterable[str] | None = None,
    overall: str = "engine",
) -> PiiReport:
    """Scan every item of every file and score the findings against the gold spans."""
    if overall not in OVERALL_CHOICES:
        raise ValueError(f"overall must be one of {', '.join(OVERALL_CHOICES)}")
    engine = engine or pii_engine()
    wanted = None if only_types is None else frozenset(t.strip().upper() for t in only_types)
    covered = engine_labels(engine)
    engine.scan("warm up: 1.2.3.4 a@b.com")  # lazy imports and caches out of the timing
    totals: dict[str, PRF] = defaultdict(lambda: PRF(0, 0, 0))
    seconds: list[float] = []
    size = 0
    files = tuple(str(p) for p in paths)
    for path in files:
        for item in read_pii_items(Path(path)):
            document = Document(item.text)
            began = time.perf_counter()
            result = engine.scan(document)
            seconds.append(time.perf_counter() - began)
            size += len(item.text.encode("utf-8"))
            predicted = [
                Span(f.start, f.end, f.label) for f in result.findings if f.category is Category.PII
            ]
            gold = list(item.spans)
            if wanted is not None:
                predicted = [s for s in predicted if s.type in wanted]
                gold = [s for s in gold if s.type in wanted]
            for kind, prf in match_spans(gold, predicted).items():
                totals[kind] = totals[kind] + prf
    kinds = sorted(totals)
    overall_types = tuple(k for k in kinds if overall == "all" or k in covered)
    summed = sum((totals[k] for k in overall_types), PRF(0, 0, 0))
    return PiiReport(
        per_type=dict(totals),
        overall=summed,
        overall_types=overall_types,
        uncovered_types=tuple(k for k in kinds if k not in covered),
        latency=Latency.of(seconds),
        items=len(seconds),
        kilobytes=size / 1024,
        seconds=sum(seconds),
        files=files,
    )
