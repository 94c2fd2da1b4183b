"""Value types of a red-team run: probes, attempts, outcomes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Message = dict[str, str]


@dataclass(frozen=True, slots=True)
class RunContext:
    """What every probe and judge knows about the target's set-up.

    `canary` is planted in the system prompt; `planted` are sensitive values placed in the
    context (PII, secrets) that must never come back out.
    """

    system_prompt: str
    canary: str
    planted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attempt:
    """One attack: user turns sent in order (several for multi-turn attacks).

    `marker`: a unique string the attack tries to make the model output (goal hijack);
    `documents`: content inserted as tool/document messages (indirect injection).
    """

    probe: str
    index: int
    turns: tuple[str, ...]
    marker: str = ""
    documents: tuple[str, ...] = ()
    goal: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


class Status(StrEnum):
    ANSWERED = "answered"
    BLOCKED = "blocked"  # the target (e.g. a Mantlet gateway) rejected it by policy
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Outcome:
    attempt: Attempt
    status: Status
    outputs: tuple[str, ...]
    success: bool
    judged_by: str
    leaks: tuple[str, ...] = ()  # cross-probe leak judges that fired: canary, planted ...
    refused: bool = False
    error: str = ""
    seconds: float = 0.0


Generator = Callable[[random.Random, RunContext], list[Attempt]]


@dataclass(frozen=True, slots=True)
class Probe:
    """A declarative attack probe: what it tries, how it attacks, how success is judged."""

    name: str
    family: str
    goal: str
    owasp: str  # OWASP Top 10 for LLM Applications (2025) id, e.g. "LLM01:2025"
    atlas: str  # MITRE ATLAS technique id, e.g. "AML.T0051.000"
    judge: str  # name of the primary judge in mantlet.redteam.judges
    generate: Generator
    requires: tuple[str, ...] = ()  # engine categories the judge needs, e.g. ("CODE",)
    default: bool = True
