"""PII quality and speed, Mantlet against Microsoft Presidio, on the same texts in one run.

    python bench/pii_vs_presidio.py [--limit N] [--model md|sm] [--json]

Data: pii-presidio-synth (../shared/datasets). Matching: a predicted span matches a gold
span of the same type when they overlap by at least one character; each gold span is
matched at most once (further predictions on it count as false positives). Types outside
the data set's list, and the data set's OTHER, are left out of both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence

from mantlet.eval.datasets import dataset_file, read_jsonl
from mantlet.eval.metrics import PRF, Latency
from peers import pin_to_one_core, run_peer

TYPES = (
    "PERSON", "LOCATION", "ORG", "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "SSN",
    "IP_ADDRESS", "URL", "DATE",
)  # fmt: skip
PRESIDIO_TYPES = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "ORG",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "URL": "URL",
    "DOMAIN_NAME": "URL",
    "DATE_TIME": "DATE",
}
Span = tuple[int, int, str]


def score(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, PRF]:
    """Per-type true/false positives and misses for one text, by the overlap rule above."""
    gold = sorted(gold)
    taken = [False] * len(gold)
    counts = {t: [0, 0, 0] for t in TYPES}
    for start, end, kind in sorted(predicted):
        for i, (g_start, g_end, g_kind) in enumerate(gold):
            if not taken[i] and g_kind == kind and start < g_end and g_start < end:
                taken[i] = True
                counts[kind][0] += 1
                break
        else:
            counts[kind][1] += 1
    for was_taken, (_, _, kind) in zip(taken, gold, strict=True):
        if not was_taken:
            counts[kind][2] += 1
    return {t: PRF(*c) for t, c in counts.items()}


def total(per_text: Iterable[dict[str, PRF]]) -> dict[str, PRF]:
    sums = {t: PRF(0, 0, 0) for t in TYPES}
    for counts in per_text:
        for t, prf in counts.items():
            sums[t] = sums[t] + prf
    return sums


def overall(per_type: dict[str, PRF], types: Sequence[str] = TYPES) -> PRF:
    result = PRF(0, 0, 0)
    for t in types:
        result = result + per_type[t]
    return result


def run_mantlet(texts: Sequence[str]) -> tuple[list[list[Span]], list[float]]:
    from mantlet import Engine
    from mantlet.registry import detector_classes

    # NER is opt-in at the gateway (MANTLET_NER): name it, as this bench is about it.
    pii = [cls() for cls in detector_classes().values() if cls.default_enabled or cls.name == "ner"]
    engine = Engine(pii, only=["PII"])
    print(
        f"[bench] mantlet detectors: {', '.join(d.name for d in engine.detectors)}", file=sys.stderr
    )
    engine.prepare()  # as a server does: not on the first timed text
    engine.scan("Warm-up: John Smith lives in Paris, john@example.com.")  # loads the NER model
    spans: list[list[Span]] = []
    seconds: list[float] = []
    for text in texts:
        started = time.perf_counter()
        result = engine.scan(text)
        seconds.append(time.perf_counter() - started)
        spans.append([(f.start, f.end, f.label) for f in result.findings if f.label in TYPES])
    return spans, seconds


def run_presidio(texts: Sequence[str], model: str) -> tuple[list[list[Span]], list[float]]:
    rows = run_peer("presidio", "peer_presidio.py", texts, ["--model", model])
    spans = [
        [
            (s["start"], s["end"], PRESIDIO_TYPES[s["type"]])
            for s in row["spans"]
            if s["type"] in PRESIDIO_TYPES
        ]
        for row in rows
    ]
    return spans, [row["seconds"] for row in rows]


def summarize(
    name: str, gold: Sequence[list[Span]], spans: Sequence[list[Span]], seconds: Sequence[float]
) -> dict[str, object]:
    per_type = total(score(g, p) for g, p in zip(gold, spans, strict=True))
    size_kb = sum(len(t.encode()) for t in TEXTS) / 1024
    return {
        "tool": name,
        "per_type": {t: prf.to_dict() for t, prf in per_type.items()},
        "overall": overall(per_type).to_dict(),
        "names": overall(per_type, ("PERSON", "LOCATION", "ORG")).to_dict(),
        "latency": Latency.of(seconds).to_dict(),
        "throughput_kb_s": round(size_kb / sum(seconds), 2),
    }


TEXTS: list[str] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts")
    parser.add_argument("--model", choices=("md", "sm"), default="md", help="spaCy model, both")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    os.environ["MANTLET_NER_MODEL"] = options.model
    cpu = pin_to_one_core()
    rows = list(read_jsonl(dataset_file("pii-presidio-synth")))
    if options.limit:
        rows = rows[: options.limit]
    TEXTS[:] = [row["text"] for row in rows]
    gold = [
        [(s["start"], s["end"], s["type"]) for s in row["spans"] if s["type"] in TYPES]
        for row in rows
    ]
    results = [
        summarize("mantlet", gold, *run_mantlet(TEXTS)),
        summarize("presidio", gold, *run_presidio(TEXTS, options.model)),
    ]
    if options.json:
        print(json.dumps({"texts": len(TEXTS), "cpu": cpu, "results": results}, indent=2))
        return
    report(results, options.model, cpu)


def report(results: list[dict[str, object]], model: str, cpu: int) -> None:
    mantlet, presidio = results
    print(f"pii-presidio-synth: {len(TEXTS)} texts, spaCy model {model} on both sides, cpu {cpu}")
    print(f"{'type':<12} {'gold':>5}  {'mantlet P/R/F1':<20} {'presidio P/R/F1':<20}")
    rows: list[tuple[str, dict[str, float | int], dict[str, float | int]]] = [
        (t, mantlet["per_type"][t], presidio["per_type"][t])  # type: ignore[index]
        for t in TYPES
    ]
    rows.append(("names", mantlet["names"], presidio["names"]))  # type: ignore[arg-type]
    rows.append(("overall", mantlet["overall"], presidio["overall"]))  # type: ignore[arg-type]
    for kind, ours, theirs in rows:
        gold = ours["tp"] + ours["fn"]
        print(f"{kind:<12} {gold:>5}  {_prf(ours):<20} {_prf(theirs):<20}")
    ours_lat, theirs_lat = mantlet["latency"], presidio["latency"]
    print(
        f"latency ms (median / p95): mantlet {ours_lat['median_ms']:.2f} / {ours_lat['p95_ms']:.2f}"  # type: ignore[index]
        f"  presidio {theirs_lat['median_ms']:.2f} / {theirs_lat['p95_ms']:.2f}"  # type: ignore[index]
    )
    ours_kb, theirs_kb = mantlet["throughput_kb_s"], presidio["throughput_kb_s"]
    print(
        f"throughput KB/s: mantlet {ours_kb}  presidio {theirs_kb}"
        f"  ratio {ours_kb / theirs_kb:.1f}x"  # type: ignore[operator]
    )


def _prf(d: dict[str, float | int]) -> str:
    return f"{d['precision']:.2f} {d['recall']:.2f} {d['f1']:.2f}"


if __name__ == "__main__":
    main()
