"""Where the shared labeled data sets live, and a tolerant JSON-lines reader for them."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mantlet.errors import InputError


def shared_datasets_dir() -> Path:
    """`$MANTLET_DATASETS`, else `shared/datasets` beside the checkout (read-only, never copied)."""
    env = os.environ.get("MANTLET_DATASETS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "datasets"
        if (parent / "pyproject.toml").exists() and candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "datasets"


def dataset_file(name: str) -> Path:
    path = shared_datasets_dir() / name / "normalized.jsonl"
    if not path.exists():
        raise InputError(f"data set {name!r} not found at {path}; set MANTLET_DATASETS")
    return path


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a JSON-lines file; a bad line is an InputError naming the file and line."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(
                    f"{path}:{number}: not a JSON line ({type(exc).__name__})"
                ) from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: expected a JSON object")
            yield row
