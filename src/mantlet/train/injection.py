"""Train the injection classifier: `mantlet train injection` (and `make model`).

Stage one is a logistic regression over hashed n-grams (features.py) fitted on the train
split; stage two calibrates (stage-one logit, rule weight, rule families) on the held-out
calibration split. The eval split is never used here except to report it in the manifest.
Weights go to a compressed .npz the package loads with numpy alone, with a manifest
recording the data (files, sha256, counts), the seed and the metrics.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from mantlet.detectors.injection.classifier import InjectionModel
from mantlet.detectors.injection.detector import injection_matches, judge
from mantlet.detectors.injection.features import (
    CHAR_NGRAMS,
    FEATURE_BITS,
    FEATURE_VERSION,
    N_FEATURES,
    WORD_NGRAMS,
    canonical,
    feature_ids,
)
from mantlet.detectors.injection.windowing import windows
from mantlet.eval.datasets import dataset_file, read_jsonl, shared_datasets_dir
from mantlet.eval.metrics import roc_auc, tpr_at_fpr
from mantlet.text import Document
from mantlet.train.chat import everyday_chat, short_attacks
from mantlet.train.everyday_triggers import trigger_rows
from mantlet.train.instructions import instruction_rows
from mantlet.train.multilingual import multilingual_rows
from mantlet.train.splits import split_of
from mantlet.train.synthetic import synthetic_attacks, synthetic_benign
from mantlet.train.tasks import task_rows

DEFAULT_DATASETS = (
    "pi-cyberseceval",
    "jailbreak-garak",
    "pi-giskard",
    "benign-cyberseceval-frr",
    "benign-selfinstruct-user",
    "xstest",
)
JAILBREAK_SOURCES = ("jailbreak", "dan", "garak")


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: int
    source: str  # the data set (folder) name, or "synthetic"
    category: str
    split: str
    weight: float = 1.0  # how much the row counts in stage one, relative to other rows


def usable(row: dict[str, object]) -> bool:
    """Rows an injection detector is scored on: xstest's harmful requests are not injections."""
    category = str(row.get("category", ""))
    if row.get("label") == 1 and category.startswith("harmful_request"):
        return False
    return isinstance(row.get("text"), str) and row.get("label") in (0, 1)


def resolve(data: str) -> Path:
    """A data set name from shared/datasets, or a path to a JSON-lines file."""
    path = Path(data)
    return path if path.suffix == ".jsonl" or path.exists() else dataset_file(data)


def source_name(path: Path) -> str:
    return path.parent.name if path.name == "normalized.jsonl" else path.stem


def load_rows(paths: Iterable[Path]) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    for path in paths:
        for raw in read_jsonl(path):
            if not usable(raw):
                continue
            text = str(raw["text"])
            key = canonical(text)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                Row(
                    text,
                    int(str(raw["label"])),
                    source_name(path),
                    str(raw.get("category", "")),
                    split_of(text),
                )
            )
    return rows


def is_jailbreak(row: Row) -> bool:
    low = f"{row.source} {row.category}".lower()
    return any(word in low for word in JAILBREAK_SOURCES)


def _design(texts: Sequence[str]) -> tuple[object, list[int]]:
    """A sparse matrix of L2-normalized binary features, one row per window of each text."""
    from scipy.sparse import csr_matrix

    indptr, indices, values, owners = [0], [], [], []
    for owner, text in enumerate(texts):
        folded = Document(text).folded.text
        for start, end in windows(folded):
            ids = feature_ids(folded[start:end])
            indices.append(ids)
            values.append(np.full(len(ids), 1.0 / np.sqrt(max(len(ids), 1)), dtype=np.float32))
            indptr.append(indptr[-1] + len(ids))
            owners.append(owner)
    matrix = csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(owners), N_FEATURES),
    )
    return matrix, owners


def _fit_linear(
    texts: Sequence[str],
    labels: Sequence[int],
    c: float,
    seed: int,
    row_weights: Sequence[float] | None = None,
) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    matrix, owners = _design(texts)
    y = np.array([labels[o] for o in owners])
    counts = Counter(owners)
    scale = row_weights if row_weights is not None else [1.0] * len(texts)
    weights = np.array([scale[o] / counts[o] for o in owners])
    clf = LogisticRegression(
        C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=seed
    )
    clf.fit(matrix, y, sample_weight=weights)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def _verdict_features(model: InjectionModel, texts: Sequence[str]) -> np.ndarray:
    out = []
    for text in texts:
        document = Document(text)
        v = judge(document, injection_matches(document), model)
        out.append([v.logit, v.rule_weight, min(len(v.families), 4)])
    return np.array(out, dtype=np.float64)


def _fit_calibration(features: np.ndarray, labels: Sequence[int], seed: int) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000, random_state=seed)
    clf.fit(features, np.array(labels))
    return np.array([*clf.coef_[0], clf.intercept_[0]], dtype=np.float64)


def _metrics(model: InjectionModel, rows: Sequence[Row]) -> dict[str, float | int]:
    if not rows:
        return {}
    feats = _verdict_features(model, [r.text for r in rows])
    scores = [model.calibrate(f[0], f[1], int(f[2])) for f in feats]
    labels = [r.label for r in rows]
    return {
        "rows": len(rows),
        "attacks": sum(labels),
        "auc": round(roc_auc(scores, labels), 4),
        "tpr_at_1pct_fpr": round(tpr_at_fpr(scores, labels, 0.01), 4),
    }


def display_path(path: Path) -> str:
    """A data file's name as recorded in the manifest: relative to shared/datasets if there."""
    try:
        return "shared/datasets/" + str(path.resolve().relative_to(shared_datasets_dir().resolve()))
    except ValueError:
        return str(path)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True, slots=True)
