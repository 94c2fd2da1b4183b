"""Blank out comments (keeping every offset) so pattern rules do not fire on prose such as
`// never use strcpy(buf, src)`. One regex pass that skips string literals."""

from __future__ import annotations

import re

from mantlet.detectors.code.language import (
    CPP,
    CSHARP,
    GO,
    JAVA,
    JAVASCRIPT,
    PHP,
    PYTHON,
    RUBY,
    RUST,
    SHELL,
    SQL,
    C,
)

_STRINGS = r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'"
_SLASH_COMMENTS = r"(?P<c1>//[^\n]*)|(?P<c2>/\*.*?\*/)"
_HASH_COMMENT = r"(?P<c3>(?:(?<=\s)|(?<=^))#(?![!{\[])[^\n]*)"
_DASH_COMMENT = r"(?P<c4>--[^\n]*)"

_LEXERS: dict[str, re.Pattern[str]] = {}
for _langs, _parts in (
    ((C, CPP, JAVA, CSHARP, GO, RUST), (_STRINGS, _SLASH_COMMENTS)),
    ((JAVASCRIPT,), (r"`(?:\\.|[^`\\])*`", _STRINGS, _SLASH_COMMENTS)),
    ((PHP,), (_STRINGS, _SLASH_COMMENTS, _HASH_COMMENT)),
    ((SHELL, RUBY, PYTHON), (_STRINGS, _HASH_COMMENT)),
    ((SQL,), ("'(?:''|[^'])*'", _DASH_COMMENT, r"(?P<c2>/\*.*?\*/)")),
):
    for _lang in _langs:
        _LEXERS[_lang] = re.compile("|".join(_parts), re.DOTALL | re.MULTILINE)


def blank_comments(code: str, language: str) -> str:
    """The code with each comment replaced by spaces (newlines kept): same length, same lines."""
    lexer = _LEXERS.get(language)
    if lexer is None:
        return code

    def blank(m: re.Match[str]) -> str:
        if m.lastgroup is None:  # a string literal: keep it
            return m.group()
        return re.sub(r"[^\n]", " ", m.group())

    return lexer.sub(blank, code)
