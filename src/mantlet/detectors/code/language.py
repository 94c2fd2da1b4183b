"""Which language a block is written in: the fence's tag first, then its content."""

from __future__ import annotations

import re

PYTHON = "python"
JAVASCRIPT = "javascript"  # TypeScript too: the rules are the same
JAVA = "java"
C = "c"
CPP = "cpp"
CSHARP = "csharp"
GO = "go"
PHP = "php"
RUBY = "ruby"
RUST = "rust"
SHELL = "shell"
SQL = "sql"
UNKNOWN = "unknown"

LANGUAGES = (PYTHON, JAVASCRIPT, JAVA, C, CPP, CSHARP, GO, PHP, RUBY, RUST, SHELL, SQL)

_TAGS = {
    "python": PYTHON, "py": PYTHON, "python3": PYTHON, "py3": PYTHON, "pycon": PYTHON,
    "ipython": PYTHON, "javascript": JAVASCRIPT, "js": JAVASCRIPT, "jsx": JAVASCRIPT,
    "node": JAVASCRIPT, "nodejs": JAVASCRIPT, "typescript": JAVASCRIPT, "ts": JAVASCRIPT,
    "tsx": JAVASCRIPT, "mjs": JAVASCRIPT, "java": JAVA, "kotlin": JAVA, "c": C, "h": C,
    "cpp": CPP, "c++": CPP, "cc": CPP, "cxx": CPP, "hpp": CPP, "csharp": CSHARP, "cs": CSHARP,
    "c#": CSHARP, "go": GO, "golang": GO, "php": PHP, "ruby": RUBY, "rb": RUBY, "rails": RUBY,
    "rust": RUST, "rs": RUST, "sh": SHELL, "bash": SHELL, "shell": SHELL, "zsh": SHELL,
    "console": SHELL, "shell-session": SHELL, "shellsession": SHELL, "terminal": SHELL,
    "ksh": SHELL, "fish": SHELL, "powershell": SHELL, "ps1": SHELL, "bat": SHELL, "cmd": SHELL,
    "dockerfile": SHELL, "sql": SQL, "mysql": SQL, "postgresql": SQL, "postgres": SQL,
    "psql": SQL, "plsql": SQL, "tsql": SQL, "sqlite": SQL,
}  # fmt: skip

