from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mantlet.detectors.pii._context import _Words

WORDS = ("phone", "phone number", "my number", "tel", "$", "€", "id")
_WORDS = _Words(WORDS)
# The spec: longest word first, not glued to letters, digits or `_` on either side.
_SPEC = re.compile(
    "(?<![a-z0-9_])(?:"
    + "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))
    + ")(?![a-z0-9_])"
)
context_text = st.lists(
    st.sampled_from(["phone", "number", "my", "tel", "$", "€", "id", " ", "x", "1", "_", "é"]),
    max_size=16,
).map("".join)


@given(context_text)
def test_context_words_are_found_where_the_spec_finds_them(text: str) -> None:
    spans = [m.span() for m in _SPEC.finditer(text)]
    assert _WORDS.last_end(text) == (spans[-1][1] if spans else None)
    assert _WORDS.first_start(text) == (spans[0][0] if spans else None)
