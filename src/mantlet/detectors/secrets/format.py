"""`SecretFormat`: one credential format declared as data (label, regex, keywords, validator).

The provider tables (`cloud.py`, `vcs.py` ...) are lists of these; one detector compiles
them all, so a new format is a new table row, not a new class.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mantlet.findings import Severity

# A token must not run on into more token characters on either side.
# ... except after a terminal colour code (`\x1b[93m`), common in pasted logs.
LEFT = r"(?:(?<![A-Za-z0-9_+/\-])|(?<=\[\dm)|(?<=\[\d\dm))"
LEFT_AFTER_SLASH = r"(?:(?<![A-Za-z0-9_+\-])|(?<=\[\dm)|(?<=\[\d\dm))"
RIGHT = r"(?![A-Za-z0-9_+/=\-]|\.[A-Za-z0-9])"
RIGHT_BEFORE_SLASH = r"(?![A-Za-z0-9_+=\-]|\.[A-Za-z0-9])"
# Between a context word and its value: a short key suffix, a quote, an assignment.
ASSIGN = r"[A-Za-z0-9_.\-]*?[\"']?[ \t]*(?::=|=>|->|[:=])[ \t]*[\"'`]?"


@dataclass(frozen=True, slots=True)
class SecretFormat:
    """One credential format.

    `regex` matches a candidate; when it has a group named `secret`, that group is the
    value (the span redaction replaces), else the whole match. `keywords`: lower-case
    literals one of which every match contains (the pure-Python matcher skips the regex
    when none occurs). `validator` gets the secret value and rejects near misses cheaply
    (checksums, structure); a rejected candidate still counts in scores at `rejected_score`.
    """

    label: str
    regex: str
    keywords: tuple[str, ...]
    provider: str
    validator: Callable[[str], bool] | None = None
    score: float = 0.95
    severity: Severity = Severity.HIGH
    flags: int = 0
    rejected_score: float = 0.3

    def __post_init__(self) -> None:
        compiled = re.compile(self.regex, self.flags)
        if any(k != k.lower() for k in self.keywords):
            raise ValueError(f"{self.label}: keywords must be lower case")
        if "secret" in compiled.groupindex and compiled.groupindex["secret"] < 1:
            raise ValueError(f"{self.label}: bad secret group")


def prefixed(
    label: str,
    provider: str,
    prefix: str,
    body: str,
    *,
    validator: Callable[[str], bool] | None = None,
    score: float = 0.95,
    severity: Severity = Severity.HIGH,
    keywords: tuple[str, ...] | None = None,
) -> SecretFormat:
    """A token that starts with a literal prefix (`ghp_`, `xoxb-`): the common case."""
    # A prefix with a separator (`hf_`, `glpat-`) cannot occur inside base64, so the token
    # may follow a slash, as in a URL path.
    separated = any(c in prefix for c in "_-.")
    left, right = (LEFT_AFTER_SLASH, RIGHT_BEFORE_SLASH) if separated else (LEFT, RIGHT)
    regex = left + re.escape(prefix) + body + right
    return SecretFormat(
        label,
        regex,
        keywords if keywords is not None else (prefix.lower(),),
        provider,
        validator,
        score,
        severity,
    )


def in_context(
    label: str,
    provider: str,
    context: str,
    value: str,
    keywords: tuple[str, ...],
    *,
    validator: Callable[[str], bool] | None = None,
    score: float = 0.85,
    severity: Severity = Severity.HIGH,
) -> SecretFormat:
    """A value with no prefix of its own, found only after a context word (`aws ... secret`)."""
    regex = r"(?i:" + context + r")" + ASSIGN + r"(?P<secret>" + value + r")" + RIGHT
    return SecretFormat(label, regex, keywords, provider, validator, score, severity)
