"""National identifiers other than the US SSN, reported as OTHER with the kind in `reason`.

Each kind is a pattern, a python-stdnum validator (or the official format rules where stdnum
has none, as for the UK NINO), a score without context and the words that confirm it. Kinds
with a weak check (Aadhaar's Verhoeff digit, the DE tax id) are reported only in context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.in_ import aadhaar
from stdnum.it import codicefiscale

from mantlet.detectors.base import Match
from mantlet.detectors.pii._context import ContextWords, PiiDetector, starts_with
from mantlet.findings import Finding, Severity
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document

_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


def nino_valid(value: str) -> bool:
    """UK National Insurance number format rules (HMRC); there is no check digit."""
    compact = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]", compact):
        return False
    return compact[:2] not in _NINO_BAD_PREFIXES


def _stdnum(module: object) -> Callable[[str], bool]:
    def valid(value: str) -> bool:
        return bool(module.is_valid(value))  # type: ignore[attr-defined]

    return valid


@dataclass(frozen=True, slots=True)
class IdKind:
    key: str
    reason: str
    regex: str
    valid: Callable[[str], bool]
    bare_score: float  # score without any context word
    context: ContextWords
    # For Hyperscan, which drops look-arounds: `\b` stands in for "nothing glued on either
    # side", so digit runs inside longer ones (card numbers, keys) are not even candidates.
    prefilter: str | None = None


_N = r"[\w.,/-]"  # nothing glued to the left of a number
_E = r"(?![\w/]|[.,-][0-9])"  # nor on the right

KINDS: tuple[IdKind, ...] = (
    IdKind(
        "gb_nino",
        "UK national insurance number",
        starts_with("[A-CEGHJ-PR-TW-Z]", "[A-Za-z0-9]")
        + r"[A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![A-Za-z0-9])",
        nino_valid,
        0.45,
        ContextWords(
            ("national insurance", "nino", "ni number", "ni no", "insurance number", "hmrc")
        ),
    ),
    IdKind(
        "de_idnr",
        "German tax identification number",
        starts_with("[0-9]", _N) + r"[0-9] ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}" + _E,
        _stdnum(idnr),
        0.2,
        ContextWords(
            (
                "steuer",
                "steuer-id",
                "steuerid",
                "idnr",
                "identifikationsnummer",
                "tax id",
                "tin",
                "steuernummer",
            )
        ),
        r"\b[0-9]{2} ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b",
    ),
    IdKind(
        "fr_nir",
        "French social security number (NIR)",
        starts_with("[12]", _N)
        + r" ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[ABab]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}"
        + _E,
        _stdnum(nir),
        0.6,
        ContextWords(
            (
                "sécurité sociale",
                "securite sociale",
                "sécu",
                "secu",
                "nir",
                "insee",
                "social security",
                "numéro de sécurité",
            )
        ),
    ),
    IdKind(
        "es_dni",
        "Spanish national identity number (DNI)",
        starts_with("[0-9]", _N) + r"[0-9]{7}-?[A-Za-z](?![\w-])",
        _stdnum(dni),
        0.55,
        ContextWords(("dni", "nif", "documento", "identidad", "national id", "id card")),
    ),
    IdKind(
        "es_nie",
        "Spanish foreigner identity number (NIE)",
        starts_with("[XYZxyz]", r"[\w-]") + r"-?[0-9]{7}-?[A-Za-z](?![\w-])",
        _stdnum(nie),
        0.55,
        ContextWords(("nie", "extranjero", "identidad", "national id")),
    ),
    IdKind(
        "it_codice_fiscale",
        "Italian fiscal code (codice fiscale)",
        r"[0-9](?<=[A-Za-z]{6}[0-9])(?<![A-Za-z0-9][A-Za-z]{6}[0-9])[0-9LMNPQRSTUVlmnpqrstuv][A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![A-Za-z0-9])",
        _stdnum(codicefiscale),
        0.9,
        ContextWords(("codice fiscale", "cf", "fiscal code", "tax code")),
    ),
    IdKind(
        "in_aadhaar",
        "Indian Aadhaar number",
        starts_with("[2-9]", _N) + r"[0-9]{3}(?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4}" + _E,
        _stdnum(aadhaar),
        0.3,
        ContextWords(("aadhaar", "aadhar", "adhaar", "uidai", "uid")),
        r"\b[2-9][0-9]{3}(?:[0-9]{4}|[ ][0-9]{4}[ ]|-[0-9]{4}-)[0-9]{4}\b",
    ),
    IdKind(
        "br_cpf",
        "Brazilian individual taxpayer number (CPF)",
        starts_with("[0-9]", _N) + r"[0-9]{2}\.?[0-9]{3}\.?[0-9]{3}-?[0-9]{2}" + _E,
        _stdnum(cpf),
        0.3,
        ContextWords(("cpf", "cadastro de pessoas", "contribuinte")),
        r"\b[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}-?[0-9]{2}\b",
    ),
)
_BY_KEY = {kind.key: kind for kind in KINDS}
_FORMATTED_CPF_RE = re.compile(r"^[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}$")


@register
class NationalIdDetector(PiiDetector):
    """UK NINO, DE tax id, FR NIR, ES DNI/NIE, IT codice fiscale, IN Aadhaar, BR CPF."""

    name = "pii_national_id"
    labels = ("OTHER",)
    patterns = tuple(
        Pattern(kind.key, kind.regex, prefilter=kind.prefilter, near_ends=True) for kind in KINDS
    )
    lead: ClassVar[dict[str, int]] = {"it_codice_fiscale": 6}  # anchored on the year's first digit
    examples = (
        "my national insurance number is JG 10 37 59 A",
        "Steuer-ID: 36574261809",
        "numéro de sécurité sociale 2 95 10 99 126 111 93",
        "DNI 12345678Z",
        "codice fiscale RCCMNL83S18D969H",
        "Aadhaar: 2345 6789 0124",
        "CPF 390.533.447-05",
    )
    counterexamples = (
        "my national insurance number is JG 10 37 59 E",
        "Steuer-ID: 36574261808",
        "DNI 12345678A",
        "codice fiscale RCCMNL83S18D969X",
        "Aadhaar: 2345 6789 0123",
        "CPF 390.533.447-06",
        "order 36574261809 shipped",
    )

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            kind = _BY_KEY[m.pattern.name]
            start, end, value = self.token(m)
            if not kind.valid(value.replace(" ", "").replace("-", "").replace(".", "")):
                continue
            signal = kind.context.signal(m.view.text, start, end)
            score = kind.bare_score
            if kind.key == "br_cpf" and _FORMATTED_CPF_RE.match(value):
                score = 0.7
            if signal > 0:
                score = max(score, 0.92)
            yield self.finding(
                document,
                m.view.to_original(start, end),
                "OTHER",
                score,
                Severity.HIGH,
                reason=kind.reason,
            )
