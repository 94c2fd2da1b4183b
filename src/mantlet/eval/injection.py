"""Injection evaluation: the whole injection stage over attacks and benign prompts together.

Each row is scanned by an engine holding only the injection detector (as the gateway would),
its score is the highest INJECTION/JAILBREAK score, and quality is the true-positive rate
at a fixed false-positive rate over all rows, then per source at that same threshold.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mantlet.detectors.injection import InjectionDetector
from mantlet.engine import Engine
from mantlet.eval.datasets import read_jsonl
from mantlet.eval.metrics import PRF, Latency, roc_auc, threshold_at_fpr, tpr_at_fpr
from mantlet.mutators import mutate
from mantlet.text import Document
from mantlet.train.splits import split_of


@dataclass(frozen=True, slots=True)
class LabeledPrompt:
    text: str
    label: int
    source: str
    category: str


@dataclass(frozen=True, slots=True)
class Scored:
    prompt: LabeledPrompt
    score: float
    seconds: float


def read_prompts(paths: Iterable[Path], split: str = "all") -> list[LabeledPrompt]:
    """Rows of injection-format files, xstest's harmful (non-injection) rows left out, kept
    only if in `split` (train / calibration / eval, or all)."""
    rows = []
    for path in paths:
        source = path.parent.name if path.name == "normalized.jsonl" else path.stem
        for raw in read_jsonl(path):
            category = str(raw.get("category", ""))
            if raw.get("label") not in (0, 1) or not isinstance(raw.get("text"), str):
                continue
            if raw["label"] == 1 and category.startswith("harmful_request"):
                continue
            if split != "all" and split_of(raw["text"]) != split:
                continue
            rows.append(LabeledPrompt(raw["text"], int(raw["label"]), source, category))
    return rows


def injection_engine() -> Engine:
    return Engine([InjectionDetector()])


def score_text(engine: Engine, text: str, role: str = "user") -> float:
    scores = engine.scan(Document(text, role=role)).scores
    return max(scores.get("INJECTION", 0.0), scores.get("JAILBREAK", 0.0))


def score_prompts(engine: Engine, prompts: Sequence[LabeledPrompt]) -> list[Scored]:
    out = []
    for p in prompts:
        start = time.perf_counter()
        score = score_text(engine, p.text)
        out.append(Scored(p, score, time.perf_counter() - start))
    return out


def report(scored: Sequence[Scored], threshold: float) -> dict[str, object]:
    """AUC, TPR at 1% and 0.1% FPR, P/R/F1 at `threshold`, latency; overall and per source."""
    scores = [s.score for s in scored]
    labels = [s.prompt.label for s in scored]
    at_1pct = threshold_at_fpr(scores, labels, 0.01)
    prf = PRF(
        tp=sum(1 for s, y in zip(scores, labels, strict=True) if y and s >= threshold),
        fp=sum(1 for s, y in zip(scores, labels, strict=True) if not y and s >= threshold),
        fn=sum(1 for s, y in zip(scores, labels, strict=True) if y and s < threshold),
    )
    per_source: dict[str, dict[str, object]] = {}
    for source in sorted({s.prompt.source for s in scored}):
        mine = [s for s in scored if s.prompt.source == source]
        attacks = [s.score for s in mine if s.prompt.label]
        benign = [s.score for s in mine if not s.prompt.label]
        entry: dict[str, object] = {"attacks": len(attacks), "benign": len(benign)}
        if attacks:
            entry["tpr_at_overall_1pct_fpr_threshold"] = round(
                sum(1 for x in attacks if x >= at_1pct) / len(attacks), 4
            )
            entry["recall_at_threshold"] = round(
                sum(1 for x in attacks if x >= threshold) / len(attacks), 4
            )
        if benign:
            entry["fpr_at_overall_1pct_fpr_threshold"] = round(
                sum(1 for x in benign if x >= at_1pct) / len(benign), 4
            )
            entry["fpr_at_threshold"] = round(
                sum(1 for x in benign if x >= threshold) / len(benign), 4
            )
        per_source[source] = entry
    return {
        "rows": len(scored),
        "attacks": sum(labels),
        "benign": len(labels) - sum(labels),
        "auc": round(roc_auc(scores, labels), 4),
        "tpr_at_1pct_fpr": round(tpr_at_fpr(scores, labels, 0.01), 4),
        "tpr_at_0.1pct_fpr": round(tpr_at_fpr(scores, labels, 0.001), 4),
        "threshold_at_1pct_fpr": round(at_1pct, 6),
        "threshold": threshold,
        "at_threshold": prf.to_dict(),
        "latency": Latency.of([s.seconds for s in scored]).to_dict(),
        "per_source": per_source,
    }


def robustness(
    engine: Engine,
    attacks: Sequence[LabeledPrompt],
    threshold: float,
    mutators: Sequence[str],
    seed: int = 0,
) -> dict[str, float]:
    """TPR at `threshold` on the attacks unmutated and after each mutator."""

    def tpr(texts: Sequence[str]) -> float:
        hits = sum(1 for t in texts if score_text(engine, t) >= threshold)
        return round(hits / len(texts), 4) if texts else 0.0

    plain = [a.text for a in attacks]
    result = {"unmutated": tpr(plain)}
    for name in mutators:
        result[name] = tpr([mutate(t, name, seed=seed + i) for i, t in enumerate(plain)])
    return result
