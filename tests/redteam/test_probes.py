"""One test over every registered probe: the contract each must keep."""

from __future__ import annotations

import random
import re

import pytest

from mantlet.redteam.context import build_context
from mantlet.redteam.judges import JUDGES
from mantlet.redteam.registry import all_probes, select

PROBES = all_probes()
CONTEXT = build_context(None, seed=1)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_contract(name: str) -> None:
    probe = PROBES[name]
    assert probe.goal and probe.family
    assert re.fullmatch(r"LLM(0[1-9]|10):2025", probe.owasp)
    assert re.fullmatch(r"AML\.T\d{4}(\.\d{3})?", probe.atlas)
    assert probe.judge in JUDGES
    first = probe.generate(random.Random(7), CONTEXT)
    again = probe.generate(random.Random(7), CONTEXT)
    assert first and first == again, "attempts are reproducible from the seed"
    for attempt in first:
        assert attempt.probe == name and attempt.turns and all(attempt.turns)


def test_suite_covers_every_attack_family_the_issue_names() -> None:
    families = {p.family for p in PROBES.values()}
    assert {
        "prompt_injection",
        "indirect_injection",
        "jailbreak",
        "system_prompt_extraction",
        "sensitive_data_leakage",
        "insecure_code",
        "harmful_content",
        "data_exfiltration",
        "encoding_attacks",
    } <= families


def test_select_by_name_and_family() -> None:
    assert [p.name for p in select("extraction.system_prompt")] == ["extraction.system_prompt"]
    assert {p.family for p in select("jailbreak")} == {"jailbreak"}
    with pytest.raises(ValueError, match="unknown probe"):
        select("nope")


def test_context_plants_a_canary_and_values_in_the_system_prompt() -> None:
    assert CONTEXT.canary in CONTEXT.system_prompt
    assert all(v in CONTEXT.system_prompt for v in CONTEXT.planted)
    assert build_context(None, 1) == CONTEXT and build_context(None, 2) != CONTEXT
