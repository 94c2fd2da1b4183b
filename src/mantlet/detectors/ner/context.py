"""Words just before an entity that say what kind of name it is, whatever the model chose:
"I live in X" is a place, "my name is X" a person, "I work for X" an organization."""

from __future__ import annotations

import re

_LOOK_BACK = 40
_PERSON_BEFORE = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Dame)\.?|my name is|name's|named|called"
    r"|dear|hi|hello|hey|sincerely,?|regards,?|signed,?)\s+$",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:am|'m|is|are|was|were|live|lives|living|lived|based|born|located|up|raised"
    r"|staying|stayed|originally|vacation|holiday|trip)\s+(?:in|from)"
    r"|(?:moved|move|moving|flew|fly|flying|travell?ed|returned|relocated|relocating|welcome"
    r"|trip|drove|driving)\s+(?:back\s+)?to"
    r"|visit|visiting|visited)\s+$",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(
    r"\b(?:(?:work|works|worked|working)\s+(?:for|at)|employed\s+by|employee\s+of|ceo\s+of"
    r"|founder\s+of|joined|(?:company|firm|employer|organi[sz]ation)\s*:?)\s+$",
    re.IGNORECASE,
)
_MIDDLE_INITIAL = re.compile(r"^[A-Z][a-z]+ [A-Z]\.? [A-Z][\w'-]+$")


def label_from_context(text: str, start: int, end: int, label: str) -> str:
    """The entity's label, corrected by a middle initial ("Iva D. Grusová") or by the words
    before it."""
    if _MIDDLE_INITIAL.match(text[start:end]):
        return "PERSON"
    before = text[max(0, start - _LOOK_BACK) : start]
    if _PERSON_BEFORE.search(before):
        return "PERSON"
    if _PLACE_BEFORE.search(before):
        return "LOCATION"
    if _ORG_BEFORE.search(before):
        return "ORG"
    return label
