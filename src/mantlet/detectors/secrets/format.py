"""`SecretFormat`: one credential format declared as data (label, regex, keywords, validator).

The provider tables (`cloud.py`, `vcs.py` ...) are lists of these; one detector compiles
them all, so a new format is a new table row, not a new class.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from re import _parser  # type: ignore[attr-defined]  # sre's own width analysis

from mantlet.findings import Severity

_TOKEN_CHARS = r"A-Za-z0-9_+/\-"
_TOKEN_CHARS_BUT_SLASH = r"A-Za-z0-9_+\-"


def _left(token_chars: str, back: int = 0) -> str:
    """The start of a token: no token character just before it, or a terminal colour code
    (`\\x1b[93m`, common in pasted logs). `back`: tested that many characters into the token."""
    skip = f"(?s:.{{{back}}})" if back else ""
    return rf"(?:(?<![{token_chars}]{skip})|(?<=\[\dm{skip})|(?<=\[\d\dm{skip}))"


# A token must not run on into more token characters on either side.
LEFT = _left(_TOKEN_CHARS)
LEFT_AFTER_SLASH = _left(_TOKEN_CHARS_BUT_SLASH)
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
    `prefilter`: what Hyperscan matches instead of `regex` (see `Pattern.prefilter`).
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
    prefilter: str | None = None

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


def lead_first(regex: str, flags: int = 0) -> str:
    """`regex` with its leading boundary (`LEFT`, `LEFT_AFTER_SLASH` or one `(?<![...])`)
    tested after the fixed-width atoms that begin the token (`AKIA`, `xox[abposer]-`),
    looking back over them: the same matches. `re` skips to where a regex's leading literal
    or character set occurs, but tries a leading look-behind at every position (~500
    instructions a character). Verbose regexes, whose characters are not all atoms, stay."""
    if flags & re.VERBOSE:
        return regex
    for token_chars in (_TOKEN_CHARS, _TOKEN_CHARS_BUT_SLASH):
        if regex.startswith(left := _left(token_chars)):
            return _moved(regex, len(left), partial(_left, token_chars))
    if found := _NOT_AFTER_RE.match(regex):
        chars = found.group(1)
        return _moved(regex, found.end(), lambda back: rf"(?<!{chars}(?s:.{{{back}}}))")
    return regex


# A look-behind for one character not in a class: `(?<![A-Za-z0-9_\-])`.
_NOT_AFTER_RE = re.compile(r"\(\?<!(\[(?:\\.|[^\]\\])+\])\)")


def _moved(regex: str, boundary_end: int, shifted: Callable[[int], str]) -> str:
    """`regex` with the boundary that ends at `boundary_end` moved past the fixed-width lead
    after it; `shifted(n)` is that boundary tested n characters later."""
    rest = regex[boundary_end:]
    lead = _fixed_lead(rest)
    if not lead:
        return regex
    return lead + shifted(_parser.parse(lead).getwidth()[0]) + rest[len(lead) :]


def _fixed_lead(regex: str) -> str:
    """The longest start of `regex` made of unquantified characters, classes and
    non-capturing groups that together match a fixed number (> 0) of characters."""
    end = 0
    while (atom := _atom_end(regex, end)) is not None:
        if atom < len(regex) and regex[atom] in "?*+{":
            break  # a quantified atom: its width varies (or is costly to count)
        low, high = _parser.parse(regex[:atom]).getwidth()
        if low != high or re.compile(regex[:atom]).groups:
            break
        end = atom
    return regex[:end]


_CLASS_RE = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")


def _atom_end(regex: str, start: int) -> int | None:
    """Where the atom at `start` ends: a literal character, an escaped punctuation
    character, a character class or a `(?:...)` group; None for anything else."""
    if start >= len(regex):
        return None
    char = regex[start]
    if char == "\\":
        escaped = regex[start + 1 : start + 2]
        return start + 2 if escaped and not escaped.isalnum() else None
    if char == "[":
        found = _CLASS_RE.match(regex, start)
        return found.end() if found else None
    if char == "(":
        return _group_end(regex, start) if regex.startswith("(?:", start) else None
    return None if char in "^$.|?*+)]{}" else start + 1


def _group_end(regex: str, start: int) -> int | None:
    """Where the group opened at `start` closes, skipping escapes and classes."""
    depth, i = 0, start
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            found = _CLASS_RE.match(regex, i)
            if found is None:
                return None
            i = found.end()
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1
        if depth == 0:
            return i
    return None
