"""Every insecure-code rule fires on its vulnerable example and stays quiet on the safe one."""

from __future__ import annotations

import pytest
from code_rule_cases import CASES

from mantlet.detectors.code.analysis import ALL_RULES, analyze_code
from mantlet.detectors.code.cwe import CWE_INFO


@pytest.mark.parametrize(
    ("rule_id", "language", "vulnerable", "safe"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_flags_vulnerable_and_passes_safe(
    rule_id: str, language: str, vulnerable: str, safe: str
) -> None:
    fired = {h.rule_id for h in analyze_code(vulnerable, language).hits}
    assert rule_id in fired, f"{rule_id} missed its vulnerable example (got {sorted(fired)})"
    quiet = {h.rule_id for h in analyze_code(safe, language).hits}
    assert rule_id not in quiet, f"{rule_id} fired on its safe example"


def test_every_pattern_rule_has_a_case() -> None:
    covered = {c[0] for c in CASES}
    missing = sorted(r.id for r in ALL_RULES if r.id not in covered)
    assert not missing


def test_every_rule_names_a_known_cwe_with_a_fix() -> None:
    for r in ALL_RULES:
        assert r.cwe in CWE_INFO, r.id
        assert r.help and len(r.help) < 140, r.id
        assert 0.0 < r.score <= 1.0
