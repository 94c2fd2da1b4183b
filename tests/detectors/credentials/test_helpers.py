"""The secrets detector's fast helpers against the plain code they replace (their specs)."""

from __future__ import annotations

import math
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from mantlet.detectors.secrets.checksums import shannon_entropy
from mantlet.detectors.secrets.entropy import _last_key

# The last key before a value: a run of key characters from its first letter, then quotes
# and an assignment, up to the end of the text.
LAST_KEY_SPEC = re.compile(
    r"(?<![A-Za-z])([A-Za-z][A-Za-z0-9_.\-]*)[\"'\]]*[ \t]*(?::=|=>|[:=])?[ \t]*[\"'`]?$"
)
key_context = st.lists(
    st.sampled_from([*"aZk_.-19\"'`] \t:=>;,é(/\\", "token", " = ", "=>", ":="]), max_size=20
).map("".join)


@given(key_context)
def test_last_key_is_what_the_regex_finds(before: str) -> None:
    found = LAST_KEY_SPEC.search(before)
    assert _last_key(before) == (found.group(1) if found else "")


@given(st.text(alphabet=st.sampled_from("abcdeABC0123+/="), max_size=80))
def test_shannon_entropy_is_the_sum_over_characters(value: str) -> None:
    n = len(value)
    expected = -sum(c / n * math.log2(c / n) for c in Counter(value).values()) if n else 0.0
    assert shannon_entropy(value) == expected
