"""Scan speed on ~1 KB messages: Mantlet's pattern pass (structured PII + secrets + hidden
text) and Mantlet with NER, against Presidio (default recognizers) + detect-secrets, one core.
One more row times the pattern pass on ~1 KB of ordinary prompts only (no PII or secrets
planted), the common case at a gateway; the peers and ratios use the dense messages.

    python bench/scan_speed.py [--messages N] [--model md|sm] [--json]

Messages are built from real data set texts: benign user prompts followed by PII
sentences and secret-bearing config lines, cut to about 1 KB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence

from mantlet import Engine
from mantlet.eval.datasets import dataset_file, read_jsonl
from mantlet.eval.metrics import Latency
from mantlet.registry import detector_classes
from peers import pin_to_one_core, run_peer

MESSAGE_BYTES = 1024
PASS_CATEGORIES = ("PII", "SECRET", "HIDDEN_TEXT")


def _texts(name: str, field: str = "text") -> Iterator[str]:
    for row in read_jsonl(dataset_file(name)):
        text = row.get(field)
        if isinstance(text, str) and text.strip():
            yield text.strip()


def _prompts() -> Iterator[str]:
    return itertools.cycle(
        itertools.chain(_texts("benign-selfinstruct-user"), _texts("benign-cyberseceval-frr"))
    )


def _fill(first: str, more: Iterator[str]) -> str:
    """`first`, then lines from `more` until ~1 KB, cut to MESSAGE_BYTES."""
    parts = [first]
    while len("\n".join(parts).encode()) < MESSAGE_BYTES:
        parts.append(next(more))
    return "\n".join(parts).encode()[:MESSAGE_BYTES].decode("utf-8", "ignore")


def build_messages(count: int) -> list[str]:
    """~1 KB messages: a benign prompt, then PII sentences and secret lines, in turn."""
    benign = _prompts()
    pii = itertools.cycle(_texts("pii-presidio-synth"))
    secrets = itertools.cycle(_texts("secrets-credsweeper"))
    planted = (
        f"{line}\n{secret}" for line, secret in zip(pii, secrets, strict=False)
    )  # both endless
    return [_fill(next(benign), planted) for _ in range(count)]


def build_benign_messages(count: int) -> list[str]:
    """~1 KB messages of ordinary prompts only: what most gateway traffic looks like."""
    benign = _prompts()
    return [_fill(next(benign), benign) for _ in range(count)]


def pattern_pass_engine() -> Engine:
    """Every default detector of the pass's categories, except the NER model."""
    detectors = [
        cls() for cls in detector_classes().values() if cls.default_enabled and cls.name != "ner"
    ]
    return Engine(detectors, only=PASS_CATEGORIES)


def time_engine(engine: Engine, messages: Sequence[str]) -> list[float]:
    engine.prepare()  # as a server does before it takes requests: steady state is timed
    engine.scan("Warm-up: John Smith, john@example.com, AKIAIOSFODNN7EXAMPLE")
    seconds = []
    for text in messages:
        started = time.perf_counter()
        engine.scan(text)
        seconds.append(time.perf_counter() - started)
    return seconds


def describe(name: str, seconds: Sequence[float], size_kb: float) -> dict[str, object]:
    latency = Latency.of(seconds)
    return {
        "name": name,
        "p50_ms": round(latency.median_ms, 4),
        "p95_ms": round(latency.p95_ms, 4),
        "kb_per_s": round(size_kb / sum(seconds), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--model", choices=("md", "sm"), default="md", help="spaCy model, both")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    os.environ["MANTLET_NER_MODEL"] = options.model
    cpu = pin_to_one_core()
    messages = build_messages(options.messages)
    size_kb = sum(len(m.encode()) for m in messages) / 1024

    fast = pattern_pass_engine()
    ner = Engine([*fast.detectors, detector_classes()["ner"]()], only=PASS_CATEGORIES)
    print(f"[bench] pattern pass: {', '.join(d.name for d in fast.detectors)}", file=sys.stderr)
    print(f"[bench] with NER: {', '.join(d.name for d in ner.detectors)}", file=sys.stderr)
    ours_fast = time_engine(fast, messages)
    ours_ner = time_engine(ner, messages)
    benign = build_benign_messages(options.messages)
    ours_benign = time_engine(fast, benign)
    presidio = [
        r["seconds"]
        for r in run_peer("presidio", "peer_presidio.py", messages, ["--model", options.model])
    ]
    secrets = [r["seconds"] for r in run_peer("detect-secrets", "peer_detect_secrets.py", messages)]
    peers = [a + b for a, b in zip(presidio, secrets, strict=True)]
    rows = [
        describe(f"mantlet pattern pass ({fast.backend})", ours_fast, size_kb),
        describe("mantlet with NER", ours_ner, size_kb),
        describe(
            "mantlet pattern pass, ordinary prompts",
            ours_benign,
            sum(len(m.encode()) for m in benign) / 1024,
        ),
        describe("presidio", presidio, size_kb),
        describe("detect-secrets", secrets, size_kb),
        describe("presidio + detect-secrets", peers, size_kb),
    ]
    ratios = {
        "pattern pass vs presidio+detect-secrets": sum(peers) / sum(ours_fast),
        "with NER vs presidio+detect-secrets": sum(peers) / sum(ours_ner),
        "with NER vs presidio": sum(presidio) / sum(ours_ner),
    }
    if options.json:
        print(
            json.dumps(
                {"messages": len(messages), "cpu": cpu, "rows": rows, "ratios": ratios}, indent=2
            )
        )
        return
    print(
        f"{len(messages)} messages of ~{MESSAGE_BYTES} bytes, one core (cpu {cpu}), spaCy {options.model}"
    )
    print(f"{'':<40} {'p50 ms':>9} {'p95 ms':>9} {'KB/s':>9}")
    for row in rows:
        print(
            f"{row['name']:<40} {row['p50_ms']:>9.3f} {row['p95_ms']:>9.3f} {row['kb_per_s']:>9.1f}"
        )
    for name, ratio in ratios.items():
        print(f"throughput ratio, {name}: {ratio:.1f}x")


if __name__ == "__main__":
    main()
