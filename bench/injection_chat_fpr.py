"""False alarms on everyday chat: the held-out everyday-chat set (generator bank 1, a seed
training never uses: other templates and vocabulary than the model saw) and held-out short
attacks of the same lengths, scored by the whole injection stage.

Reports the FPR at the default direct threshold and at the 1%-FPR threshold of the shared
eval split, and short-attack TPR at both. Four more held-out sets (bank 1 of their
generators) get the same columns: benign prompts and attacks in other languages
(train/multilingual.py; four languages never seen in training), task statements addressed
to the model (train/instructions.py), tasks with pasted input (train/tasks.py) and everyday
uses of attack words (train/everyday_triggers.py). One hand-written set no generator makes:
messages that carry the writer's own details (form fields, letter openings and signatures,
bench/data/personal_details.jsonl), reported with the ids of the rows flagged. `--write
FILE` also saves the generated rows as JSON lines for `mantlet eval injection --data FILE`.

    .venv/bin/python bench/injection_chat_fpr.py [--write bench/data/everyday_chat_heldout.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from mantlet.detectors.injection.modes import DEFAULT_THRESHOLDS, Mode
from mantlet.eval.datasets import dataset_file, read_jsonl
from mantlet.eval.injection import injection_engine, read_prompts, score_prompts, score_text
from mantlet.eval.metrics import threshold_at_fpr
from mantlet.train.chat import everyday_chat, short_attacks
from mantlet.train.everyday_triggers import trigger_rows
from mantlet.train.injection import DEFAULT_DATASETS
from mantlet.train.instructions import instruction_rows
from mantlet.train.multilingual import HELD_OUT_LANGUAGES, multilingual_rows
from mantlet.train.tasks import task_rows

PERSONAL_DETAILS = Path(__file__).parent / "data" / "personal_details.jsonl"
HELD_OUT_SEED = 2027  # training draws bank 0 from its own seed; this set is bank 1


def held_out_rows(benign: int, attacks: int) -> list[dict[str, object]]:
    rng = random.Random(HELD_OUT_SEED)
    rows = [*everyday_chat(rng, benign, bank=1), *short_attacks(rng, attacks, bank=1)]
    unique: dict[str, dict[str, object]] = {}
    for row in rows:
        unique.setdefault(str(row["text"]), row)
    return list(unique.values())


def held_out_extra(benign: int, attacks: int) -> dict[str, list[dict[str, object]]]:
    """Bank-1 rows of the multilingual, task-statement, task-with-input and everyday
    trigger-word generators, de-duplicated."""
    rng = random.Random(HELD_OUT_SEED)
    sets = {
        "multilingual": list(multilingual_rows(rng, benign, attacks, bank=1)),
        "instructions": list(instruction_rows(rng, benign, bank=1)),
        "tasks": list(task_rows(rng, benign, bank=1)),
        "everyday_triggers": list(trigger_rows(rng, benign, bank=1)),
    }
    return {name: list({str(r["text"]): r for r in rows}.values()) for name, rows in sets.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--benign", type=int, default=3000)
    parser.add_argument("--attacks", type=int, default=600)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = held_out_rows(args.benign, args.attacks)
    if args.write:
        lines = (json.dumps(r, ensure_ascii=False) for r in rows)
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = injection_engine()
    shared = score_prompts(
        engine, read_prompts([dataset_file(n) for n in DEFAULT_DATASETS], split="eval")
    )
    at_1pct = threshold_at_fpr([s.score for s in shared], [s.prompt.label for s in shared], 0.01)
    direct = DEFAULT_THRESHOLDS[Mode.DIRECT]
    scored = [(r, score_text(engine, str(r["text"]))) for r in rows]
    benign = [(r, s) for r, s in scored if r["label"] == 0]
    attacks = [s for r, s in scored if r["label"] == 1]

    def rate(scores: list[float], threshold: float) -> float:
        return round(sum(1 for s in scores if s >= threshold) / len(scores), 4) if scores else 0.0

    flagged = Counter(str(r["category"]) for r, s in benign if s >= direct)
    result = {
        "benign_rows": len(benign),
        "short_attack_rows": len(attacks),
        "direct_threshold": direct,
        "shared_eval_threshold_at_1pct_fpr": round(at_1pct, 6),
        "chat_fpr_at_direct_threshold": rate([s for _, s in benign], direct),
        "chat_fpr_at_1pct_threshold": rate([s for _, s in benign], at_1pct),
        "short_attack_tpr_at_direct_threshold": rate(attacks, direct),
        "short_attack_tpr_at_1pct_threshold": rate(attacks, at_1pct),
        "flagged_at_direct_by_kind": dict(flagged.most_common()),
    }
    for name, extra in held_out_extra(600, 300).items():
        ben = [score_text(engine, str(r["text"])) for r in extra if r["label"] == 0]
        bad = [score_text(engine, str(r["text"])) for r in extra if r["label"] == 1]
        entry = {
            "benign_rows": len(ben),
            "fpr_at_direct_threshold": rate(ben, direct),
            "fpr_at_1pct_threshold": rate(ben, at_1pct),
        }
        if bad:
            entry |= {
                "attack_rows": len(bad),
                "tpr_at_direct_threshold": rate(bad, direct),
                "tpr_at_1pct_threshold": rate(bad, at_1pct),
            }
        if name == "multilingual":
            unseen = [
                score_text(engine, str(r["text"]))
                for r in extra
                if r["label"] == 0 and str(r["category"]).split("/")[1] in HELD_OUT_LANGUAGES
            ]
            entry["unseen_language_fpr_at_direct_threshold"] = rate(unseen, direct)
        result[name] = entry
    details = list(read_jsonl(PERSONAL_DETAILS))
    details_scores = [score_text(engine, str(r["text"])) for r in details]
    result["personal_details"] = {
        "benign_rows": len(details),
        "fpr_at_direct_threshold": rate(details_scores, direct),
        "fpr_at_1pct_threshold": rate(details_scores, at_1pct),
        "flagged_at_direct_threshold": [
            f"{r['id']} {score:.2f}"
            for r, score in zip(details, details_scores, strict=True)
            if score >= direct
        ],
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
