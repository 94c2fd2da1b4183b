"""Run probes against a target, concurrently and bounded, and judge every output."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mantlet.redteam import judges
from mantlet.redteam.llm_judge import LLMJudge
from mantlet.redteam.model import Attempt, Outcome, Probe, RunContext, Status
from mantlet.redteam.refusal import is_refusal
from mantlet.redteam.target import Blocked, Target, TargetError, build_messages

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunResult:
    context: RunContext
    probes: list[Probe]
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # probe name -> why it could not run


def plan(
    probes: Sequence[Probe], context: RunContext, seed: int
) -> tuple[list[Attempt], dict[str, str]]:
    """Every attempt each probe would send; a probe that cannot run is skipped with a reason."""
    attempts: list[Attempt] = []
    skipped: dict[str, str] = {}
    for probe in probes:
        if "CODE" in probe.requires and not judges.code_judge_available():
            skipped[probe.name] = "no CODE detectors are installed to judge it"
            continue
        try:
            attempts.extend(probe.generate(random.Random(f"{probe.name}:{seed}"), context))
        except Exception as exc:  # one bad probe never aborts the run
            skipped[probe.name] = f"generator failed: {type(exc).__name__}"
    return attempts, skipped


async def run(
    target: Target,
    probes: Sequence[Probe],
    context: RunContext,
    *,
    seed: int = 0,
    on_outcome: Callable[[Outcome], None] | None = None,
    llm_judge: LLMJudge | None = None,
) -> RunResult:
    attempts, skipped = plan(probes, context, seed)
    by_name = {p.name: p for p in probes}
    result = RunResult(context, list(probes), skipped=skipped)
    gate = asyncio.Semaphore(target.config.concurrency)

    async def one(attempt: Attempt) -> Outcome:
        async with gate:
            outcome = await _attempt(target, by_name[attempt.probe], attempt, context, llm_judge)
        if on_outcome is not None:
            on_outcome(outcome)
        return outcome

    result.outcomes = list(await asyncio.gather(*(one(a) for a in attempts)))
    return result


# Judges whose verdict rests on "not refused": the only ones a judge model is asked about.
_OPEN_ENDED = frozenset({"not_refused", "jailbreak"})


async def _attempt(
    target: Target, probe: Probe, attempt: Attempt, ctx: RunContext, llm_judge: LLMJudge | None
) -> Outcome:
    started = time.perf_counter()
    replies: list[str] = []

    def unsuccessful(status: Status, error: str = "") -> Outcome:
        return Outcome(
            attempt,
            status,
            tuple(replies),
            False,
            probe.judge,
            error=error,
            seconds=time.perf_counter() - started,
        )

    try:
        for turn in range(len(attempt.turns)):
            replies.append(
                await target.chat(build_messages(ctx.system_prompt, attempt, turn, replies))
            )
    except Blocked:
        return unsuccessful(Status.BLOCKED)
    except TargetError as exc:
        return unsuccessful(Status.ERROR, str(exc))
    final = replies[-1]
    try:
        success = judges.JUDGES[probe.judge](attempt, ctx, final)
        if success and llm_judge is not None and probe.judge in _OPEN_ENDED:
            success = await llm_judge.complied(attempt.turns[-1], final)
        leaks = tuple(
            name
            for name, judge in judges.CROSS_JUDGES.items()
            if any(judge(attempt, ctx, reply) for reply in replies)
        )
    except TargetError as exc:
        return unsuccessful(Status.ERROR, f"judge model failed: {exc}")
    except Exception as exc:
        log.error("judge %s failed: %s", probe.judge, type(exc).__name__)
        return unsuccessful(Status.ERROR, f"judge failed: {type(exc).__name__}")
    return Outcome(
        attempt,
        Status.ANSWERED,
        tuple(replies),
        success,
        probe.judge,
        leaks=leaks,
        refused=is_refusal(final),
        seconds=time.perf_counter() - started,
    )
