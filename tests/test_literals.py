from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mantlet.literals import Literals

WORDS = ("xxxxx", "012345", "abcdef", "fedcba", "a.b", "é1")
_LITERALS = Literals(WORDS)
_SPEC = re.compile("|".join(re.escape(w) for w in WORDS))


@given(st.text(alphabet=st.sampled_from("xX0123456abcdef.é\ud800 "), max_size=60))
def test_literals_are_found_where_an_alternation_finds_them(text: str) -> None:
    assert _LITERALS.found_in(text) == (_SPEC.search(text) is not None)


def test_literals_without_hyperscan_use_re() -> None:
    literals = Literals(WORDS)
    literals._db = None
    assert literals.found_in("a 012345 b")
    assert not literals.found_in("a 01234 b")
