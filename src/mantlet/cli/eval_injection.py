"""`mantlet eval injection`: detection quality and latency of the injection stage."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from mantlet.cli.app import eval_app


@eval_app.command("injection")
def eval_injection(
    data: Annotated[
        list[str],
        typer.Option("--data", help="JSON-lines files (injection format) or shared data set names"),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    split: Annotated[
        str,
        typer.Option("--split", help="all, or only rows of the train / calibration / eval split"),
    ] = "all",
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", help="decision threshold (default: direct mode's)"),
    ] = None,
) -> None:
    """AUC, TPR at 1% and 0.1% FPR, precision/recall/F1 at the threshold, latency; per source."""
    from mantlet.detectors.injection import DEFAULT_THRESHOLDS, Mode
    from mantlet.eval.injection import injection_engine, read_prompts, report, score_prompts
    from mantlet.train.injection import resolve
    from mantlet.train.splits import SPLITS

    if split != "all" and split not in SPLITS:
        raise typer.BadParameter(f"--split must be all or one of {', '.join(SPLITS)}")
    prompts = read_prompts([resolve(d) for d in data], split)
    if not prompts:
        raise typer.BadParameter("no rows to evaluate")
    engine = injection_engine()
    score_prompts(engine, prompts[:5])  # load the model before timing
    limit = DEFAULT_THRESHOLDS[Mode.DIRECT] if threshold is None else threshold
    result = report(score_prompts(engine, prompts), limit)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(
        f"rows {result['rows']} (attacks {result['attacks']}, benign {result['benign']})  "
        f"AUC {result['auc']}  TPR@1%FPR {result['tpr_at_1pct_fpr']}  "
        f"TPR@0.1%FPR {result['tpr_at_0.1pct_fpr']}"
    )
    typer.echo(f"at threshold {limit}: {result['at_threshold']}")
    typer.echo(f"latency: {result['latency']}")
    for source, entry in dict(result["per_source"]).items():  # type: ignore[call-overload]
        typer.echo(f"  {source}: {entry}")
