"""Context words correct the kind of name the model reported."""

from __future__ import annotations

import pytest

from mantlet.detectors.ner.context import label_from_context


@pytest.mark.parametrize(
    ("text", "value", "model_label", "label"),
    [
        ("Contact Iva D. Grusová today", "Iva D. Grusová", "ORG", "PERSON"),
        ("Please ask Mrs. Yudina about it", "Yudina", "LOCATION", "PERSON"),
        ("Hello, my name is Rubija and I need help", "Rubija", "ORG", "PERSON"),
        ("Right now I am in KAJAANI for work", "KAJAANI", "PERSON", "LOCATION"),
        ("She is originally from Eckenroth", "Eckenroth", "PERSON", "LOCATION"),
        ("Last year we moved to Lordelo", "Lordelo", "ORG", "LOCATION"),
        ("I work for Thinknum these days", "Thinknum", "PERSON", "ORG"),
        ("I talked to John yesterday", "John", "PERSON", "PERSON"),  # no cue: the model decides
        ("Shares of Acme Corp rose", "Acme Corp", "ORG", "ORG"),
    ],
)
def test_context_words_decide_the_kind_of_name(
    text: str, value: str, model_label: str, label: str
) -> None:
    start = text.index(value)
    assert label_from_context(text, start, start + len(value), model_label) == label
