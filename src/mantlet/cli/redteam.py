"""`mantlet redteam`: attack probes against an OpenAI-compatible endpoint, and its helpers."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from mantlet.cli.app import app

if TYPE_CHECKING:
    from mantlet.redteam.model import Probe, RunContext
    from mantlet.redteam.runner import RunResult
    from mantlet.redteam.target import TargetConfig

_err = Console(stderr=True)


@app.command()
def redteam(
    target: Annotated[
        str,
        typer.Option(help="Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1"),
    ],
    model: Annotated[str, typer.Option(help="Model name to send")],
    system_prompt: Annotated[
        str | None, typer.Option(help="The target's system prompt (a canary is planted in it)")
    ] = None,
    probes: Annotated[
        str | None,
        typer.Option(help="Comma-separated probe or family names (default: all default probes)"),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for attack generation")] = 0,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the JSON summary here")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report here")
    ] = None,
    sarif_path: Annotated[Path | None, typer.Option("--sarif", help="Write SARIF here")] = None,
    jsonl_path: Annotated[
        Path | None, typer.Option("--jsonl", help="Write every attempt (masked) as JSON lines here")
    ] = None,
    fail_above: Annotated[
        float | None, typer.Option(help="Exit 1 when any probe's attack success rate is above this")
    ] = None,
    api_key_env: Annotated[
        str, typer.Option(help="Environment variable holding the target's API key")
    ] = "OPENAI_API_KEY",
    timeout: Annotated[float, typer.Option(help="Per-request timeout, seconds")] = 30.0,
    concurrency: Annotated[int, typer.Option(min=1, help="Requests in flight at once")] = 8,
    retries: Annotated[int, typer.Option(min=0, help="Retries on timeouts, 429 and 5xx")] = 2,
    judge_url: Annotated[
        str | None, typer.Option(help="Optional judge model: base URL of an OpenAI-compatible API")
    ] = None,
    judge_model: Annotated[str, typer.Option(help="Model name for the optional judge")] = "judge",
    judge_key_env: Annotated[
        str, typer.Option(help="Environment variable holding the judge's API key")
    ] = "MANTLET_JUDGE_API_KEY",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be sent, send nothing")
    ] = False,
) -> None:
    """Run attack probes against a model (directly or behind a gateway) and report what worked."""
    from mantlet.redteam import html, report, runner
    from mantlet.redteam.context import build_context
    from mantlet.redteam.registry import select
    from mantlet.redteam.target import TargetConfig

    try:
        chosen = select(probes)
    except ValueError as exc:
        _err.print(f"error: {exc}")
        raise typer.Exit(2) from None
    context = build_context(system_prompt, seed)
    if dry_run:
        attempts, skipped = runner.plan(chosen, context, seed)
        for attempt in attempts:
            typer.echo(
                json.dumps(
                    {
                        "probe": attempt.probe,
                        "index": attempt.index,
                        "turns": list(attempt.turns),
                        "documents": list(attempt.documents),
                    },
                    ensure_ascii=False,
                )
            )
        for name, why in skipped.items():
            _err.print(f"skipped {name}: {why}")
        return
    config = TargetConfig(
        base_url=target,
        model=model,
        api_key=os.environ.get(api_key_env, "none"),
        timeout=timeout,
        retries=retries,
        concurrency=concurrency,
    )
    judge = None
    if judge_url:
        judge = TargetConfig(
            base_url=judge_url,
            model=judge_model,
            api_key=os.environ.get(judge_key_env, "none"),
            timeout=timeout,
            retries=retries,
            concurrency=concurrency,
        )
    started = time.perf_counter()
    result = asyncio.run(_run(config, chosen, context, seed, judge))
    summary = report.summary(
        result,
        target={"base_url": target, "model": model},
        seed=seed,
        seconds=time.perf_counter() - started,
    )
    _print_table(summary)
    if json_path:
        json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    if html_path:
        html_path.write_text(html.render(summary), encoding="utf-8")
    if sarif_path:
        sarif_path.write_text(json.dumps(report.sarif(summary), indent=2), encoding="utf-8")
    if jsonl_path:
        report.write_jsonl(result, jsonl_path)
    if fail_above is not None:
        over = report.exceeded(summary, fail_above)
        if over:
            _err.print(f"attack success rate above {fail_above:.0%}: {', '.join(over)}")
            raise typer.Exit(1)


async def _run(
    config: TargetConfig,
    probes: list[Probe],
    context: RunContext,
    seed: int,
    judge: TargetConfig | None,
) -> RunResult:
    from mantlet.redteam import runner
    from mantlet.redteam.llm_judge import LLMJudge
    from mantlet.redteam.target import Target

    client = Target(config)
    judge_client = Target(judge) if judge else None
    attempts, _ = runner.plan(probes, context, seed)
    try:
        with Progress(console=_err, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("attacking", total=len(attempts))
            return await runner.run(
                client,
                probes,
                context,
                seed=seed,
                on_outcome=lambda _: progress.advance(task),
                llm_judge=LLMJudge(judge_client) if judge_client else None,
            )
    finally:
        await client.aclose()
        if judge_client:
            await judge_client.aclose()


def _print_table(summary: dict[str, Any]) -> None:
    table = Table(title="Attack success rate by probe")
    for column in (
        "probe",
        "family",
        "OWASP",
        "attempts",
        "successes",
        "ASR (95% CI)",
        "blocked",
        "errors",
    ):
        table.add_column(column)
    for p in summary["probes"]:
        ci = p["ci95"]
        note = " (skipped)" if p["skipped"] else ""
        table.add_row(
            p["name"] + note,
            p["family"],
            p["owasp"],
            str(p["attempts"]),
            str(p["successes"]),
            f"{p['asr']:.0%} ({ci[0]:.0%}-{ci[1]:.0%})",
            str(p["blocked"]),
            str(p["errors"]),
        )
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    console.print(f"leaks seen in any output: {summary['cross_probe_leaks']}")


@app.command("redteam-compare")
def redteam_compare(
    before: Annotated[Path, typer.Argument(help="JSON summary of run A")],
    after: Annotated[Path, typer.Argument(help="JSON summary of run B")],
    label_a: Annotated[str, typer.Option(help="Name of run A")] = "A",
    label_b: Annotated[str, typer.Option(help="Name of run B")] = "B",
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Write the comparison as HTML")
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the comparison as JSON")
    ] = None,
) -> None:
    """Show the change in attack success rate per family between two runs."""
    from mantlet.redteam import html, report

    try:
        rows = report.compare(report.load(before), report.load(after))
    except (OSError, ValueError) as exc:
        _err.print(f"error: {exc}")
        raise typer.Exit(2) from None
    table = Table(title=f"{label_a} vs {label_b}")
    for column in ("family", label_a, label_b, "change"):
        table.add_column(column)
    for r in rows:
        table.add_row(r["family"], f"{r['asr_a']:.0%}", f"{r['asr_b']:.0%}", f"{r['change']:+.0%}")
    Console().print(table)
    if html_path:
        html_path.write_text(html.render_comparison(rows, label_a, label_b), encoding="utf-8")
    if json_path:
        json_path.write_text(
            json.dumps({"a": label_a, "b": label_b, "families": rows}, indent=2), encoding="utf-8"
        )


@app.command("redteam-target")
def redteam_target(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8011,
    weaknesses: Annotated[
        str, typer.Option(help="'all', 'none' or a comma-separated list")
    ] = "all",
    refuse_all: Annotated[bool, typer.Option("--refuse-all", help="Refuse every request")] = False,
    seed: Annotated[int, typer.Option(help="Seed for the target's wording")] = 0,
) -> None:
    """Serve the deliberately vulnerable OpenAI-compatible target (for tests and demos)."""
    import uvicorn

    from mantlet.redteam.vulnerable_target import WEAKNESSES, Behaviour, create_app

    chosen = (
        WEAKNESSES
        if weaknesses == "all"
        else ()
        if weaknesses == "none"
        else tuple(w.strip() for w in weaknesses.split(",") if w.strip())
    )
    try:
        behaviour = Behaviour(chosen, refuse_all=refuse_all, seed=seed)
    except ValueError as exc:
        _err.print(f"error: {exc}")
        raise typer.Exit(2) from None
    uvicorn.run(create_app(behaviour), host=host, port=port, log_level="warning")
