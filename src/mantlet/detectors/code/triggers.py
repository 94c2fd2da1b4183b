"""Cheap literal triggers for the engine's shared scan, full regexes only where they fire.

Hyperscan compiles long alternations with bounded repeats slowly (seconds), so these
detectors give the engine plain keyword alternations and confirm with `re` afterwards,
on the same view the trigger fired in (spans still map back to the original).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mantlet.detectors.base import Match
from mantlet.patterns import Pattern
from mantlet.text import View


@dataclass(frozen=True, slots=True)
class Detail:
    """A full regex for one kind, and the lower-case literals one of which it always contains."""

    name: str
    regex: str
    flags: int
    keywords: tuple[str, ...]
    trigger_regex: str = ""  # a cheap regex narrower than the keywords, when they are common

    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex, self.flags)

    def trigger(self) -> Pattern:
        if self.trigger_regex:
            # The keywords belong to the full regex, not to the trigger: as the trigger's
            # pre-check they would make the two matchers disagree about the trigger.
            return Pattern(self.name, self.trigger_regex, re.IGNORECASE)
        if self.keywords:
            regex = "|".join(re.escape(k) for k in self.keywords)
            return Pattern(self.name, regex, re.IGNORECASE, self.keywords)
        return Pattern(self.name, self.regex, self.flags)


_CACHE: dict[tuple[str, int], re.Pattern[str]] = {}


def _compile(regex: str, flags: int) -> re.Pattern[str]:
    key = (regex, flags)
    if key not in _CACHE:
        _CACHE[key] = re.compile(regex, flags)
    return _CACHE[key]


def confirmed(
    matches: Sequence[Match], details: dict[str, Detail]
) -> Iterator[tuple[Detail, View, re.Match[str]]]:
    """Each full-regex match in each view where its trigger fired, once per view and kind."""
    done: set[tuple[str, int]] = set()
    for m in matches:
        key = (m.pattern.name, id(m.view))
        if key in done:
            continue
        done.add(key)
        detail = details[m.pattern.name]
        for found in detail.compiled().finditer(m.view.text):
            yield detail, m.view, found
