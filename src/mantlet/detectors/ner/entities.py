"""PERSON, LOCATION and ORG through a statistical NER model (spaCy), with post-filters that
drop what a name cannot look like, and street addresses left to the pattern detector."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.ner.addresses import find_addresses
from mantlet.detectors.ner.context import label_from_context
from mantlet.detectors.ner.model import (
    INSTALL_HINT,
    NerUnavailable,
    load_pipeline,
    ner_available,
    ner_enabled_by_default,
)
from mantlet.findings import Category, Finding, Severity
from mantlet.registry import register
from mantlet.text import Document

# OntoNotes labels of the English spaCy models, mapped to the data set types.
LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORG"}
SEVERITY = {"PERSON": Severity.MEDIUM, "LOCATION": Severity.MEDIUM, "ORG": Severity.LOW}
CHUNK_CHARS = 20_000  # long texts go through the model in pieces split at line breaks

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"()\[\]-])+$")


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # PERSON, LOCATION or ORG


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and trailing punctuation or possessive from an entity span."""
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead is not None and lead.end() < len(piece):
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail is not None:
        end = start + tail.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def plausible(label: str, value: str) -> bool:
    """Whether an entity's text can be a name of its kind: rules true of names anywhere."""
    if len(value) < 2 or "\n" in value or "@" in value or "://" in value:
        return False
    if not any(ch.isupper() for ch in value):  # "chad", "st": common words, not names
        return False
    digits = sum(ch.isdigit() for ch in value)
    if label in ("PERSON", "LOCATION"):
        return digits == 0
    return digits < 3  # "3M" is an ORG, "PSC 0729" is a postal box


_TECH_TOKEN = re.compile(r"^(?:[A-Z0-9&]{2,5}s?|[A-Z]?[a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]+\w*)$")


def confidence(label: str, value: str) -> float:
    """Several words make a name likelier than one; a lone acronym or CamelCase token called
    an ORG ("IP", "DDoS", "IPv6", "PyShark") is usually a technical term: kept below the
    reporting threshold, so it counts in scores but is not reported."""
    if " " in value:
        return 0.8
    if label == "ORG" and _TECH_TOKEN.match(value):
        return 0.4
    return 0.65


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def entities(text: str) -> list[Entity]:
    """Named entities in `text` (offsets into it), filtered and clear of street addresses."""
    if not text.strip():
        return []
    pipeline = load_pipeline()
    addresses = find_addresses(text)
    found: list[Entity] = []
    for offset, piece in _chunks(text):
        # One call per piece: for a single text, `pipe` only adds batching overhead.
        for ent in pipeline(piece).ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            start, end = _trim(text, offset + ent.start_char, offset + ent.end_char)
            if not plausible(label, text[start:end]):
                continue
            if any(start < a_end and a_start < end for a_start, a_end in addresses):
                continue
            found.append(Entity(start, end, label_from_context(text, start, end, label)))
    return found


@register
class NamedEntityDetector(Detector):
    """Names of people, places and organizations, from spaCy's English NER (optional extra)."""

    name = "ner"
    category = Category.PII
    labels = ("PERSON", "LOCATION", "ORG")
    default_enabled = ner_enabled_by_default()
    examples = (
        "My name is John Smith and I work at Microsoft in Seattle.",
        "Please forward this to Angela Merkel in Berlin.",
    )
    counterexamples = (
        "please summarize the following paragraph in two sentences.",
        "what is the capital of a country? answer briefly.",
    )

    def __init__(self) -> None:
        if not ner_available():
            raise NerUnavailable(
                f"the NER detector needs spaCy and an English model: {INSTALL_HINT}"
            )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        view = document.folded
        for entity in entities(view.text):
            yield self.finding(
                document,
                view.to_original(entity.start, entity.end),
                entity.label,
                confidence(entity.label, view.text[entity.start : entity.end]),
                SEVERITY[entity.label],
                reason="named entity recognized by the NER model",
            )