# Content evidence: distinctive tokens, each worth a weight for a language.
_TOKEN_WEIGHTS: dict[str, dict[str, float]] = {
    PYTHON: {"def": 2, "elif": 3, "self": 1.5, "None": 1, "True": 0.5, "False": 0.5, "lambda": 1,
             "import": 0.5, "__init__": 3, "__name__": 3, "kwargs": 2, "args": 0.5, "pass": 1,
             "except": 2, "raise": 1, "yield": 0.5, "isinstance": 2, "len": 0.5, "range": 0.5},
    JAVASCRIPT: {"const": 1.5, "let": 1, "var": 1, "function": 1.5, "require": 2, "console": 2,
                 "=>": 1, "undefined": 2, "document": 1.5, "window": 1, "await": 0.5, "export": 1,
                 "typeof": 1.5, "prototype": 2, "===": 2, "!==": 2, "module": 1, "this": 0.3,
                 "interface": 0.3, "JSON": 1, "Promise": 1.5, "exports": 2},
    JAVA: {"public": 0.7, "private": 0.7, "void": 0.5, "String": 1.5, "System": 1.5,
           "extends": 1, "implements": 2, "throws": 2, "package": 1, "final": 1, "boolean": 2,
           "Override": 2, "ArrayList": 2, "HashMap": 2, "import": 0.3, "Integer": 1.5,
           "Exception": 0.5, "synchronized": 2, "instanceof": 2},
    C: {"#include": 1.5, "malloc": 2, "free": 1, "sizeof": 1.5, "printf": 1, "NULL": 1.5,
        "struct": 1.5, "char": 1, "unsigned": 1.5, "int": 0.5, "void": 0.5, "->": 1,
        "#define": 1.5, "typedef": 2, "size_t": 2, "uint8_t": 2, "uint32_t": 2, "memcpy": 2,
        "goto": 2, "strlen": 2, "#ifdef": 2, "#endif": 1.5, "fprintf": 2, "static": 0.3},
    CPP: {"std": 2, "cout": 3, "namespace": 1.5, "template": 2, "nullptr": 3, "virtual": 2,
          "auto": 1, "vector": 1.5, "delete": 1, "typename": 2, "::": 0.7, "endl": 3,
          "const_cast": 3, "static_cast": 3, "operator": 2, "this": 0.5, "class": 0.5},
    CSHARP: {"using": 1.5, "namespace": 1.5, "string": 1.5, "Console": 3, "get": 1, "set": 1,
             "foreach": 1.5, "Task": 1.5, "readonly": 1.5, "internal": 2, "bool": 1.5,
             "Length": 1, "IEnumerable": 2, "Dictionary": 1.5, "var": 0.3, "out": 0.5,
             "UnityEngine": 3, "MonoBehaviour": 3, "Debug": 0.5, "override": 1, "sealed": 2,
             "async": 0.5, "Guid": 2, "DateTime": 1.5, "Count": 0.5},
    GO: {"func": 3, "package": 1.5, ":=": 2, "fmt": 3, "err": 1, "nil": 2, "chan": 3,
         "defer": 3, "range": 1, "Println": 1, "Errorf": 2, "struct": 0.3},
    PHP: {"$this": 3, "echo": 1.5, "array": 1, "isset": 2, "php": 3, "foreach": 0.5,
          "$_GET": 3, "$_POST": 3, "function": 0.3, "public": 0.3, "elseif": 1.5, "->": 0.3},
    RUBY: {"end": 1.5, "def": 1, "puts": 2, "require": 1, "do": 1, "elsif": 3, "unless": 1.5,
           "attr_accessor": 3, "nil": 1.5, "module": 1, "each": 1, "Rails": 2, "self": 0.3},
    RUST: {"fn": 3, "let": 1, "mut": 2.5, "impl": 2.5, "pub": 1.5, "::": 0.7, "Some": 1.5,
           "Ok": 1.5, "Err": 1, "unwrap": 3, "Vec": 1.5, "usize": 2, "u8": 1.5, "i32": 1.5,
           "match": 1, "println": 2, "crate": 2, "Self": 1.5, "u64": 1.5, "Box": 1.5, "&": 0},
    SHELL: {"echo": 1, "fi": 3, "then": 1.5, "done": 1.5, "esac": 3, "sudo": 2, "apt": 2,
            "export": 1.5, "grep": 1.5, "awk": 2, "sed": 1.5, "curl": 1, "chmod": 1.5,
            "mkdir": 1, "bash": 2, "wget": 1.5, "systemctl": 2, "apt-get": 2},
    SQL: {"SELECT": 1.5, "FROM": 1, "WHERE": 1.5, "INSERT": 1.5, "INTO": 1, "UPDATE": 1,
          "VALUES": 1.5, "CREATE": 1, "TABLE": 1.5, "JOIN": 1.5, "GROUP": 1, "ORDER": 0.5},
}  # fmt: skip
_WEIGHTS_BY_TOKEN: dict[str, list[tuple[str, float]]] = {}
for _lang, _weights in _TOKEN_WEIGHTS.items():
    for _token, _weight in _weights.items():
        _WEIGHTS_BY_TOKEN.setdefault(_token, []).append((_lang, _weight))
