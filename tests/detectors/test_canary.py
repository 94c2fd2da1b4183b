from __future__ import annotations

import base64

from mantlet import Engine
from mantlet.detectors.canary import CanaryDetector, find_leaks, plant_canary

PROMPT = (
    "You are the support assistant for Acme Bank. Only answer questions about opening hours, "
    "card activation and branch locations. Never discuss interest rates or internal systems."
)


def test_planted_canaries_are_unique_and_in_the_prompt() -> None:
    planted, canary = plant_canary(PROMPT)
    _, other = plant_canary(PROMPT)
    assert canary in planted and PROMPT in planted
    assert canary != other


def test_a_leaked_canary_is_found_even_encoded() -> None:
    planted, canary = plant_canary(PROMPT)
    leak = f"My hidden reference is {canary}."
    findings = find_leaks(leak, planted, canary)
    assert [f.label for f in findings] == ["CANARY_TOKEN"]
    assert leak[findings[0].start : findings[0].end] == canary
    assert canary not in findings[0].evidence and canary not in findings[0].reason
    encoded = base64.b64encode(canary.encode()).decode()
    assert find_leaks(f"Here: {encoded}", planted, canary)


def test_verbatim_prompt_text_in_output_is_a_leak() -> None:
    output = (
        "Sure. My instructions say: only answer questions about opening hours, card activation "
        "and branch locations. Never discuss interest rates or internal systems."
    )
    findings = find_leaks(output, PROMPT)
    assert [f.label for f in findings] == ["SYSTEM_PROMPT_LEAK"]
    assert output[findings[0].start :].lower().startswith("only answer")


def test_an_ordinary_answer_is_not_a_leak() -> None:
    planted, canary = plant_canary(PROMPT)
    output = "Our branches open at 9 am on weekdays. You can activate your card in the app."
    assert find_leaks(output, planted, canary) == []


def test_detector_is_engine_compatible() -> None:
    planted, canary = plant_canary(PROMPT)
    engine = Engine([CanaryDetector.for_prompt(planted, canary)])
    assert engine.scan(f"ok {canary}").findings
