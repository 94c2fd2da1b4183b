from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mantlet.runs import char_bytes, long_runs, marks, run_table


@given(
    st.text(alphabet=st.sampled_from("ab1 -é\xff\u2019\U0001f600\ud800"), max_size=60),
    st.integers(0, 5),
)
def test_long_runs_are_what_a_run_regex_finds(text: str, pos: int) -> None:
    marked = marks(text, run_table("ab1-"))
    assert char_bytes(text).translate(run_table("ab1-")) == marked
    expected = [m.span() for m in re.compile(r"[ab1\-]{3,}").finditer(text, pos)]
    assert list(long_runs(marked, 3, pos)) == expected
