"""Insecure-code detection side by side: Mantlet vs CodeShield (all languages) and bandit
(Python only), on the same snippets in one run.

Data: code-sven-val (vulnerable/fixed pairs: precision and recall), code-cyberseceval
(insecure only: recall; its labels come from CodeShield's own rules), and the safe
snippets in bench/data/safe_code (false-positive rate). Peers run in their own
virtualenvs (bench/.venv-codeshield, bench/.venv-bandit) as worker processes; latency is
timed inside each worker around the scan call only, so process start-up is not counted.

    .venv/bin/python bench/code_vs_codeshield.py [--limit N] [--skip-codeshield]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODESHIELD_PY = HERE / ".venv-codeshield" / "bin" / "python"
BANDIT_PY = HERE / ".venv-bandit" / "bin" / "python"
SAFE_DIR = HERE / "data" / "safe_code"
# One snippet per CodeShield layer: md5 is a regex rule, os.system a semgrep rule. With a
# semgrep that does not fit, the second silently comes back clean: then no run is trusted.
KNOWN_BAD = {
    "regex": "import hashlib\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n",
    "semgrep": "import os\n\ndef listing(user_dir):\n    os.system('ls ' + user_dir)\n",
}


# ---------------------------------------------------------------- peer workers


def _codeshield_worker() -> None:
    import asyncio

    from codeshield.cs import CodeShield

    async def run() -> None:
        for line in sys.stdin:
            item = json.loads(line)
            start = time.perf_counter()
            result = await CodeShield.scan_code(item["code"])
            ms = (time.perf_counter() - start) * 1000
            cwes = sorted({i.cwe_id for i in result.issues_found or []})
            print(json.dumps({"flagged": result.is_insecure, "ms": ms, "cwes": cwes}), flush=True)

    asyncio.run(run())


def _bandit_worker() -> None:
    import logging
    import tempfile

    from bandit.core import config, manager

    logging.disable(logging.CRITICAL)
    conf = config.BanditConfig()
    with tempfile.TemporaryDirectory() as tmp:
        for n, line in enumerate(sys.stdin):
            item = json.loads(line)
            path = Path(tmp) / f"snippet_{n}.py"
            path.write_text(item["code"], encoding="utf-8")
            start = time.perf_counter()
            mgr = manager.BanditManager(conf, "file", quiet=True)
            mgr.discover_files([str(path)])
            mgr.run_tests()
            issues = mgr.get_issue_list()
            ms = (time.perf_counter() - start) * 1000
            cwes = sorted({f"CWE-{i.cwe.id}" for i in issues if i.cwe and i.cwe.id})
            print(json.dumps({"flagged": bool(issues), "ms": ms, "cwes": cwes}), flush=True)


def run_peer(python: Path, worker: str, items: list[dict]) -> list[dict]:
    """Run a peer worker in its own virtualenv over the items, one JSON line each way."""
    payload = "".join(json.dumps({"code": i["code"]}) + "\n" for i in items)
    proc = subprocess.run(
        [str(python), str(Path(__file__).resolve()), "--worker", worker],
        input=payload, capture_output=True, text=True, check=True,
        env={**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )  # fmt: skip
    out = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if len(out) != len(items):
        raise SystemExit(f"{worker}: {len(out)} results for {len(items)} items")
    return out


# ---------------------------------------------------------------- Mantlet


def run_mantlet(items: list[dict]) -> list[dict]:
    from mantlet import Engine

    engine = Engine(only=["CODE"])
    engine.scan("warm up: x = 1;")
    out = []
    for item in items:
        start = time.perf_counter()
        result = engine.scan(item["code"])
        ms = (time.perf_counter() - start) * 1000
        cwes = sorted({f.label for f in result.findings})
        out.append({"flagged": bool(cwes), "ms": ms, "cwes": cwes})
    return out


# ---------------------------------------------------------------- data and metrics


def load_sets(limit: int | None) -> dict[str, list[dict]]:
    sys.path.insert(0, str(HERE.parent / "src"))
    from mantlet.eval.datasets import dataset_file, read_jsonl

    sets: dict[str, list[dict]] = {}
    for name in ("code-sven-val", "code-cyberseceval"):
        rows = list(read_jsonl(dataset_file(name)))
        sets[name] = rows[:limit] if limit else rows
    safe = []
    for path in sorted(SAFE_DIR.glob("*.txt")):
        for snippet in path.read_text(encoding="utf-8").split("\n=====\n"):
            if snippet.strip():
                safe.append(
                    {"code": snippet.strip("\n"), "language": path.stem, "label": 0, "cwe": None}
                )
    sets["safe-snippets"] = safe
    # The latency target is per snippet of 100 lines: the first 100 lines of every longer item.
    sets["100-line-windows"] = [
        {**r, "code": "\n".join(r["code"].splitlines()[:100])}
        for name in ("code-sven-val", "code-cyberseceval")
        for r in sets[name]
        if r["code"].count("\n") >= 99
    ]
    return sets


def prf(rows: list[dict], results: list[dict]) -> dict[str, float]:
    tp = sum(1 for r, o in zip(rows, results, strict=True) if r["label"] and o["flagged"])
    fp = sum(1 for r, o in zip(rows, results, strict=True) if not r["label"] and o["flagged"])
    fn = sum(1 for r, o in zip(rows, results, strict=True) if r["label"] and not o["flagged"])
    negatives = sum(1 for r in rows if not r["label"])
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "fp_rate": round(fp / negatives, 3) if negatives else 0.0,
        "tp": tp, "fp": fp, "fn": fn,
    }  # fmt: skip


def latency(results: list[dict]) -> dict[str, float]:
    ms = sorted(o["ms"] for o in results)
    if not ms:
        return {"p50_ms": 0.0, "p95_ms": 0.0}
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2),
    }


def per_group(rows: list[dict], results: list[dict], key: str) -> dict[str, float]:
    groups: dict[str, list[bool]] = {}
    for r, o in zip(rows, results, strict=True):
        if r["label"]:
            groups.setdefault(str(r.get(key)), []).append(o["flagged"])
    return {k: round(sum(v) / len(v), 3) for k, v in sorted(groups.items())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["codeshield", "bandit"])
    parser.add_argument("--limit", type=int, default=None, help="rows per shared data set")
    parser.add_argument("--skip-codeshield", action="store_true")
    parser.add_argument(
        "--sets", nargs="*", default=None, help="only these sets (names as printed)"
    )
    args = parser.parse_args()
    if args.worker == "codeshield":
        return _codeshield_worker()
    if args.worker == "bandit":
        return _bandit_worker()

    sets = load_sets(args.limit)
    if args.sets:
        sets = {k: v for k, v in sets.items() if k in args.sets}
    tools: dict[str, tuple[Path, str] | None] = {"mantlet": None}
    if not args.skip_codeshield and CODESHIELD_PY.exists():
        tools["codeshield"] = (CODESHIELD_PY, "codeshield")
        check = run_peer(CODESHIELD_PY, "codeshield", [{"code": c} for c in KNOWN_BAD.values()])
        if not all(o["flagged"] for o in check):
            raise SystemExit(
                "CodeShield missed a known-bad snippet: its semgrep layer is not working"
            )
    if BANDIT_PY.exists():
        tools["bandit"] = (BANDIT_PY, "bandit")

    report: dict[str, dict] = {}
    for set_name, rows in sets.items():
        report[set_name] = {}
        for tool, peer in tools.items():
            subset = rows if tool != "bandit" else [r for r in rows if r["language"] == "python"]
            if not subset:
                continue
            results = run_mantlet(subset) if peer is None else run_peer(peer[0], peer[1], subset)
            quality = prf(subset, results) if set_name != "100-line-windows" else {}  # latency only
            entry: dict[str, object] = {
                "items": len(subset),
                **quality,
                **latency(results),
            }
            long = [
                o
                for r, o in zip(subset, results, strict=True)
                if 60 <= r["code"].count("\n") <= 140
            ]
            entry["latency_60_140_lines"] = {**latency(long), "items": len(long)}
            if set_name == "code-cyberseceval":
                entry["recall_per_language"] = per_group(subset, results, "language")
                entry["recall_per_cwe"] = per_group(subset, results, "cwe")
            if set_name == "code-sven-val" and tool != "bandit":
                py = [
                    (r, o)
                    for r, o in zip(subset, results, strict=True)
                    if r["language"] == "python"
                ]
                entry["python_only"] = prf([r for r, _ in py], [o for _, o in py])
            report[set_name][tool] = entry
            print(
                f"{set_name:18} {tool:10} "
                + " ".join(f"{k}={v}" for k, v in entry.items() if not isinstance(v, dict)),
                flush=True,
            )
    sven = report.get("code-sven-val", {})
    if "codeshield" in sven and sven["codeshield"]["recall"]:
        ratio = sven["mantlet"]["recall"] / sven["codeshield"]["recall"]
        print(f"sven recall ratio mantlet/codeshield: {ratio:.2f}x")
        report["recall_ratio_sven"] = {"mantlet_over_codeshield": round(ratio, 2)}
    out = (
        HERE
        / "results"
        / ("code_vs_codeshield.json" if not args.sets else "code_vs_codeshield_partial.json")
    )
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"written {out}")


if __name__ == "__main__":
    main()
