from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from mantlet.detectors.pii._context import AFTER, BEFORE, ContextWords

RAISING = ("phone", "phone number", "my number", "tel", "$", "€", "id")
LOWERING = ("number", "id", "order", "my", "$")
# The spec: longest word first, not glued to letters, digits or `_` on either side.
_SPEC = re.compile(
    "(?<![a-z0-9_])(?:"
    + "|".join(re.escape(w) for w in sorted(RAISING, key=len, reverse=True))
    + ")(?![a-z0-9_])"
)
context_text = st.lists(
    st.sampled_from(
        ["phone", "number", "my", "tel", "$", "€", "id", "order", " ", "x", "1", "_", "é", "ID"]
    ),
    max_size=16,
).map("".join)


def _spec_signal(
    raising: Iterable[str], lowering: Iterable[str], text: str, start: int, end: int
) -> int:
    """The signal as first written: each list searched on its own, the word ending nearest
    the candidate before it and the first after it, raising before lowering on equal
    distances."""
    before = text[max(0, start - BEFORE) : start].lower()
    after = text[end : end + AFTER].lower()
    best_distance, best = BEFORE + AFTER + 1, 0
    for words, sign in ((tuple(raising), 1), (tuple(lowering), -1)):
        if not words:
            continue
        spec = re.compile(
            "(?<![a-z0-9_])(?:"
            + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            + ")(?![a-z0-9_])"
        )
        ends = [hit.end() for i in range(len(before)) if (hit := spec.match(before, i))]
        if ends and len(before) - max(ends) < best_distance:
            best_distance, best = len(before) - max(ends), sign
        first = spec.search(after)
        if first is not None and first.start() < best_distance:
            best_distance, best = first.start(), sign
    return best


@settings(max_examples=2000)
@given(context_text, context_text, st.sampled_from(["555 1234", "", "12"]))
def test_the_nearest_context_word_decides_as_the_spec_says(
    before: str, after: str, candidate: str
) -> None:
    text = before + candidate + after
    start, end = len(before), len(before) + len(candidate)
    for raising, lowering in ((RAISING, LOWERING), (RAISING, ()), ((), LOWERING), ((), ())):
        words = ContextWords(raising, lowering)
        assert words.signal(text, start, end) == _spec_signal(raising, lowering, text, start, end)


def test_the_word_ending_nearest_counts_even_inside_a_longer_one() -> None:
    # "b c" starts inside "a b": still the nearest word before the candidate.
    words = ContextWords(raising=("b c",), lowering=("a b",))
    assert words.signal("a b c 555", 6, 9) == 1
    assert ContextWords(raising=("a b",), lowering=("b c",)).signal("a b c 555", 6, 9) == -1
