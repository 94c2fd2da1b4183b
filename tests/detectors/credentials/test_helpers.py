"""The secrets detector's fast helpers against the plain code they replace (their specs)."""

from __future__ import annotations

import math
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.detectors.credentials.format_examples import FORMAT_EXAMPLES

from mantlet.detectors.secrets import FORMATS, generic
from mantlet.detectors.secrets.checksums import shannon_entropy
from mantlet.detectors.secrets.entropy import _last_key
from mantlet.detectors.secrets.format import LEFT, RIGHT, SecretFormat, lead_first

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


# Each format with the tokens of its label's examples, which then stand (whole and cut
# short) after and before token characters, a slash, a colour code or a line break: where
# the boundary that `lead_first` moves decides.
_FORMAT_TOKENS = [
    (fmt, positive.removeprefix("value ").removesuffix(" end"))
    for fmt in FORMATS
    for label, positive, _ in FORMAT_EXAMPLES
    if label == fmt.label
]
_EDGES = st.lists(
    st.sampled_from(
        ["a", "Z", "9", "_", "-", "+", "/", "=", ".", " ", "\n", "\x1b[93m", "\x1b[1m", "[", "m"]
    ),
    max_size=3,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(_FORMAT_TOKENS), _EDGES, _EDGES, st.integers(0, 12))
def test_lead_first_finds_the_same_matches(
    format_token: tuple[SecretFormat, str], before: str, after: str, cut: int
) -> None:
    fmt, token = format_token
    text = before + token[: len(token) - cut] + after + " " + before + token + after
    declared = re.compile(fmt.regex, fmt.flags | re.ASCII)
    faster = re.compile(lead_first(fmt.regex, fmt.flags), fmt.flags | re.ASCII)
    found = [(m.span(), m.groupdict()) for m in declared.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in faster.finditer(text)] == found


def test_lead_first_moves_the_boundary_past_fixed_width_atoms_only() -> None:
    assert lead_first(LEFT + r"ghp_[A-Za-z0-9]{36}").startswith("ghp_(?:(?<!")
    assert lead_first(LEFT + r"(?:AKIA|ASIA)[A-Z0-9]{16}").startswith("(?:AKIA|ASIA)(?:(?<!")
    assert lead_first(LEFT + r"xox[abp]-\d+").startswith("xox[abp]-(?:(?<!")
    assert lead_first(LEFT + r"ab?c").startswith("a(?:(?<!")  # `b?` varies
    for unchanged in (LEFT + r"[a-f0-9]{32}", LEFT + r"(?:ab|c)d", LEFT + r"(x)y", "abc"):
        assert lead_first(unchanged) == unchanged
    assert lead_first(LEFT + "a b", re.VERBOSE) == LEFT + "a b"


# Rows written in a faster form, and the form they had: the same matches.
_REWRITTEN = {
    "PRIVATE_KEY": r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----END))*"
    r"(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\Z)",
    "ATLASSIAN_PAT": r"(?<![A-Za-z0-9+_\-])(?:[MNO][DTjz][A-Za-z0-9]{2}){4}[A-Za-z0-9]{28}" + RIGHT,
    "X_BEARER_TOKEN": LEFT + r"A{18,}[A-Za-z0-9%]{40,}" + RIGHT,
}
_PIECES = st.lists(
    st.sampled_from(
        [
            *(token for fmt, token in _FORMAT_TOKENS if fmt.label in _REWRITTEN),
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----END RSA PRIVATE KEY-----",
            "-----END",
            "-",
            "--",
            "MIIEow",
            "\n",
            "MDTa",
            "AAAAAAAA",
            "x9",
            " ",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PIECES)
def test_rewritten_rows_find_what_their_old_form_found(text: str) -> None:
    for label, old_regex in _REWRITTEN.items():
        (fmt,) = [f for f in FORMATS if f.label == label and f.regex[:10] == old_regex[:10]]
        old = re.compile(old_regex, re.ASCII)
        new = re.compile(lead_first(fmt.regex), re.ASCII)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


# Generic rules with the key tail they had (lazy, the operator tried after each character).
_LAZY_TAIL = r"[A-Za-z0-9_.\-]{0,30}?"
_key_lines = st.lists(
    st.sampled_from(["pass", "Secret", "API", "key", "x", "_", ".", "9", "-", ">", "->"])
    | st.sampled_from(["=", ":", " is ", "'", '"', "&quot;", "(", ",", " ", "\t", "--", "\n"])
    | st.sampled_from(["abcdefghij", "ABCDEFGHIJ0123456789"]),
    max_size=20,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_key_lines)
def test_key_tail_matches_as_the_lazy_tail_did(text: str) -> None:
    for pattern in generic.PATTERNS:
        if generic._KEY_TAIL in pattern.regex:
            lazy = re.compile(pattern.regex.replace(generic._KEY_TAIL, _LAZY_TAIL), re.ASCII)
            expected = [(m.span(), m.groupdict()) for m in lazy.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in pattern.compiled.finditer(text)] == expected
