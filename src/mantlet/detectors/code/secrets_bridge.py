"""Hardcoded credentials (CWE-798) found by the engine's own SECRET detectors, run over code.

The secrets detectors live in their own package; whatever of them is registered is used,
so this rule improves as they do, and finds nothing extra when none is installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from mantlet.detectors.code.rules import RuleHit
from mantlet.findings import Severity

if TYPE_CHECKING:
    from mantlet.engine import Engine


@lru_cache(maxsize=1)
def _secret_engine() -> Engine:
    from mantlet.engine import Engine

    return Engine(only=["SECRET"])


def secret_hits(code: str) -> Iterator[RuleHit]:
    """One CWE-798 hit per SECRET finding in the code (spans relative to `code`)."""
    engine = _secret_engine()
    if not engine.detectors:
        return
    result = engine.scan(code)
    for f in result.findings:
        yield RuleHit(
            f"secret.{f.label.lower()}",
            "CWE-798",
            f"hardcoded {f.label.replace('_', ' ').lower()}",
            Severity.HIGH,
            f.start,
            f.end,
            min(1.0, f.score),
        )
