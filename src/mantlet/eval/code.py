"""Insecure-code evaluation: precision, recall and F1 of the CODE detectors on labeled
snippets (`code`, `language`, `label`, `cwe`), overall, per CWE and per language, with latency.

Two ways to count a hit: `any` (the snippet gets any CODE finding) and `cwe` (a finding
in the same CWE family as the label, so a fixed snippet flagged for its old flaw is a
false positive, and a flawed one flagged for something else is a miss).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mantlet.errors import InputError
from mantlet.eval.datasets import read_jsonl
from mantlet.eval.metrics import PRF, Latency

_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(f"CWE-{n}" for n in group)
    for group in (
        (119, 120, 121, 122, 125, 131, 170, 242, 676, 680, 787, 805, 190, 134),
        (327, 328, 329, 330, 338, 759, 760, 916, 1240, 323, 326, 335),
        (94, 95, 1336),
        (78, 77, 88),
        (22, 23, 36, 73, 98),
        (79, 80),
        (611, 776, 827),
        (415, 416),
        (798, 259, 321),
        (295, 297),
        (215, 489),
    )
)


def same_family(a: str, b: str) -> bool:
    """True when two CWE ids name the same weakness family (for matching labels)."""
    if a == b:
        return True
    return any(a in family and b in family for family in _FAMILIES)


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, label: int, predicted: bool) -> None:
        if label and predicted:
            self.tp += 1
        elif label:
            self.fn += 1
        elif predicted:
            self.fp += 1

    def prf(self) -> PRF:
        return PRF(self.tp, self.fp, self.fn)


@dataclass
class CodeEvalReport:
    items: int
    positives: int
    any_finding: PRF
    same_cwe: PRF
    per_cwe: dict[str, PRF]
    per_language: dict[str, PRF]
    latency: Latency
    language_accuracy: float
    lines_median: float = 0.0
    failures: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "positives": self.positives,
            "overall": self.any_finding.to_dict(),
            "overall_same_cwe": self.same_cwe.to_dict(),
            "per_cwe": {k: v.to_dict() for k, v in sorted(self.per_cwe.items())},
            "per_language": {k: v.to_dict() for k, v in sorted(self.per_language.items())},
            "latency": self.latency.to_dict(),
            "language_accuracy": round(self.language_accuracy, 4),
            "failures": self.failures,
        }


def load_rows(path: Path, limit: int | None = None) -> list[Mapping[str, Any]]:
    rows: list[Mapping[str, Any]] = []
    for row in read_jsonl(path):
        if "code" not in row or "label" not in row:
            raise InputError(f"{path}: each line needs `code` and `label` (insecure-code format)")
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    return rows


def evaluate_code(rows: Iterable[Mapping[str, Any]]) -> CodeEvalReport:
    """Run the CODE detectors (the same engine path as `mantlet scan --only code`) on each row."""
    from mantlet.detectors.code.language import identify
    from mantlet.engine import Engine

    engine = Engine(only=["CODE"])
    overall, matched = _Tally(), _Tally()
    per_cwe: dict[str, _Tally] = {}
    per_language: dict[str, _Tally] = {}
    seconds: list[float] = []
    items = positives = failures = language_hits = 0
    for row in rows:
        code = str(row["code"])
        label = int(row["label"])
        cwe = str(row.get("cwe") or "unknown")
        language = str(row.get("language") or "unknown")
        start = time.perf_counter()
        result = engine.scan(code)
        seconds.append(time.perf_counter() - start)
        failures += not result.ok
        found = [f.label for f in result.findings]
        items += 1
        positives += label
        language_hits += _same_language(identify(code), language)
        overall.add(label, bool(found))
        matched.add(label, any(same_family(x, cwe) for x in found))
        per_cwe.setdefault(cwe, _Tally()).add(label, bool(found))
        per_language.setdefault(language, _Tally()).add(label, bool(found))
    return CodeEvalReport(
        items=items,
        positives=positives,
        any_finding=overall.prf(),
        same_cwe=matched.prf(),
        per_cwe={k: v.prf() for k, v in per_cwe.items()},
        per_language={k: v.prf() for k, v in per_language.items()},
        latency=Latency.of(seconds),
        language_accuracy=language_hits / items if items else 0.0,
        failures=failures,
    )


def _same_language(found: str, given: str) -> bool:
    given = {"c++": "cpp", "c#": "csharp", "typescript": "javascript", "js": "javascript"}.get(
        given.lower(), given.lower()
    )
    return found == given or {found, given} == {"c", "cpp"}
