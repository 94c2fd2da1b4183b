"""The JSON lines contract of `mantlet scan --jsonl`, run here or on a local process pool.

Each input line gives exactly one output line, in input order, whatever the pool does:
`{"findings": [...seven keys...], "scores": {...}}`, or nothing for a bad line (the caller
applies the error policy).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from mantlet.cli.common import engine_for
from mantlet.cli.io import ErrorPolicy, dump_json_line, open_binary, parse_json_line
from mantlet.engine import DetectorFailure, Engine
from mantlet.findings import Finding, Severity

BATCH_LINES = 256
IN_FLIGHT_PER_WORKER = 4  # batches queued per worker: bounds memory on huge inputs


@dataclass(frozen=True, slots=True)
class LineResult:
    line: int
    size: int
    output: str | None = None  # the contract line, or None when the input line was bad
    error: str | None = None
    severities: tuple[Severity, ...] = ()
    failures: tuple[DetectorFailure, ...] = ()


def contract_finding(finding: Finding) -> dict[str, object]:
    """A finding as the JSONL contract shows it: exactly these seven keys."""
    return {
        "detector": finding.detector,
        "category": finding.category.value,
        "label": finding.label,
        "start": finding.start,
        "end": finding.end,
        "score": finding.score,
        "severity": finding.severity.value,
    }


def scan_json_line(
    engine: Engine, raw: bytes, number: int, name: str, field: str, policy: ErrorPolicy
) -> LineResult:
    item = parse_json_line(raw, number, name, field, policy)
    if item.text is None:
        return LineResult(number, item.size, error=item.error or f"{name}:{number}: unusable")
    result = engine.scan(item.text)
    line = {
        "findings": [contract_finding(f) for f in result.findings],
        "scores": dict(result.scores),
    }
    return LineResult(
        number,
        item.size,
        dump_json_line(line),
        severities=tuple(f.severity for f in result.findings),
        failures=result.failures,
    )


def scan_json_lines(
    path: str,
    name: str,
    field: str,
    policy: ErrorPolicy,
    *,
    engine: Engine,
    only: str | None,
    workers: int,
) -> Iterator[LineResult]:
    """Results for every line of `path`, in order; `workers` > 1 scans on a process pool."""
    with open_binary(path) as handle:
        if workers <= 1:
            for number, raw in enumerate(handle, start=1):
                yield scan_json_line(engine, raw, number, name, field, policy)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_start_worker, initargs=(only,)) as pool:
            pending: deque[multiprocessing.pool.AsyncResult[list[LineResult]]] = deque()
            for batch in _batches(handle):
                pending.append(pool.apply_async(_scan_batch, (batch, name, field, policy)))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()


def worker_count(requested: int) -> int:
    """`0` means one worker per CPU this process may use."""
    if requested > 0:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _batches(handle: Iterator[bytes]) -> Iterator[tuple[int, list[bytes]]]:
    batch: list[bytes] = []
    first = 1
    for number, raw in enumerate(handle, start=1):
        batch.append(raw)
        if len(batch) >= BATCH_LINES:
            yield first, batch
            first, batch = number + 1, []
    if batch:
        yield first, batch


_worker_engine: Engine | None = None


def _start_worker(only: str | None) -> None:
    global _worker_engine
    _worker_engine = engine_for(only)


def _scan_batch(
    batch: tuple[int, list[bytes]], name: str, field: str, policy: ErrorPolicy
) -> list[LineResult]:
    engine = _worker_engine if _worker_engine is not None else engine_for(None)
    first, lines = batch
    return [
        scan_json_line(engine, raw, first + i, name, field, policy) for i, raw in enumerate(lines)
    ]
