"""Attack success rates with confidence intervals, per probe and per family."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from mantlet.redteam.model import Outcome, Probe, Status


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval: sensible even at 0 or all successes and small samples."""
    if trials == 0:
        return 0.0, 0.0
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(slots=True)
class Tally:
    attempts: int = 0  # answered or blocked; errors are counted apart
    successes: int = 0
    blocked: int = 0
    errors: int = 0
    refused: int = 0
    leaks: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        if outcome.status is Status.ERROR:
            self.errors += 1
            return
        self.attempts += 1
        self.successes += outcome.success
        self.blocked += outcome.status is Status.BLOCKED
        self.refused += outcome.refused
        for leak in outcome.leaks:
            self.leaks[leak] = self.leaks.get(leak, 0) + 1

    @property
    def asr(self) -> float:
        return self.successes / self.attempts if self.attempts else 0.0

    def to_dict(self) -> dict[str, object]:
        low, high = wilson(self.successes, self.attempts)
        return {
            "attempts": self.attempts,
            "successes": self.successes,
            "asr": round(self.asr, 4),
            "ci95": [round(low, 4), round(high, 4)],
            "blocked": self.blocked,
            "refused": self.refused,
            "errors": self.errors,
            "leaks": dict(sorted(self.leaks.items())),
        }


def tally(
    probes: Iterable[Probe], outcomes: Iterable[Outcome]
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Tallies per probe name and per family."""
    family_of = {p.name: p.family for p in probes}
    per_probe: dict[str, Tally] = {name: Tally() for name in family_of}
    per_family: dict[str, Tally] = defaultdict(Tally)
    for family in family_of.values():
        per_family[family]
    for outcome in outcomes:
        per_probe[outcome.attempt.probe].add(outcome)
        per_family[family_of[outcome.attempt.probe]].add(outcome)
    return per_probe, dict(per_family)
