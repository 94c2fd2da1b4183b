"""The one value type every detector reports: `Finding`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    PII = "PII"
    SECRET = "SECRET"
    INJECTION = "INJECTION"
    JAILBREAK = "JAILBREAK"
    CODE = "CODE"
    CONTENT = "CONTENT"
    HIDDEN_TEXT = "HIDDEN_TEXT"
    CANARY = "CANARY"
    URL = "URL"


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


def mask_value(value: str) -> str:
    """A log-safe stand-in for a sensitive value: a few edge characters and its length class.

    Long values keep four characters at each end (`AKIA…MPLE`), short ones only one,
    and values of four characters or fewer are hidden entirely.
    """
    if len(value) <= 4:
        return "*" * len(value)
    edge = 1 if len(value) < 12 else 4
    return f"{_printable(value[:edge])}…{_printable(value[-edge:])}"


def _printable(chars: str) -> str:
    if chars.isprintable():  # the usual case, checked in C
        return chars
    return "".join(ch if ch.isprintable() else "?" for ch in chars)


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """Something a detector found, located in the original text.

    It never holds the raw value: `evidence` is masked when the finding is made, and
    the span (`start`, `end`) points into the original text the caller already has.
    """

    start: int
    end: int
    detector: str
    category: Category
    label: str
    score: float
    severity: Severity
    evidence: str = ""
    reason: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end} from {self.detector}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score} out of 0..1 from {self.detector}")

    def to_dict(self) -> dict[str, object]:
        return {
            "detector": self.detector,
            "category": self.category.value,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "severity": self.severity.value,
            "evidence": self.evidence,
            "reason": self.reason,
        }
