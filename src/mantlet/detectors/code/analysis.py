"""Insecure-code analysis of one snippet: language, then the rules and analyzers for it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from mantlet.detectors.code.c_memory import memory_hits
from mantlet.detectors.code.comments import blank_comments
from mantlet.detectors.code.language import CPP, PYTHON, UNKNOWN, C, identify, runners_up
from mantlet.detectors.code.python_ast import analyze_python, analyze_python_chunks
from mantlet.detectors.code.rules import Rule, RuleHit, run_rules
from mantlet.detectors.code.rules_c import C_RULES
from mantlet.detectors.code.rules_common import COMMON_RULES, PYTHON_FALLBACK_RULES
from mantlet.detectors.code.rules_managed import MANAGED_RULES
from mantlet.detectors.code.rules_web import WEB_RULES

PATTERN_RULES: tuple[Rule, ...] = C_RULES + WEB_RULES + MANAGED_RULES + COMMON_RULES
ALL_RULES: tuple[Rule, ...] = PATTERN_RULES + PYTHON_FALLBACK_RULES


@dataclass(frozen=True, slots=True)
class CodeAnalysis:
    language: str
    hits: tuple[RuleHit, ...]


def analyze_code(code: str, language: str | None = None, tag: str = "") -> CodeAnalysis:
    """Every rule hit in `code` (spans relative to it); the language is identified if not given."""
    lang = language or identify(code, tag)
    hits: list[RuleHit] = []
    if lang == UNKNOWN:
        tree_hits = analyze_python(code)
        if tree_hits is not None:
            lang = PYTHON
            hits.extend(tree_hits)
    elif lang == PYTHON:
        tree_hits = analyze_python(code)
        if tree_hits is None:
            chunk_hits, unparsed = analyze_python_chunks(code)
            hits.extend(chunk_hits)
            for start, end in unparsed:
                hits.extend(
                    _shifted(run_rules(PYTHON_FALLBACK_RULES, code[start:end], lang), start)
                )
        else:
            hits.extend(tree_hits)
    if lang in (C, CPP):
        hits.extend(memory_hits(code))
    if lang == UNKNOWN:  # every family's patterns, a little less sure of each
        hits.extend(_discounted(run_rules(PATTERN_RULES, code, "*")))
    else:
        code = blank_comments(code, lang)
        hits.extend(run_rules(_rules_for(lang), code, lang))
        if language is None:
            for other in runners_up(code, lang, tag):
                extra = [r for r in _rules_for(other) if lang not in r.languages]
                hits.extend(_discounted(run_rules(extra, code, other)))
    return CodeAnalysis(lang, tuple(_dedupe(hits)))


def _shifted(hits: Iterable[RuleHit], offset: int) -> Iterator[RuleHit]:
    for hit in hits:
        yield replace(hit, start=hit.start + offset, end=hit.end + offset)


def _discounted(hits: Iterable[RuleHit]) -> Iterator[RuleHit]:
    for hit in hits:
        yield replace(hit, score=hit.score - 0.05)


@lru_cache(maxsize=32)
def _rules_for(language: str) -> tuple[Rule, ...]:
    return tuple(r for r in PATTERN_RULES if language in r.languages or "*" in r.languages)


def _dedupe(hits: list[RuleHit]) -> list[RuleHit]:
    """One hit per (CWE, span): the most confident."""
    best: dict[tuple[str, int, int], RuleHit] = {}
    for hit in hits:
        key = (hit.cwe, hit.start, hit.end)
        if key not in best or best[key].score < hit.score:
            best[key] = hit
    return sorted(best.values(), key=lambda h: (h.start, h.end, h.cwe))
