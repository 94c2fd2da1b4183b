"""Item-level evaluation of the SECRET detectors on the secrets data format
(`text`, `label` 1/0, `secret`, `type`): an item counts as predicted positive when any
SECRET finding is reported on it."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mantlet.engine import Engine
from mantlet.errors import InputError
from mantlet.eval.datasets import read_jsonl
from mantlet.eval.metrics import PRF, Latency
from mantlet.findings import Category


@dataclass(frozen=True, slots=True)
class SecretItem:
    text: str
    label: int
    type: str
    where: str  # file:line, for messages


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: SecretItem
    predicted: bool
    labels: tuple[str, ...]
    seconds: float


@dataclass(frozen=True, slots=True)
class SecretsReport:
    overall: PRF
    per_type: dict[str, PRF]
    latency: Latency
    kb_per_second: float
    items: int
    results: tuple[ItemResult, ...] = field(repr=False, default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "overall": self.overall.to_dict(),
            # Types name positives only, so per type there is recall, not precision.
            "per_type_recall": {
                k: {"positives": v.tp + v.fn, "found": v.tp, "recall": round(v.recall, 4)}
                for k, v in sorted(self.per_type.items())
            },
            "latency": self.latency.to_dict(),
            "throughput_kb_s": round(self.kb_per_second, 1),
        }


def read_secret_items(path: Path) -> Iterator[SecretItem]:
    """Rows of a secrets JSONL file; a row without `text` or a 0/1 `label` is an InputError."""
    for number, row in enumerate(read_jsonl(path), start=1):
        yield _item(row, f"{path}:{number}")


def _item(row: dict[str, Any], where: str) -> SecretItem:
    text = row.get("text")
    label = row.get("label")
    if not isinstance(text, str):
        raise InputError(f"{where}: `text` must be a string")
    if label not in (0, 1) or isinstance(label, bool):
        raise InputError(f"{where}: `label` must be 0 or 1")
    kind = row.get("type")
    return SecretItem(text, int(label), kind if isinstance(kind, str) and kind else "", where)


def evaluate_secrets(items: Iterable[SecretItem], engine: Engine | None = None) -> SecretsReport:
    """Scan every item once; precision/recall/F1 overall and per `type` (recall only where
    the type names positives), latency per item and throughput."""
    engine = engine or Engine(only=[Category.SECRET])
    results: list[ItemResult] = []
    total_chars = 0
    for item in items:
        started = time.perf_counter()
        found = engine.scan(item.text).by_category(Category.SECRET)
        elapsed = time.perf_counter() - started
        total_chars += len(item.text.encode("utf-8"))
        results.append(ItemResult(item, bool(found), tuple(f.label for f in found), elapsed))
    overall = PRF(0, 0, 0)
    per_type: dict[str, PRF] = {}
    for r in results:
        cell = _cell(r.item.label, r.predicted)
        overall += cell
        if r.item.label == 1 and r.item.type:
            per_type[r.item.type] = per_type.get(r.item.type, PRF(0, 0, 0)) + cell
    seconds = sum(r.seconds for r in results)
    return SecretsReport(
        overall=overall,
        per_type=per_type,
        latency=Latency.of([r.seconds for r in results]),
        kb_per_second=(total_chars / 1024) / seconds if seconds else 0.0,
        items=len(results),
        results=tuple(results),
    )


def _cell(label: int, predicted: bool) -> PRF:
    return PRF(
        int(label == 1 and predicted),
        int(label == 0 and predicted),
        int(label == 1 and not predicted),
    )