class OwnData:
    """How many rows of each of the project's generators to draw (before de-duplication)."""

    synthetic: int = 1200
    chat: int = 4000
    chat_attacks: int = 1500
    instructions: int = 800
    multilingual: int = 4000
    multilingual_attacks: int = 600
    tasks: int = 1500
    triggers: int = 2000
    # Everyday uses of attack words are few beside thousands of attacks that use the same
    # words; counting each three times keeps the words from deciding alone.
    trigger_weight: float = 3.0


def generated_rows(rng: random.Random, own: OwnData, seen: set[str]) -> list[Row]:
    """The project's own rows: trigger-word synthetic prompts (train only); everyday chat with
    short attacks, task statements, and prompts in other languages (all bank 0; chat rows in
    the calibration bucket calibrate, the rest train)."""
    out: list[Row] = []
    generated = [
        *synthetic_attacks(rng, own.synthetic // 2),
        *synthetic_benign(rng, own.synthetic // 2),
        *everyday_chat(rng, own.chat, bank=0),
        *short_attacks(rng, own.chat_attacks, bank=0),
        *instruction_rows(rng, own.instructions, bank=0),
        *multilingual_rows(rng, own.multilingual, own.multilingual_attacks, bank=0),
        *task_rows(rng, own.tasks, bank=0),
        *trigger_rows(rng, own.triggers, bank=0),
    ]
    for raw in generated:
        text = str(raw["text"])
        if canonical(text) in seen:
            continue
        seen.add(canonical(text))
        source = str(raw["source"]).removeprefix("mantlet:")
        # Only chat rows calibrate: the templated generators' rows are near-copies of their
        # training rows, and would teach the calibration to trust the n-gram logit too much.
        calibrates = source == "chat" and split_of(text) == "calibration"
        split = "calibration" if calibrates else "train"
        weight = own.trigger_weight if source == "triggers" else 1.0
        out.append(Row(text, int(str(raw["label"])), source, str(raw["category"]), split, weight))
    return out


def train(
    paths: Sequence[Path],
    out: Path,
    *,
    seed: int = 13,
    c: float = 64.0,
    own_data: OwnData = OwnData(),
) -> dict[str, object]:
    """Train, calibrate and write `model.npz` and `manifest.json` into `out`."""
    rng = random.Random(seed)
    rows = load_rows(paths)
    own = generated_rows(rng, own_data, {canonical(r.text) for r in rows})
    train_rows = [r for r in rows if r.split == "train"] + [r for r in own if r.split == "train"]
    calibration_rows = [r for r in rows if r.split == "calibration"]
    calibration_rows += [r for r in own if r.split == "calibration"]
    eval_rows = [r for r in rows if r.split == "eval"]

    attack_w, attack_b = _fit_linear(
        [r.text for r in train_rows],
        [r.label for r in train_rows],
        c,
        seed,
        [r.weight for r in train_rows],
    )
    attacks = [r for r in train_rows if r.label == 1]
    kind_w, kind_b = _fit_linear(
        [r.text for r in attacks], [int(is_jailbreak(r)) for r in attacks], c, seed
    )
    model = InjectionModel(attack_w, attack_b, kind_w, kind_b, np.array([1.0, 0.0, 0.0, 0.0]))
    cal_features = _verdict_features(model, [r.text for r in calibration_rows])
    model = replace(
        model, calibration=_fit_calibration(cal_features, [r.label for r in calibration_rows], seed)
    )

    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out / "model.npz",
        feature_version=np.int64(FEATURE_VERSION),
        attack_weights=attack_w.astype(np.float16),
        attack_bias=np.float64(attack_b),
        kind_weights=kind_w.astype(np.float16),
        kind_bias=np.float64(kind_b),
        calibration=model.calibration,
    )
    shipped = InjectionModel.load(out / "model.npz")
    manifest: dict[str, object] = {
        "model": "model.npz",
        "sha256": sha256_of(out / "model.npz"),
        "seed": seed,
        "regularization_c": c,
        "features": {
            "version": FEATURE_VERSION,
            "bits": FEATURE_BITS,
            "char_ngrams": list(CHAR_NGRAMS),
            "word_ngrams": list(WORD_NGRAMS),
        },
        "split": "sha256 of canonical text (first+last 120 chars) mod 100: <60 train, <75 calibration, else eval",
        "data": [
            {
                "file": display_path(p),
                "sha256": sha256_of(p),
                "rows_used": {
                    split: sum(1 for r in rows if r.source == source_name(p) and r.split == split)
                    for split in ("train", "calibration", "eval")
                },
            }
            for p in paths
        ],
        "synthetic_rows": sum(1 for r in train_rows if r.source == "synthetic"),
        "project_rows": {
            "generators": "mantlet.train.chat, .instructions, .multilingual, .tasks, "
            ".everyday_triggers: bank 0 "
            "(bank 1 is the held-out set of bench/injection_chat_fpr.py)",
            **{
                source: {
                    split: dict(
                        sorted(
                            Counter(
                                r.label for r in own if r.source == source and r.split == split
                            ).items()
                        )
                    )
                    for split in ("train", "calibration")
                }
                for source in ("chat", "instructions", "multilingual", "tasks", "triggers")
            },
        },
        "train_rows": len(train_rows),
        "metrics": {
            "calibration": _metrics(shipped, calibration_rows),
            "eval": _metrics(shipped, eval_rows),
        },
        "calibration": [round(float(x), 6) for x in model.calibration],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest
