"""Prompt-injection and jailbreak detection: signature rules, a shipped classifier, modes,
conversation scanning."""

from __future__ import annotations

from mantlet.detectors.injection.conversation import locate, scan_conversation, transcript
from mantlet.detectors.injection.detector import InjectionDetector, Verdict, judge
from mantlet.detectors.injection.modes import (
    DEFAULT_THRESHOLDS,
    Mode,
    exceeds_threshold,
    finding_mode,
    mode_for_role,
)
from mantlet.detectors.injection.signatures import Family

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Family",
    "InjectionDetector",
    "Mode",
    "Verdict",
    "exceeds_threshold",
    "finding_mode",
    "judge",
    "locate",
    "mode_for_role",
    "scan_conversation",
    "transcript",
]
