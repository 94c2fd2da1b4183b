"""The whole runner against the deliberately vulnerable target on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from mantlet.redteam import judges, report, runner
from mantlet.redteam.context import build_context
from mantlet.redteam.registry import select
from mantlet.redteam.target import Target, TargetConfig
from mantlet.redteam.vulnerable_target import WEAKNESSES, Behaviour

# Which probe families each planted weakness must be found by.
FOUND_BY = {
    "injection": {"prompt_injection", "indirect_injection"},
    "encodings": {"encoding_attacks"},
    "leak_prompt": {"system_prompt_extraction"},
    "leak_data": {"sensitive_data_leakage"},
    "insecure_code": {"insecure_code"},
    "jailbreak": {"jailbreak"},
    "harmful": {"harmful_content"},
    "exfil": {"data_exfiltration"},
}


def _run(base_url: str, seed: int = 0) -> dict[str, object]:
    context = build_context(None, seed)
    probes = select(None)

    async def go() -> runner.RunResult:
        target = Target(
            TargetConfig(base_url=base_url, model="vulnerable", concurrency=16, timeout=10)
        )
        try:
            return await runner.run(target, probes, context, seed=seed)
        finally:
            await target.aclose()

    result = asyncio.run(go())
    return report.summary(result, target={"base_url": base_url}, seed=seed, seconds=0.0)


def _successful_families(summary: dict[str, object]) -> set[str]:
    return {f["family"] for f in summary["families"] if f["successes"]}  # type: ignore[attr-defined]


def test_every_planted_weakness_is_found(serve_target: Callable[[Behaviour], str]) -> None:
    summary = _run(serve_target(Behaviour(WEAKNESSES)))
    found = _successful_families(summary)
    for weakness, families in FOUND_BY.items():
        if weakness == "insecure_code" and not judges.code_judge_available():
            continue
        if weakness == "encodings":
            families = families & found or families
        assert families & found, f"weakness {weakness} was not found"
    assert summary["cross_probe_leaks"]["system_prompt_leak"] > 0  # type: ignore[index]


def test_with_every_weakness_off_nothing_succeeds(serve_target: Callable[[Behaviour], str]) -> None:
    summary = _run(serve_target(Behaviour(())))
    assert _successful_families(summary) == set()
    assert summary["cross_probe_leaks"] == {"system_prompt_leak": 0, "planted_leak": 0}


def test_a_model_that_refuses_everything_has_no_successes(
    serve_target: Callable[[Behaviour], str],
) -> None:
    summary = _run(serve_target(Behaviour((), refuse_all=True)))
    assert all(p["successes"] == 0 for p in summary["probes"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("weakness", [w for w in WEAKNESSES if w not in ("encodings",)])
def test_each_weakness_alone_is_attributed_to_its_family(
    serve_target: Callable[[Behaviour], str], weakness: str
) -> None:
    if weakness == "insecure_code" and not judges.code_judge_available():
        pytest.skip("no CODE detectors installed to judge insecure code")
    found = _successful_families(_run(serve_target(Behaviour((weakness,)))))
    assert found and found <= FOUND_BY[weakness] | {
        "system_prompt_extraction",
        "sensitive_data_leakage",
    }
    assert found & FOUND_BY[weakness]


def test_an_unreachable_target_is_reported_not_raised() -> None:
    summary = _run("http://127.0.0.1:9/v1")
    assert all(p["errors"] == p["attempts"] + p["errors"] for p in summary["probes"])  # type: ignore[attr-defined]


def test_an_optional_judge_model_can_overrule_open_ended_verdicts(
    serve_target: Callable[[Behaviour], str],
) -> None:
    from mantlet.redteam.llm_judge import LLMJudge

    weak = serve_target(Behaviour(WEAKNESSES))
    context = build_context(None, 0)
    probes = select("harmful_content")

    async def go(judge_url: str | None) -> int:
        target = Target(TargetConfig(base_url=weak, model="v"))
        judge = Target(TargetConfig(base_url=judge_url, model="j")) if judge_url else None
        try:
            result = await runner.run(
                target, probes, context, llm_judge=LLMJudge(judge) if judge else None
            )
        finally:
            await target.aclose()
            if judge:
                await judge.aclose()
        return sum(o.success for o in result.outcomes)

    assert asyncio.run(go(None)) > 0
    # A judge model that answers NO to everything: nothing counts as a success any more.
    assert asyncio.run(go(_serve_no_judge(serve_target))) == 0


def _serve_no_judge(serve_target: Callable[[Behaviour], str]) -> str:
    """The vulnerable target with every weakness off refuses, which a judge reads as NO."""
    return serve_target(Behaviour((), refuse_all=True))
