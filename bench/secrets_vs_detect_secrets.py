"""Secrets detection: detect-secrets 1.5 and Mantlet on the same items, in one run.

Item level: an item is predicted positive when any secret is reported on it. Each tool
times itself per item (detect-secrets inside its own process), so start-up is not counted.

detect-secrets lives in its own virtualenv (never in Mantlet's dependencies):

    python3.11 -m venv bench/.venv-detect-secrets
    bench/.venv-detect-secrets/bin/pip install detect-secrets==1.5.0

Run: .venv/bin/python bench/secrets_vs_detect_secrets.py [--data FILE.jsonl]
(default: ../shared/datasets/secrets-credsweeper/normalized.jsonl)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from mantlet.engine import Engine
from mantlet.eval.datasets import dataset_file
from mantlet.eval.metrics import PRF, Latency
from mantlet.eval.secrets import SecretItem, read_secret_items
from mantlet.findings import Category

VENV = Path(__file__).resolve().parent / ".venv-detect-secrets"

# Runs inside the detect-secrets virtualenv with its default settings (every plugin, the
# default filters). Mode "file" scans an item's lines as `detect-secrets scan` scans a file
# (what users run); mode "adhoc" uses `scan_line`, its eager ad-hoc string search.
DETECT_SECRETS_SCRIPT = r"""
import json, sys, time
from detect_secrets.core.scan import _process_line_based_plugins, scan_line
from detect_secrets.settings import default_settings

mode = sys.argv[1]
with default_settings():
    for raw in sys.stdin:
        text = json.loads(raw)
        started = time.perf_counter()
        lines = text.splitlines() or [text]
        if mode == "file":
            numbered = list(enumerate(lines, start=1))
            found = any(True for _ in _process_line_based_plugins(numbered, filename="item.txt"))
        else:
            found = any(any(True for _ in scan_line(line)) for line in lines)
        elapsed = time.perf_counter() - started
        sys.stdout.write(json.dumps([found, elapsed]) + "\n")
"""


def run_detect_secrets(items: list[SecretItem], mode: str) -> list[tuple[bool, float]]:
    python = VENV / "bin" / "python"
    if not python.exists():
        sys.exit(f"detect-secrets not installed: see the docstring of {Path(__file__).name}")
    stdin = "".join(json.dumps(item.text) + "\n" for item in items)
    done = subprocess.run(
        [str(python), "-c", DETECT_SECRETS_SCRIPT, mode],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(json.loads(line)) for line in done.stdout.splitlines()]  # type: ignore[misc]


def run_mantlet(items: list[SecretItem]) -> list[tuple[bool, float]]:
    engine = Engine(only=[Category.SECRET])
    engine.scan("warm up")
    out = []
    for item in items:
        started = time.perf_counter()
        found = bool(engine.scan(item.text).by_category(Category.SECRET))
        out.append((found, time.perf_counter() - started))
    return out


def score(items: list[SecretItem], answers: list[tuple[bool, float]]) -> tuple[PRF, Latency]:
    prf = PRF(0, 0, 0)
    for item, (found, _) in zip(items, answers, strict=True):
        prf += PRF(
            int(item.label and found), int(not item.label and found), int(item.label and not found)
        )
    return prf, Latency.of([seconds for _, seconds in answers])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--detect-secrets-mode", choices=["file", "adhoc"], default="adhoc")
    args = parser.parse_args()
    path = args.data or dataset_file("secrets-credsweeper")
    items = list(read_secret_items(path))
    results = {
        f"detect-secrets ({args.detect_secrets_mode})": score(
            items, run_detect_secrets(items, args.detect_secrets_mode)
        ),
        "mantlet": score(items, run_mantlet(items)),
    }
    print(f"{path} ({len(items)} items, {sum(i.label for i in items)} with a secret)")
    print(f"{'tool':<24}{'precision':>10}{'recall':>8}{'F1':>7}{'median ms':>11}{'p95 ms':>9}")
    for name, (prf, lat) in results.items():
        print(
            f"{name:<24}{prf.precision:>10.3f}{prf.recall:>8.3f}{prf.f1:>7.3f}"
            f"{lat.median_ms:>11.3f}{lat.p95_ms:>9.3f}"
        )
    (base_prf, base_lat), (ours_prf, ours_lat) = results.values()
    print(
        f"ratios mantlet/detect-secrets: F1 {ours_prf.f1 / max(base_prf.f1, 1e-9):.2f}x, "
        f"median latency {ours_lat.median_ms / max(base_lat.median_ms, 1e-9):.2f}x "
        f"(speed-up {base_lat.median_ms / max(ours_lat.median_ms, 1e-9):.1f}x), "
        f"p95 {ours_lat.p95_ms / max(base_lat.p95_ms, 1e-9):.2f}x"
    )


if __name__ == "__main__":
    main()
