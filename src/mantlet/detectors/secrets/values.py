"""Reading the value that follows an assignment: quoted or bare, escaped, HTML-quoted,
or hidden behind an environment lookup with a literal default."""

from __future__ import annotations

import re
from typing import NamedTuple

_BARE_END = frozenset(" \t\r\n,;<>\"'`)]}\\|([")
# A bare value's characters, up to its end or to an `&` that may start the next parameter.
_BARE_RUN_RE = re.compile("[^" + re.escape("".join(sorted(_BARE_END | {"&"}))) + "]*")
_QUOTES = ("&quot;", '\\"', "\\'", '"""', "'''", '"', "'", "`")
_QUOTE_STARTS = frozenset(q[0] for q in _QUOTES)
# Where a quoted value may stop: its closing quote, a backslash escape (one-character quotes
# only) or a line break, found by `re` in C instead of character by character.
_QUOTED_STOP_RE = {
    q: re.compile(re.escape(q) + (r"|\\" if len(q) == 1 else "") + r"|\n") for q in _QUOTES
}
_DEFAULT_ARG_RE = re.compile(
    r"""^[A-Za-z0-9_.\[\]'"]*\(\s*["'][^"'\n]{0,80}["']\s*,\s*(["'])([^"'\n]{1,200})\1\s*\)"""
)
_OR_DEFAULT_RE = re.compile(
    r"""^[^\n;]{0,120}?\)\s*(?:or|\|\||\?\?|\?:)\s*(["'])([^"'\n]{1,200})\1"""
)
_PARAMETER_OR_ENTITY_RE = re.compile(r"&(?:[A-Za-z0-9_.\-]+=|#?[A-Za-z0-9]+;)")
_ANNOTATION_RE = re.compile(r"[ \t]*(?:\?[ \t]*)?=(?!=)[ \t]*")
_TYPE_NAME_RE = re.compile(
    r"^(?:str|string|String|char\*?|bytes|SecureString|Optional\[str\]|[A-Z][A-Za-z]*)$"
)
MAX_VALUE = 400


class Value(NamedTuple):
    """A value read after an operator: its span, its text, and whether it was quoted.
    (Named tuples here and for the hits and candidates: built 3x faster than frozen dataclasses.)"""

    start: int
    end: int
    text: str
    quoted: bool


def read_value(text: str, start: int) -> Value | None:
    """The value beginning at `start` (just after the operator), or None if there is none."""
    if start >= len(text):
        return None
    # String prefixes in Python, C#, C++: b"..", u"..", r"..", @"..", L"..".
    if text[start] in "burfBURFL@" and start + 1 < len(text) and text[start + 1] in "\"'":
        if text[start] in "fF" and "{" in text[start : start + MAX_VALUE].split("\n", 1)[0]:
            return None
        start += 1
    if text[start] in _QUOTE_STARTS:
        for quote in _QUOTES:
            if text.startswith(quote, start):
                return _quoted(text, start + len(quote), quote)
    return _bare(text, start)


def _quoted(text: str, start: int, quote: str) -> Value | None:
    limit = min(len(text), start + MAX_VALUE)
    stop = _QUOTED_STOP_RE[quote]
    i = start
    while True:
        found = stop.search(text, i)
        if found is None or found.start() >= limit:  # no closing quote within reach
            if len(quote) != 3:
                return None
            i = limit
            break
        i = found.start()
        if text.startswith(quote, i):
            break
        if text[i] == "\\":  # an escape (one-character quotes): skip what it escapes
            i += 2
            continue
        if len(quote) == 3:  # a line break in an unclosed block string: take its first line
            break
        return None
    end = min(i, limit)
    return Value(start, end, text[start:end], True) if end > start else None


def _bare(text: str, start: int) -> Value | None:
    limit = min(len(text), start + MAX_VALUE)
    i = _run_end(text, start, limit)
    # An `&` that starts no query parameter or HTML entity is part of the value.
    while i < limit and text[i] == "&" and not _PARAMETER_OR_ENTITY_RE.match(text, i):
        i = _run_end(text, i + 1, limit)
    # A call or lookup whose literal default is the value: getenv("X", "default").
    if i < limit and text[i] in "([":
        rest = text[start : start + 300]
        found = _DEFAULT_ARG_RE.match(rest) or _OR_DEFAULT_RE.match(rest)
        if found:
            offset = start + found.start(2)
            return Value(offset, offset + len(found.group(2)), found.group(2), True)
        return None
    while i > start and text[i - 1] in ".:":  # sentence punctuation
        i -= 1
    # A type annotation (`passwd: str = "..."`, `val password: String = ...`): skip to the value.
    annotated = _ANNOTATION_RE.match(text, i)
    if annotated and _TYPE_NAME_RE.match(text[start:i]):
        return read_value(text, annotated.end())
    return Value(start, i, text[start:i], False) if i > start else None


def _run_end(text: str, start: int, limit: int) -> int:
    """Where a bare value's characters from `start` stop: its end, an `&`, or `limit`."""
    found = _BARE_RUN_RE.match(text, start, limit)
    return found.end() if found is not None else start
