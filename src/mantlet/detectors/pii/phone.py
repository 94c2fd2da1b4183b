"""PHONE: digit runs shaped like phone numbers, validated with `phonenumbers`.

A regex finds candidates (7 to 15 digits with the separators people type); `phonenumbers`
then checks each one: numbers with a `+` or `00` prefix are parsed as international, others
against regions guessed from the text (country calling codes nearby) and a short default
list. Context words decide the rest: "phone", "call me", "fax" make a number that fits no
numbering plan still a likely phone; "order", "invoice", "card" make a valid one unlikely.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

import phonenumbers
from phonenumbers.phonemetadata import PhoneMetadata

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import (
    ContextWords,
    PiiDetector,
    digits_of,
    starts_with,
)
from mantlet.detectors.pii.credit_card import luhn_valid
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

# Numbers are checked against many regions' metadata patterns, more than `re`'s own cache
# holds: keep them compiled (bounded by the fixed metadata) instead of recompiling.
phonenumbers.enable_pattern_cache()

_CANDIDATE = (
    starts_with("[+(0-9]", r"[\w+./-]") + r"(?<![0-9][,:].)[0-9 ().-]{5,23}[0-9]"
    r"(?:[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5})?"
    r"(?![\w/]|[.,:-][0-9])"
)
_EXTENSION_RE = re.compile(r"[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5}$")
# Numbers of other kinds, one regex for all (a candidate is none of them or not a phone).
_OTHER_NUMBER_RE = re.compile(
    "|".join(
        (
            # a date, maybe with a time after it: "2023-04-03 01"
            r"^(?:[0-9]{1,2}[.-][0-9]{1,2}[.-](?:19|20)[0-9]{2}"
            r"|(?:19|20)[0-9]{2}[.-][0-9]{1,2}[.-][0-9]{1,2})",
            r"^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$",  # an IPv4 address
            r"^[0-9]{3}-[0-9]{2}-[0-9]{4}$",  # a US SSN
            r"^[0-9]{5}-[0-9]{4}$",  # a US ZIP+4
            r"^[0-9]+\.[0-9]+$",  # a decimal number
            r"^(?:(?:19|20)[0-9]{2}[ -]?){2,}$",  # years
        )
    )
)
_NANP_SHAPE_RE = re.compile(r"^(?:\([0-9]{3}\) ?|[0-9]{3}[ .-])[0-9]{3}[.-][0-9]{4}$")
_RUN_BEFORE_RE = re.compile(r"[0-9] $")
_RUN_AFTER_RE = re.compile(r" [0-9]")
_GROUPS_RE = re.compile(r"[0-9]+")
_BAD_SEPARATORS_RE = re.compile(r"[ .-]{2,}|\(\s*\)|[.-] |  ")
_STREET_AFTER_RE = re.compile(
    r",? +(?:[\w'.-]+ +){0,3}(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|close|way|court|ct"
    r"|place|pl|square|sq|boulevard|blvd|parkway|highway|hwy|terrace|rue|via|calle|strasse|straße"
    r"|gasse|weg|plein|laan|vej|gatan|gate|utca|ulica|suite|apt)\b",
    re.IGNORECASE,
)
_UNIT_BEFORE_RE = re.compile(
    r"(?:apt|apartment|suite|unit|box|flat|floor|no|house)\.? *$", re.IGNORECASE
)

TRUNK_PREFIX_REGIONS = ("GB", "DE", "FR", "AU", "IT", "ES", "NL", "BE", "CH", "SE", "AT")
NO_TRUNK_REGIONS = ("US", "IN")


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("(") <= 1


@register
class PhoneDetector(PiiDetector):
    """Phone numbers, international and national, scored by validity and context."""

    name = "pii_phone"
    labels = ("PHONE",)
    patterns = (Pattern("phone", _CANDIDATE),)
    context_words = ContextWords(
        raising=(
            "phone",
            "telephone",
            "tel",
            "mobile",
            "cell",
            "cellphone",
            "fax",
            "desk",
            "office",
            "call",
            "calling",
            "called",
            "dial",
            "sms",
            "text me",
            "whatsapp",
            "contact",
            "reach me",
            "answering",
            "voicemail",
            "message",
            "messages",
            "hotline",
            "landline",
            "ring",
            "phone number",
            "tél",
            "telefon",
            "handy",
            "móvil",
            "cellulare",
            "numéro",
            "téléphone",
            "portable",
            "teléfono",
            "telefono",
            "número",
            "rufnummer",
            "nummer",
            "my number",
            "his number",
            "her number",
            "your number",
            "our number",
            "their number",
        ),
        lowering=(
            "order",
            "invoice",
            "tracking",
            "isbn",
            "card",
            "credit",
            "account",
            "iban",
            "ssn",
            "social security",
            "serial",
            "version",
            "id",
            "reference",
            "ref",
            "transaction",
            "zip",
            "postcode",
            "postal",
            "population",
            "price",
            "total",
            "amount",
            "usd",
            "eur",
            "$",
            "€",
            "cpf",
            "dni",
            "aadhaar",
            "passport",
            "license",
            "licence",
            "driver's",
            "drivers",
            "patent",
            "case",
            "ticket",
            "build",
            "page",
            "pages",
            "year",
            "years",
        ),
    )
    examples = (
        "Can someone call me on +44 20 7946 0958? Thanks",
        "Phone: (602) 272-9781",
        "They're not answering at 0680 298 70 63",
        "fax: +41 (0)71 526 99 04",
    )
    counterexamples = (
        "order number 5403926876 shipped",
        "the population grew from 1990 2000 2010",
        "see pages 123-456 and 789",
        "released 2021-03-04, server 192.168.1.10",
        "my SSN is 078-05-1121",
        "random 1234567",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            start, end = m.match.span()
            candidate = m.text
            if candidate.startswith("(") and candidate.count("(") > candidate.count(")"):
                candidate, start = candidate[1:], start + 1  # "(555-123-4567)": an aside
            scored = self._score(candidate, m)
            if scored is None:
                continue
            score, reason = scored
            span = m.view.to_original(start, end)
            yield self.finding(document, span, "PHONE", score, Severity.MEDIUM, reason=reason)

    def _score(self, candidate: str, m: Match) -> tuple[float, str] | None:
        body = _EXTENSION_RE.sub("", candidate) if "x" in candidate else candidate
        if body[0] in "+(" and not (body[1].isdigit() or body[:2] == "+("):
            return None
        digits = digits_of(body)
        if not 7 <= len(digits) <= 15 or not _balanced(body):
            return None
        if body.isdigit() and len(body) >= 12 and luhn_valid(body):
            return None  # a card number: the card detector's
        if _BAD_SEPARATORS_RE.search(body) or _OTHER_NUMBER_RE.match(body):
            return None
        international = body.startswith(("+", "00"))
        groups = _GROUPS_RE.findall(body.replace("(0)", ""))
        if len(groups) > 6 or _inside_number_run(m):
            return None  # a hex dump, a table of numbers, a longer run of digit groups
        if not international and sum(1 for g in groups if len(g) == 1) > 1:
            return None
        if _looks_like_street_address(m):
            return 0.15, "house number of a street address"
        separated = len(groups) > 1
        signal = self.context_signal(m)
        if international:
            number = "+" + body[2:] if body.startswith("00") else body
            valid, possible = _check(number, None)
            score = 0.95 if valid else 0.65 if possible else 0.3
            reason = "international phone number"
        elif signal < 0 or (not separated and signal == 0):
            # Validation cannot lift these over the threshold: skip its cost.
            return (0.1 if signal < 0 else 0.2), "phone-shaped number"
        else:
            valid = any(
                _check(body, region)[0]
                for region in _regions(m, len(digits))
                if _may_be_valid(digits, region)
            )
            score = (
                (0.6 if valid and len(digits) > 8 else 0.4 if valid else 0.3) if separated else 0.4
            )
            if _NANP_SHAPE_RE.match(body):
                score = max(score, 0.55)  # (555) 555-1234: the shape alone says phone
            reason = "phone number"
        if signal > 0:
            score = max(score, 0.9 if valid else 0.75 if separated or len(digits) <= 11 else 0.5)
        elif signal < 0:
            score -= 0.4
        return score, reason


def _inside_number_run(m: Match) -> bool:
    text = m.view.text
    start, end = m.match.span()
    return bool(
        _RUN_BEFORE_RE.search(text, max(0, start - 2), start) or _RUN_AFTER_RE.match(text, end)
    )


def _looks_like_street_address(m: Match) -> bool:
    text = m.view.text
    start, end = m.match.span()
    if _STREET_AFTER_RE.match(text, end, min(len(text), end + 48)):
        return True
    return _UNIT_BEFORE_RE.search(text, max(0, start - 12), start) is not None


def _regions(m: Match, length: int) -> tuple[str, ...]:
    """Regions to try for a national number: a trunk `0` rules out North America and India."""
    body = m.text.lstrip("(")
    if length == 11 and body.startswith("1"):
        return ("US",)
    return TRUNK_PREFIX_REGIONS if body.startswith("0") else NO_TRUNK_REGIONS


# The number types `is_valid_number_for_region` tries: a valid number matches one of them.
_NUMBER_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


class _Plan(NamedTuple):
    """What of a region's metadata can tell a national number invalid without parsing it."""

    general: re.Pattern[str]  # every valid national significant number fully matches it
    lengths: frozenset[int]  # and has one of these lengths
    # and fully matches one type's pattern, with one of its lengths where it lists any
    types: tuple[tuple[frozenset[int], re.Pattern[str]], ...]
    country_code: str
    international_prefix: re.Pattern[str]
    national_prefix: re.Pattern[str] | None


