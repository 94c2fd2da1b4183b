"""DATE: calendar dates, reported as PII when context says they are a date of birth.

A date with day, month and year is scored below the threshold on its own (most dates in a
prompt are not personal data) and well above it next to "born", "DOB", "date of birth"
or "birthday". Years alone, weekdays and times are not dates of birth and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import (
    ContextWords,
    PiiDetector,
    extend_left,
    starts_with,
)
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = r"(?:[T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9])?)?"
_YEAR = r"[12][0-9]{3}\b"
# Year first: 1990-05-17 (ISO 8601), also 1990/05/17 and 1990.05.17.
_ISO = (
    starts_with("[12]", r"[\w/.-]")
    + r"[0-9]{3}(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12][0-9]|3[01])"
    + _TIME
    + r"(?![\w/-]|\.[0-9])"
)
_NUMERIC = starts_with("[0-9]", r"[\w/.-]") + (
    r"[0-9]?(?P<sep>[/.-])[0-9]{1,2}(?P=sep)(?:[0-9]{4}|[0-9]{2})(?![\w/-]|\.[0-9])"
)
# For Hyperscan, which drops look-arounds and back-references: spelled out, with `\b` for the
# look-arounds, so the tail of an ISO date or of a version number is no candidate.
_NUMERIC_PREFILTER = (
    r"\b[0-9]{1,2}(?:/[0-9]{1,2}/|\.[0-9]{1,2}\.|-[0-9]{1,2}-)[0-9]{2}(?:[0-9]{2})?\b"
)
# "March 3rd, 1990": anchored on the day (digits are rarer than letters); the detector
# walks left to the month name.
_MONTH_FIRST = r"[0-9](?<=[A-Za-z.]\s[0-9])[0-9]?(?:st|nd|rd|th)?,?\s" + _YEAR
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DAY_FIRST = (
    starts_with("[0-9]", r"[\w.]")
    + r"[0-9]?(?:st|nd|rd|th)?\s(?:of\s)?(?P<month>[A-Za-z]{3,9})\.?,?\s"
    + _YEAR
)
_YEAR_RE = re.compile(r"[12][0-9]{3}")


def _plausible_year(text: str) -> bool:
    years = _YEAR_RE.findall(text)
    return bool(years) and 1800 <= int(years[0] if text[:1] in "12" else years[-1]) <= 2099


def _month_before(text: str, start: int) -> int | None:
    """Start of the month name before a day number at `start`, if there is one."""
    end = start - 1  # the space
    if text[end - 1] == ".":
        end -= 1
    begin = extend_left(text, end, _LETTERS, 9)
    if begin and text[begin - 1].isalnum():
        return None
    return begin if text[begin:end].lower() in _MONTHS else None


def _plausible_numeric(text: str, separator: str) -> bool:
    first, second, year = (int(part) for part in text.split(separator))
    if len(text.split(separator)[2]) == 2 and separator == ".":
        return False  # 1.2.34 is a version, not a date
    day_month = 1 <= first <= 31 and 1 <= second <= 12
    month_day = 1 <= first <= 12 and 1 <= second <= 31
    return (day_month or month_day) and (year < 100 or 1800 <= year <= 2099)


@register
class DateDetector(PiiDetector):
    """Dates of birth (high score) and other full calendar dates (low score)."""

    name = "pii_date"
    labels = ("DATE",)
    patterns = (
        Pattern("iso", _ISO),  # ends at many digits of a run: its first end only
        Pattern("numeric", _NUMERIC, prefilter=_NUMERIC_PREFILTER, near_ends=True),
        Pattern("month_first", _MONTH_FIRST, near_ends=True),
        Pattern("day_first", _DAY_FIRST, near_ends=True),
    )
    context_words = ContextWords(
        raising=(
            "born",
            "birth",
            "dob",
            "d.o.b",
            "birthday",
            "birthdate",
            "date of birth",
            "geboren",
            "né",
            "née",
            "nacimiento",
            "nascita",
        ),
    )
    examples = (
        "She was born on 10/23/1951. Her maiden name is Smith",
        "Please tell me your date of birth. It's 1/14/1961",
        "DOB: 1984-04-27",
        "his birthday is March 3rd, 1990",
    )
    counterexamples = (
        "the release of 10/23/1951 was late",
        "version 1.2.34 is out",
        "on 13/13/2020 nothing",
        "born in 1971",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            kind = m.pattern.name
            text = m.view.text
            start, end = m.match.span()
            if kind == "numeric":
                if not _plausible_numeric(m.text, m.match.group("sep")):
                    continue
            elif not _plausible_year(m.text) or (
                kind == "day_first" and m.match.group("month").lower() not in _MONTHS
            ):
                continue
            elif kind == "month_first":
                month_start = _month_before(text, start)
                if month_start is None:
                    continue
                start = month_start
            signal = self.context_words.signal(text, start, end)
            if signal > 0:
                score, reason = 0.9, "date of birth"
            else:
                score, reason = 0.35, "calendar date"
            span = m.view.to_original(start, end)
            yield self.finding(document, span, "DATE", score, Severity.LOW, reason=reason)
