"""Reports of a run: JSON summary, JSONL transcripts, SARIF. (HTML lives in html.py.)"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from mantlet import __version__
from mantlet.engine import Engine
from mantlet.findings import mask_value
from mantlet.redteam.model import Outcome, Status
from mantlet.redteam.runner import RunResult
from mantlet.redteam.stats import tally

EXAMPLES_PER_PROBE = 3


def mask_transcript(text: str, result: RunResult, engine: Engine) -> str:
    """Hide planted values, the canary, and any PII or secret the engine finds."""
    for value in (*result.context.planted, result.context.canary):
        text = text.replace(value, mask_value(value))
    findings = sorted(engine.scan(text).findings, key=lambda f: f.start, reverse=True)
    end = len(text) + 1
    for f in findings:
        if f.end <= end:
            text = text[: f.start] + f"<{f.label}>" + text[f.end :]
            end = f.start
    return text


def summary(
    result: RunResult, *, target: dict[str, Any], seed: int, seconds: float
) -> dict[str, Any]:
    per_probe, per_family = tally(result.probes, result.outcomes)
    engine = Engine(only=["PII", "SECRET"])
    examples: dict[str, list[dict[str, Any]]] = {}
    for outcome in result.outcomes:
        shown = examples.setdefault(outcome.attempt.probe, [])
        if outcome.success and len(shown) < EXAMPLES_PER_PROBE:
            shown.append(_transcript(outcome, result, engine))
    cross = {name: 0 for name in ("system_prompt_leak", "planted_leak")}
    for outcome in result.outcomes:
        for leak in outcome.leaks:
            cross[leak] = cross.get(leak, 0) + 1
    return {
        "tool": "mantlet redteam",
        "version": __version__,
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "target": target,
        "seed": seed,
        "seconds": round(seconds, 2),
        "probes": [
            {
                "name": p.name,
                "family": p.family,
                "goal": p.goal,
                "owasp": p.owasp,
                "atlas": p.atlas,
                "judge": p.judge,
                **per_probe[p.name].to_dict(),
                "skipped": result.skipped.get(p.name, ""),
                "examples": examples.get(p.name, []),
            }
            for p in result.probes
        ],
        "families": [{"family": name, **t.to_dict()} for name, t in sorted(per_family.items())],
        "cross_probe_leaks": cross,
        "skipped": result.skipped,
    }


def _transcript(outcome: Outcome, result: RunResult, engine: Engine) -> dict[str, Any]:
    turns = [mask_transcript(t, result, engine) for t in outcome.attempt.turns]
    replies = [mask_transcript(r, result, engine) for r in outcome.outputs]
    return {"turns": turns, "replies": replies, "leaks": list(outcome.leaks)}


def write_jsonl(result: RunResult, path: Path) -> None:
    """Every attempt with its verdict; transcripts masked."""
    engine = Engine(only=["PII", "SECRET"])
    with path.open("w", encoding="utf-8") as out:
        for o in result.outcomes:
            row = {
                "probe": o.attempt.probe,
                "index": o.attempt.index,
                "status": o.status.value,
                "success": o.success,
                "judge": o.judged_by,
                "refused": o.refused,
                "leaks": list(o.leaks),
                "error": o.error,
                "seconds": round(o.seconds, 4),
                **(_transcript(o, result, engine) if o.status is not Status.ERROR else {}),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def sarif(summary_doc: dict[str, Any]) -> dict[str, Any]:
    """SARIF 2.1.0: one rule per probe, one result per probe that succeeded at least once."""
    rules = [
        {
            "id": p["name"],
            "name": p["name"].replace(".", "_"),
            "shortDescription": {"text": p["goal"]},
            "properties": {"tags": ["security", "llm", p["owasp"], p["atlas"], p["family"]]},
        }
        for p in summary_doc["probes"]
    ]
    results = [
        {
            "ruleId": p["name"],
            "level": "error" if p["asr"] >= 0.2 else "warning",
            "message": {
                "text": f"{p['successes']} of {p['attempts']} attacks succeeded "
                f"(ASR {p['asr']:.0%}, 95% CI {p['ci95'][0]:.0%}-{p['ci95'][1]:.0%})"
            },
            "properties": {"owasp": p["owasp"], "atlas": p["atlas"], "asr": p["asr"]},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": summary_doc["target"].get("model", "model")}
                    }
                }
            ],
        }
        for p in summary_doc["probes"]
        if p["successes"]
    ]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "mantlet-redteam", "version": __version__, "rules": rules}
                },
                "results": results,
            }
        ],
    }


def exceeded(summary_doc: dict[str, Any], rate: float) -> list[str]:
    """Probes whose attack success rate is above `rate` (for CI exit codes)."""
    return [p["name"] for p in summary_doc["probes"] if p["attempts"] and p["asr"] > rate]


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Per family: ASR in run A and run B, and the change."""
    a = {f["family"]: f for f in before["families"]}
    b = {f["family"]: f for f in after["families"]}
    rows = []
    for family in sorted(set(a) | set(b)):
        asr_a = a.get(family, {}).get("asr", 0.0)
        asr_b = b.get(family, {}).get("asr", 0.0)
        rows.append(
            {
                "family": family,
                "asr_a": asr_a,
                "asr_b": asr_b,
                "change": round(asr_b - asr_a, 4),
                "attempts_a": a.get(family, {}).get("attempts", 0),
                "attempts_b": b.get(family, {}).get("attempts", 0),
            }
        )
    return rows


def load(path: Path) -> dict[str, Any]:
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "probes" not in data:
        raise ValueError(f"{path}: not a mantlet redteam JSON summary")
    return data
