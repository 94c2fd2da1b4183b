"""`mantlet train injection`: rebuild the shipped injection classifier from labeled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mantlet.cli.app import app

train_app = typer.Typer(
    help="Train Mantlet's shipped models (needs `pip install mantlet[train]`).",
    no_args_is_help=True,
)
app.add_typer(train_app, name="train")

DEFAULT_OUT = Path("src/mantlet/data/injection")


@train_app.command("injection")
def train_injection(
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            help="data set names under shared/datasets or JSON-lines files "
            "(default: the six injection and benign sets)",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="folder for model.npz and manifest.json")] = (
        DEFAULT_OUT
    ),
    seed: Annotated[int, typer.Option("--seed")] = 13,
    c: Annotated[float, typer.Option("--c", help="inverse L2 regularization")] = 64.0,
) -> None:
    """Train on the train split, calibrate on the calibration split, write weights + manifest."""
    from mantlet.train.injection import DEFAULT_DATASETS, resolve, train

    paths = [resolve(d) for d in (data or DEFAULT_DATASETS)]
    manifest = train(paths, out, seed=seed, c=c)
    typer.echo(json.dumps(manifest["metrics"], indent=2))
    typer.echo(f"wrote {out / 'model.npz'} and {out / 'manifest.json'}")
