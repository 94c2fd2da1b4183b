from __future__ import annotations

from collections.abc import Callable

import pytest

from mantlet import Engine, Finding


@pytest.fixture(scope="session")
def pii_engine() -> Engine:
    return Engine(only=["PII"])


@pytest.fixture(scope="session")
def found(pii_engine: Engine) -> Callable[[str], list[tuple[str, str]]]:
    """(label, matched text) of every reported PII finding."""

    def run(text: str) -> list[tuple[str, str]]:
        return [(f.label, text[f.start : f.end]) for f in pii_engine.scan(text).findings]

    return run


@pytest.fixture(scope="session")
def findings(pii_engine: Engine) -> Callable[[str], tuple[Finding, ...]]:
    def run(text: str) -> tuple[Finding, ...]:
        return pii_engine.scan(text).findings

    return run