@cache
def _plan(region: str) -> _Plan | None:
    """None where parsing may rewrite digits (a transform rule) or the metadata is partial."""
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.national_prefix_transform_rule is not None:
        return None
    general = metadata.general_desc
    if general is None or not general.possible_length or not general.national_number_pattern:
        return None
    code = metadata.country_code
    if code is None or phonenumbers.region_code_for_country_code(code) != region:
        return None  # parsing would switch to the metadata of the code's main region
    types = tuple(
        (frozenset(desc.possible_length), re.compile(desc.national_number_pattern))
        for desc in (getattr(metadata, name) for name in _NUMBER_TYPES)
        if desc is not None and desc.national_number_pattern
    )
    prefix = metadata.national_prefix_for_parsing
    return _Plan(
        re.compile(general.national_number_pattern),
        frozenset(general.possible_length),
        types,
        str(code),
        re.compile(metadata.international_prefix or "NonMatch"),
        re.compile(prefix) if prefix else None,
    )


def _may_be_valid(digits: str, region: str) -> bool:
    """False when no parse of these digits can be valid in `region`, so parsing can be skipped.
    Without an international prefix, parsing at most takes the region's country code off the
    front and the national prefix (twice), and a valid number's rest matches the region's
    general pattern and one number type's, with their lengths: try each such rest."""
    plan = _plan(region)
    if plan is None or plan.international_prefix.match(digits):
        return True
    heads = [digits]
    if digits.startswith(plan.country_code):
        heads.append(digits[len(plan.country_code) :])
    for head in heads:
        for _ in range(3):
            if _fits(head, plan):
                return True
            prefix = plan.national_prefix.match(head) if plan.national_prefix else None
            if prefix is None or not prefix.end():
                break
            head = head[prefix.end() :]
    return False


def _fits(nsn: str, plan: _Plan) -> bool:
    """Whether a national significant number matches the region's patterns as a valid one does."""
    if len(nsn) not in plan.lengths or not plan.general.fullmatch(nsn):
        return False
    return any(
        (not lengths or len(nsn) in lengths) and pattern.fullmatch(nsn)
        for lengths, pattern in plan.types
    )


def _check(number: str, region: str | None) -> tuple[bool, bool]:
    """(valid, possible) for an international number, or for a national one in `region`."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False, False
    if region is not None:  # the region is known: skip the lookup is_valid_number does
        return phonenumbers.is_valid_number_for_region(parsed, region), False
    if phonenumbers.is_valid_number(parsed):
        return True, True
    return False, phonenumbers.is_possible_number(parsed)
