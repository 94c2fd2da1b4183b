"""Street addresses by pattern: a house number beside a street word, then any unit, town,
region and postal code that follow. NER models rarely see whole addresses as one entity,
and no model is needed for this one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.ner.street_words import (
    COMPOUND_ENDINGS,
    NAME_CONNECTORS,
    PREFIX_WORDS,
    SUFFIX_WORDS_EN,
    SUFFIX_WORDS_OTHER,
    UNIT_WORDS,
)
from mantlet.detectors.word_trie import word_trie
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern, PatternSieve
from mantlet.registry import register
from mantlet.text import Document

_STREET_WORDS = (*SUFFIX_WORDS_EN, *SUFFIX_WORDS_OTHER, *PREFIX_WORDS, *UNIT_WORDS)


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ž\u0391-\u03a9\u0386-\u038f\u0410-\u042f\u0401"
_NUMBER_END = r"(?:[A-Za-z]|-\d{1,4})?\b\.?"
_NUMBER = rf"\d{{1,5}}{_NUMBER_END}"
# `\b{_NUMBER}` with a leading class, so that `re` skips ahead to digits.
_FIRST_NUMBER = rf"\d(?<!\w\d)\d{{0,4}}{_NUMBER_END}"
_CAPITALIZED = rf"[{_UPPER}][\w'’-]*\.?"
# Word lists as tries, not long alternations: `re` tries few branches where a street word may be.
_CONNECTOR = rf"{word_trie(NAME_CONNECTORS)}\b"


def _name(capitalized: str, first: str | None = None) -> str:
    """A `first` word (by default `capitalized`), then up to three words or connectors."""
    return rf"{first or capitalized}(?: (?:{capitalized}|{_CONNECTOR})){{0,3}}"


_NAME = _name(_CAPITALIZED)
# A name that a space or the match's end follows: a word cut short cannot be followed by
# either, so its words need no backtracking (`*+`), which `re` would try letter by letter.
_SPACED_TAIL = r"[\w'’-]*+\.?"  # a word after its first letter
_SPACED_NAME = _name(rf"[{_UPPER}]{_SPACED_TAIL}")
_SPACED_NAME_AFTER_CAPITAL = _name(rf"[{_UPPER}]{_SPACED_TAIL}", first=_SPACED_TAIL)
_CONNECTED_NAME = rf"(?:{_CONNECTOR} ){{0,2}}{_SPACED_NAME}"
_EN_TYPE = word_trie(SUFFIX_WORDS_EN) + r"\b\.?"
_OTHER_TYPE = word_trie(SUFFIX_WORDS_OTHER) + r"(?:\.|\b)"
_PREFIX_TYPE = word_trie(PREFIX_WORDS) + r"(?:\.|\b)"
_COMPOUND_TAIL = rf"\w{{2,}}{word_trie(COMPOUND_ENDINGS)}\b\.?"  # a compound after its capital
_UNIT_AHEAD = rf",?\s*(?:{word_trie(UNIT_WORDS)}\.?|#) ?\d"
# Some formats put a building or postal number first: `(?:\b{_NUMBER}[ ,]+)?` before the
# street. Before a capital, that is `\b(?:{_NUMBER}[ ,]+\b)?[{_UPPER}]` (the street name's
# first letter matched too), written to start with one character class so that `re` skips
# ahead to where a street can start; look-behinds check the character before it.
_LEAD_THEN_CAPITAL = (
    rf"[0-9{_UPPER}](?<=\b.)(?:(?<=[0-9])\d{{0,4}}{_NUMBER_END}[ ,]+\b[{_UPPER}]|(?<![0-9]))"
)
# Before a street word, the lead starts with a look at the first character, which fails fast
# where no street can start.
_PREFIX_FIRST = "".join(sorted({re.escape(w[0]) for w in PREFIX_WORDS}))
_LEAD_THEN_PREFIX = rf"(?=[0-9{_PREFIX_FIRST}])(?:\b{_NUMBER}[ ,]+)?"

STREET_PATTERNS = (
    # 221 Baker Street, 1987 74 Diakou Street
    Pattern(
        "number_name_type",
        rf"{_FIRST_NUMBER}(?:[ ,]+{_NUMBER})? {_SPACED_NAME} (?:{_EN_TYPE}|{_OTHER_TYPE})",
    ),
    # Berliner Straße 5, Rákóczi út 13., Nieuwe Baan 473
    Pattern(
        "name_type_number",
        rf"{_LEAD_THEN_CAPITAL}{_SPACED_NAME_AFTER_CAPITAL} {_OTHER_TYPE} {_NUMBER}",
    ),
    # Koskikatu 25, Friedhofstrasse 33
    Pattern("compound_number", rf"{_LEAD_THEN_CAPITAL}{_COMPOUND_TAIL} {_NUMBER}"),
    # Via Roma 131, ul. Narewska 94, Rue de Virton 38
    Pattern(
        "type_name_number",
        rf"{_LEAD_THEN_PREFIX}(?<![\w/]){_PREFIX_TYPE} ?{_CONNECTED_NAME} {_NUMBER}",
    ),
    # 20 rue de la Paix, 12 Avenida Paulista
    Pattern("number_type_name", rf"{_FIRST_NUMBER},? {_PREFIX_TYPE} ?{_CONNECTED_NAME}"),
    # Dalmatinova 68, Suite 4 / 903 Dora Creek Apt. 176: no street word, but a unit follows
    Pattern(
        "name_number_unit",
        rf"{_LEAD_THEN_CAPITAL}{_SPACED_NAME_AFTER_CAPITAL} {_NUMBER}{_UNIT_AHEAD}",
    ),
    Pattern("number_name_unit", rf"{_FIRST_NUMBER}(?:[ ,]+{_NUMBER})? {_NAME}{_UNIT_AHEAD}"),
    # US military mail: PSC 3294, Box 9168 / APO AA 61487; USS Nimitz / FPO AP 96543
    Pattern(
        "military",
        r"\b(?:(?:PSC|CMR|Unit) \d{3,5},? Box \d{3,5}|US[A-Z]{1,3} [A-Z][\w-]+)\s*\n?\s*"
        r"[AFD]PO A[AEP] \d{5}\b",
        re.IGNORECASE,
    ),
)


# What the engine's one pass looks for: a street, unit or military-mail word. Cheap to find
# (Hyperscan prunes texts without one); the full parse then runs only around each hit. The
# words end in few places: `re` confirms near each end (`near_ends`).
ANCHOR_PATTERNS = (
    Pattern(
        "street_word",
        rf"{word_trie(w for w in _STREET_WORDS if not w[0].islower())}(?:\.|\b)",
        near_ends=True,
    ),
    # Lower-case street words ("20 rue ...", "Rákóczi út 13") only after a space, comma or
    # bracket: a leading character class lets `re` skip ahead fast (one at offset 0 is missed).
    Pattern(
        "street_word_lower",
        rf"[\s,(]{word_trie(w for w in _STREET_WORDS if w[0].islower())}(?:\.|\b)",
        near_ends=True,
    ),
    # The ending of a compound ("...strasse 5"): bounded, so `re` confirms near each end rather
    # than from the top of the text; `anchor` then looks back for the capital (`_COMPOUND`).
    Pattern(
        "street_compound",
        rf"(?<=[a-zß-ÿ]{{2}}){word_trie(COMPOUND_ENDINGS)}\.? \d",
        near_ends=True,
    ),
    Pattern("military_mail", r"\b[AFD]PO A[AEP] \d{5}\b", re.IGNORECASE, near_ends=True),
)
# A whole compound anchor: a capital, two or more lower-case letters, then the ending. Its
# letters and the endings' are all `[a-zß-ÿ]`, so a match ends where that run of letters does,
# and each capital starts at most one.
_COMPOUND = re.compile(rf"[{_UPPER}][a-zß-ÿ]{{2,}}{word_trie(COMPOUND_ENDINGS)}\.? \d")
# Reversed, a run of those letters: `_run_start` walks back over it in C.
_COMPOUND_LETTERS = re.compile("[a-zß-ÿ]*")
_WINDOW_BEFORE = 64  # room for a building number and a four-word street name
_WINDOW_AFTER = 48  # room for the rest of a street name and its number

_UNIT = rf"[ \t]*,?[ \t]*\n?[ \t]*(?:{word_trie(UNIT_WORDS)}\.?|#) ?[\w-]{{1,6}}\b"
# After the street: ", Springfield", "\n SEINÄJOKI", ", IL 62704", "\n Finland 38524".
_LOCALITY = (
    rf"[ \t]*(?:,[ \t]*\n?|\n)[ \t>]*,?[ \t]*"
    rf"(?:{_CAPITALIZED}(?:[ -]{_CAPITALIZED}){{0,2}}(?:[ \t]+\d{{3,6}}(?:-\d{{3,4}})?)?"
    rf"|\d{{3,6}}(?:-\d{{3,4}})?)"
    r"(?=[ \t]*(?:[,.;)\n]|$)|[ \t]+[a-z\d])"  # a whole line, or ends where prose goes on
)
_POSTCODE = r"[ \t]+(?:[A-Z]{2}[ \t]+)?\d{4,6}(?:-\d{4})?\b"
# What grows an address to the right, in one `re` call: up to two units, then up to four
# localities or postal codes. Each is taken as a match of it alone would take it (atomic
# groups), a locality before a postal code, and possessive repeats stop at the first miss.
_TAIL_RE = re.compile(rf"(?:(?i:(?>{_UNIT}))){{0,2}}+(?:(?>{_LOCALITY})|(?>{_POSTCODE})){{0,4}}+")
_CORNER_RE = re.compile(r"\b(?:the )?corner of $", re.IGNORECASE)
# How a text that `_CORNER_RE` matches ends (`$` also matches before a final newline): a
# cheaper test, made first.
_CORNER_ENDINGS = tuple(o + f + " " + end for o in "oO" for f in "fF" for end in ("", "\n"))
_CORNER_TAIL_RE = re.compile(rf" and (?:{_NUMBER} )?{_NAME}(?: (?:{_EN_TYPE}|{_OTHER_TYPE}))?\b")


def _extend(text: str, end: int) -> int:
    """Grow an address to the right over units, localities and postal codes."""
    tail = _TAIL_RE.match(text, end)
    return tail.end() if tail is not None else end  # (it matches, if only the empty string)


def address_spans(text: str, matches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged, extended spans of the street matches in `text` (a view's text)."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(matches):
        corner = (
            _CORNER_RE.search(text[max(0, start - 16) : start])
            if text.endswith(_CORNER_ENDINGS, 0, start)
            else None
        )
        if corner is not None:
            start = max(0, start - 16) + corner.start()
            tail = _CORNER_TAIL_RE.match(text, end)
            end = tail.end() if tail else end
        end = _extend(text, end)
        while end > start and text[end - 1] in " \t\n,.":
            end -= 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# Which street patterns can hold an anchor of each kind: only those run around it.
_KINDS_OF_WORD: dict[str, frozenset[str]] = {}
for _words, _kinds in (
    (SUFFIX_WORDS_EN, {"number_name_type"}),
    (SUFFIX_WORDS_OTHER, {"number_name_type", "name_type_number"}),
    (PREFIX_WORDS, {"type_name_number", "number_type_name"}),
    (UNIT_WORDS, {"name_number_unit", "number_name_unit"}),
):
    for _word in _words:
        _KINDS_OF_WORD[_word] = _KINDS_OF_WORD.get(_word, frozenset()) | _kinds
_KINDS_OF_ANCHOR = {
    "street_compound": frozenset({"compound_number"}),
    "military_mail": frozenset({"military"}),
}
_STREET_PATTERN = {p.name: p for p in STREET_PATTERNS}

Anchor = tuple[int, int, frozenset[str]]  # a hit and the street patterns worth trying there


def anchor(text: str, pattern: str, start: int, end: int) -> Anchor | None:
    """An anchor hit with the street patterns it can belong to; None for a street word that
    is the tail of a longer word ("trivia", "you")."""
    if pattern == "street_word_lower":
        start += 1  # the space, comma or bracket before the word
    elif pattern == "street_compound":
        return _compound_anchor(text, start)
    elif pattern != "street_word":
        return start, end, _KINDS_OF_ANCHOR[pattern]
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_/"):
        return None
    kinds = _KINDS_OF_WORD.get(text[start:end].rstrip("."))
    return None if kinds is None else (start, end, kinds)


def _compound_anchor(text: str, ending: int) -> Anchor | None:
    """The compound whose ending starts at `ending`, from its capital: the span `_COMPOUND`
    matches there, which is where its search over the whole text would find it."""
    capital = _run_start(text, ending, _COMPOUND_LETTERS) - 1
    found = _COMPOUND.match(text, capital) if capital >= 0 else None
    return None if found is None else (capital, found.end(), _KINDS_OF_ANCHOR["street_compound"])


def _windows(text: str, anchors: Iterable[Anchor]) -> list[Anchor]:
    """Merged stretches of text around anchor hits, where a street may lie."""
    merged: list[Anchor] = []
    for start, end, kinds in sorted(anchors, key=_POSITION):
        start, end = max(0, start - _WINDOW_BEFORE), min(len(text), end + _WINDOW_AFTER)
        # Never start inside a word: back to its first character (not needed to merge).
        if not merged or start > merged[-1][1]:
            start = _word_start(text, start)
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(end, last[1]), last[2] | kinds)
        else:
            merged.append((start, end, kinds))
    return merged


_POSITION = itemgetter(0, 1)


def _word_start(text: str, pos: int) -> int:
    """Back from `pos` to the first character of the word it falls in."""
    if pos > 0 and not text[pos - 1].isspace():
        return _run_start(text, pos, _NON_SPACE)
    return pos


_NON_SPACE = re.compile(r"\S*")


def _run_start(text: str, pos: int, run: re.Pattern[str]) -> int:
    """Back from `pos` over the characters that `run` (`[...]*`) matches. Reversed a short
    stretch at a time, `run` walks left in C (reversing the whole text costs more)."""
    while pos > 0:
        back = run.match(text[max(0, pos - 16) : pos][::-1])
        step = back.end() if back is not None else 0
        pos -= step
        if step < 16:
            break
    return pos


# Half the street patterns tried around an anchor match nothing there; one Hyperscan pass
# over the window rules those out for less than `re` takes to search for one of them, and
# tells where their last match ends at the latest: `re` stops there, where it would search
# on to the window's end for one more (two thirds of its time).
_STREET_SIEVE = PatternSieve(STREET_PATTERNS)


def _street_matches(text: str, windows: Iterable[Anchor]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for w_start, w_end, kinds in windows:
        piece = text[w_start:w_end]
        last_ends = _STREET_SIEVE.last_ends(piece)
        for kind in sorted(kinds.intersection(last_ends)):
            last = last_ends[kind]
            for m in _STREET_PATTERN[kind].compiled.finditer(piece):
                found.append((w_start + m.start(), w_start + m.end()))
                if m.end() >= last:  # a next match would end after it
                    break
    return found


def addresses_near(text: str, anchors: Iterable[Anchor]) -> list[tuple[int, int]]:
    """Street-address spans in `text`, looked for only around the anchor hits given."""
    return address_spans(text, _street_matches(text, _windows(text, anchors)))


def find_addresses(text: str) -> list[tuple[int, int]]:
    """Street-address spans in plain text, without the engine (used by the NER detector)."""
    hits = (
        anchor(text, p.name, *m.span()) for p in ANCHOR_PATTERNS for m in p.compiled.finditer(text)
    )
    anchors = [a for a in hits if a is not None]
    return addresses_near(text, anchors) if anchors else []


@register
class StreetAddressDetector(Detector):
    """LOCATION findings for street addresses, from house-number and street-word patterns."""

    name = "street_address"
    category = Category.PII
    labels = ("LOCATION",)
    patterns = ANCHOR_PATTERNS
    examples = (
        "Please ship it to 221 Baker Street, London",
        "Meine Adresse: Friedhofstrasse 33, 8048 Zürich",
        "Send it to Via Roma 131\n Apt. 425\n Montafia\n Italy 39767",
        "PSC 3294, Box 9168\nAPO AA 61487",
        "Ich wohne in der Berliner Straße 5.",
        "We met at 20 rue de la Paix in Paris.",
    )
    counterexamples = (
        "Go to gate 12 for boarding.",
        "I walked down the street 5 times.",
        "Version 3 Beta Release notes",
        "We scored 3 points in the second half.",
        "Send it via email 2 times.",
    )

    def prepare(self) -> None:
        _STREET_SIEVE.prepare()

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        by_view: dict[int, tuple[Match, list[Anchor]]] = {}
        for m in matches:
            hit = anchor(m.view.text, m.pattern.name, *m.match.span())
            if hit is not None:
                by_view.setdefault(id(m.view), (m, []))[1].append(hit)
        for first, anchors in by_view.values():
            view = first.view
            for start, end in addresses_near(view.text, anchors):
                has_unit_or_place = "\n" in view.text[start:end] or "," in view.text[start:end]
                yield self.finding(
                    document,
                    view.to_original(start, end),
                    "LOCATION",
                    0.85 if has_unit_or_place else 0.7,
                    Severity.MEDIUM,
                    reason="a house number beside a street word",
                )
