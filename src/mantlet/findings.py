"""The one value type every detector reports: `Finding`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
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


@dataclass(frozen=True, slots=True, order=True, init=False)
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

    def __init__(
        self,
        start: int,
        end: int,
        detector: str,
        category: Category,
        label: str,
        score: float,
        severity: Severity,
        evidence: str = "",
        reason: str = "",
    ) -> None:
        """The fields in declaration order (a test pins it). Each is set through its slot's
        own setter: a third cheaper than the `object.__setattr__` calls dataclass would
        write for a frozen class, and a scan makes a finding per validated match."""
        if not 0 <= start <= end:
            raise ValueError(f"invalid span {start}..{end} from {detector}")
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"score {score} out of 0..1 from {detector}")
        s0, s1, s2, s3, s4, s5, s6, s7, s8 = _FINDING_SETTERS
        s0(self, start)
        s1(self, end)
        s2(self, detector)
        s3(self, category)
        s4(self, label)
        s5(self, score)
        s6(self, severity)
        s7(self, evidence)
        s8(self, reason)

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


# The slot setters of Finding's fields, in declaration order (see `Finding.__init__`).
_FINDING_SETTERS: tuple[Callable[[Finding, object], None], ...] = tuple(
    Finding.__dict__[f.name].__set__ for f in fields(Finding)
)
