"""One error hierarchy for the whole project.

Messages name what was wrong and where, never the raw content that was being scanned.
"""

from __future__ import annotations


class MantletError(Exception):
    """Root of every error Mantlet raises on purpose."""


class ConfigError(MantletError):
    """A configuration or policy file is invalid."""


class InputError(MantletError):
    """Input could not be read or parsed (bad encoding, malformed JSON ...)."""


class DetectorError(MantletError):
    """A detector failed while scanning; policy decides what that means (default: block)."""

    def __init__(self, detector: str, kind: str) -> None:
        super().__init__(f"detector {detector!r} failed: {kind}")
        self.detector = detector
        self.kind = kind
