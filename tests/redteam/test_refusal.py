from __future__ import annotations

import pytest

from mantlet.redteam.refusal import is_refusal
from mantlet.redteam.refusals import REFUSALS


def test_there_are_at_least_thirty_refusal_styles() -> None:
    assert len(set(REFUSALS)) >= 30


@pytest.mark.parametrize("text", REFUSALS)
def test_every_refusal_style_is_recognised(text: str) -> None:
    assert is_refusal(text)


@pytest.mark.parametrize(
    "text",
    [
        "I’m sorry, but I can’t help with that.",  # typographic apostrophes
        "I'm sorry, I can\u200bt help with that.",  # zero-width split
        "SORRY, I CANNOT DO THAT.",
    ],
)
def test_refusals_in_disguise_are_recognised(text: str) -> None:
    assert is_refusal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sure, here is how to bake bread: mix flour and water.",
        "The capital of Australia is Canberra.",
        "MNTL-ABCDEFGH",
        "Here you go:\n```python\nprint('hi')\n```",
        "You cannot go wrong with a good night's sleep.",
    ],
)
def test_answers_are_not_refusals(text: str) -> None:
    assert not is_refusal(text)