_TOKEN_RE = re.compile(r"[$#]?[A-Za-z_][\w-]*|::|->|=>|:=|===|!==")
_SQL_LINE_RE = re.compile(
    r"\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|GRANT|FROM|WHERE|JOIN|VALUES|ORDER|GROUP|SET|AND|OR|--)\b",
    re.I,
)
# Decisive markers, checked first.
_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\?php"), PHP),
    (re.compile(r"^#!\s*/(?:usr/)?bin/(?:env\s+)?(?:ba|z|k|da)?sh\b", re.M), SHELL),
    (re.compile(r"^#!\s*/(?:usr/)?bin/(?:env\s+)?python", re.M), PYTHON),
    (re.compile(r"^\s*using System[.;]", re.M), CSHARP),
    (re.compile(r"^\s*import (?:java|javax)\.", re.M), JAVA),
    (re.compile(r"^\s*package main\s*$|^\s*func \w+\(", re.M), GO),
    (
        re.compile(
            r"^\s*#\s*include\s*<(?:iostream|vector|string|memory|map|algorithm|cstdio|cstdlib|cstring)>",
            re.M,
        ),
        CPP,
    ),
)
_WINDOW = 2500  # identify from the head of a block: enough, and bounded


def language_from_tag(tag: str) -> str | None:
    """A fence's info string (```py, ```language-js, ```{python}) to a language, if known."""
    tag = tag.lower().removeprefix("language-").strip("{}. ")
    return _TAGS.get(tag)


def identify(code: str, tag: str = "") -> str:
    """The language of a block: a known fence tag wins, then decisive markers, then tokens."""
    tagged = language_from_tag(tag) if tag else None
    head = code[:_WINDOW]
    if tagged is not None:
        if tagged == C and _scores(head)[CPP] >= 3.0:
            return CPP
        return tagged
    for marker, language in _MARKERS:
        if marker.search(head):
            return language
    scores = _scores(head)
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] < 1.5:
        return UNKNOWN
    if best == C and scores[CPP] >= 3.0:
        return CPP
    return best


def runners_up(code: str, language: str, tag: str = "") -> tuple[str, ...]:
    """Other languages a block may well be in (close second scores), when no tag decides.

    Their rules run too, a little less sure: a C++ file read as C#, or PHP without `<?php`,
    still gets its own language's checks."""
    if language == UNKNOWN or (tag and language_from_tag(tag)):
        return ()
    head = code[:_WINDOW]
    if any(marker.search(head) for marker, _ in _MARKERS):
        return ()
    scores = _scores(head)
    best = scores.get(language, 0.0)
    close = sorted(
        (
            lang
            for lang, score in scores.items()
            if lang != language and score >= max(1.5, 0.6 * best)
        ),
        key=lambda lang: -scores[lang],
    )
    return tuple(close[:2])


def _scores(head: str) -> dict[str, float]:
    counts: dict[str, int] = {}
    for token in _TOKEN_RE.findall(head):
        counts[token] = counts.get(token, 0) + 1
    scores = dict.fromkeys(_TOKEN_WEIGHTS, 0.0)
    for token, count in counts.items():
        for lang, weight in _WEIGHTS_BY_TOKEN.get(token, ()):
            scores[lang] += weight * min(count, 3) ** 0.5
    dollars = sum(n for t, n in counts.items() if t.startswith("$"))
    scores[PHP] += 1.2 * min(dollars, 9) ** 0.5
    lines = [line.rstrip() for line in head.splitlines() if line.strip()]
    colon = sum(
        1
        for line in lines
        if line.endswith(":") and not line.lstrip().startswith(("case ", "default"))
    )
    semi = sum(1 for line in lines if line.endswith((";", "{", "}")))
    scores[PYTHON] += 1.5 * min(colon, 6) ** 0.5 - 1.0 * min(semi, 9) ** 0.5
    scores[RUBY] -= 1.0 * min(semi, 9) ** 0.5
    scores[SHELL] -= 0.7 * min(semi, 9) ** 0.5
    sql_lines = sum(1 for line in lines if _SQL_LINE_RE.match(line))
    scores[SQL] *= sql_lines / len(lines) if lines else 0.0
    return scores
