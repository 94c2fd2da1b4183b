"""Share of benign prompts that get any SECRET or structured-PII finding (issue target ≤ 1%).

    python bench/benign_false_findings.py

Reads benign-cyberseceval-frr, benign-selfinstruct-user and xstest's label-0 rows from the
shared data sets; the engine runs every default detector of those two categories (NER, an
opt-in, is not one of them: it is measured against Presidio in pii_vs_presidio.py).
"""

from __future__ import annotations

from collections import Counter

from mantlet.engine import Engine
from mantlet.eval.datasets import dataset_file, read_jsonl

SETS = ("benign-cyberseceval-frr", "benign-selfinstruct-user", "xstest")


def main() -> None:
    engine = Engine(only=["PII", "SECRET"])
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for name in SETS:
        for row in read_jsonl(dataset_file(name)):
            if row.get("label") != 0:
                continue
            totals[name] += 1
            findings = engine.scan(str(row["text"])).findings
            if findings:
                flagged[name] += 1
                labels.update(f"{f.category}/{f.label}" for f in findings)
    for name in SETS:
        print(
            f"{name:28s} {flagged[name]:4d} of {totals[name]:4d} ({flagged[name] / totals[name]:.2%})"
        )
    total, hits = sum(totals.values()), sum(flagged.values())
    print(f"{'all benign':28s} {hits:4d} of {total:4d} ({hits / total:.2%})")
    print("labels:", dict(labels.most_common()))


if __name__ == "__main__":
    main()
