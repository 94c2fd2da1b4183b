"""The secrets detector: known credential formats, generic assignments and context-gated
high-entropy strings, in one pass, reporting each secret once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.secrets import entropy, generic
from mantlet.detectors.secrets.checksums import has_filler, not_repetitive
from mantlet.detectors.secrets.format import lead_first
from mantlet.detectors.secrets.table import FORMATS
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document, ViewKind

# Compiled with their boundaries moved after their literal leads: the same matches, which
# `re` finds by skipping to the leads.
_FORMAT_PATTERNS = tuple(
    Pattern(
        f"format:{i}:{f.label}",
        lead_first(f.regex, f.flags),
        f.flags,
        f.keywords,
        prefilter=f.prefilter,
    )
    for i, f in enumerate(FORMATS)
)
_FORMAT_BY_NAME = {p.name: f for p, f in zip(_FORMAT_PATTERNS, FORMATS, strict=True)}
# Which kind of rule found a candidate decides who wins an overlap: a known format says
# more than a generic assignment, which says more than entropy.
_KNOWN, _GENERIC, _ENTROPY = 0, 1, 2


class _Candidate(NamedTuple):
    """One possible secret, before overlaps between rules are settled."""

    start: int
    end: int
    label: str
    score: float
    severity: Severity
    tier: int
    reason: str


@register
class SecretsDetector(Detector):
    name = "secrets"
    category = Category.SECRET
    labels = tuple(
        sorted(
            {f.label for f in FORMATS}
            | {"GENERIC_PASSWORD", "GENERIC_SECRET", "HIGH_ENTROPY_SECRET"}
        )
    )
    patterns = (*_FORMAT_PATTERNS, *generic.PATTERNS, entropy.PATTERN)
    views = frozenset({ViewKind.FOLDED, ViewKind.DECODED})
    examples = (
        "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi8mEXAMPLEkeyBODY0123\n-----END RSA PRIVATE KEY-----",
        'db_password = "Tr0ub4dor&3"',
        "DATABASE_URL=postgres://app:s3cr3tPass@db.internal:5432/app",
        'client_secret: "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEVYQU1QTEU"',
    )
    counterexamples = (
        "export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}",
        'password = os.environ["DB_PASSWORD"]',
        'password: "<your password here>"',
        "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "the password is incorrect",
        "postgres://user:${DB_PASS}@localhost/db",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        candidates = [c for m in matches if (c := self._candidate(m)) is not None]
        reported = [c for c in candidates if c.score >= self.threshold]
        reported.sort(key=lambda c: (c.tier, -c.score, c.start - c.end))
        kept: list[_Candidate] = []
        for c in reported:
            if not any(c.start < k.end and k.start < c.end for k in kept):
                kept.append(c)
        quiet = [
            c
            for c in candidates
            if c.score < self.threshold
            and not any(c.start < k.end and k.start < c.end for k in kept)
        ]
        for c in (*kept, *quiet):
            yield self.finding(
                document, (c.start, c.end), c.label, c.score, c.severity, reason=c.reason
            )

    def _candidate(self, m: Match) -> _Candidate | None:
        name = m.pattern.name
        if name.startswith("format:"):
            fmt = _FORMAT_BY_NAME[name]
            group = "secret" if "secret" in m.match.re.groupindex else 0
            value = m.match.group(group)
            checked = fmt.validator(value) if fmt.validator else not_repetitive(value)
            valid = checked and not has_filler(value)
            start, end = m.span(group)
            score = fmt.score if valid else fmt.rejected_score
            reason = f"{fmt.provider} credential format" + ("" if valid else " (failed validation)")
            return _Candidate(start, end, fmt.label, score, fmt.severity, _KNOWN, reason)
        if name.startswith("generic:"):
            hit = generic.evaluate(name, m.view.text, m.match)
            if hit is None:
                return None
            start, end = m.view.to_original(hit.start, hit.end)
            severity = Severity.HIGH if hit.score >= 0.8 else Severity.MEDIUM
            return _Candidate(
                start,
                end,
                hit.label,
                hit.score,
                severity,
                _GENERIC,
                "value assigned to a secret name",
            )
        if m.view.kind is ViewKind.DECODED:
            return None
        score = entropy.entropy_score(m.view.text, *m.match.span())
        if score <= 0.0:
            return None
        start, end = m.span()
        return _Candidate(
            start,
            end,
            "HIGH_ENTROPY_SECRET",
            score,
            Severity.MEDIUM,
            _ENTROPY,
            "random-looking string next to a secret word",
        )
