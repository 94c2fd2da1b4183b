"""Generic credentials: `password = "..."`, `api_key: ...`, `--token X`, `<password>..`,
`IDENTIFIED BY '...'` in code, config, env files, YAML, JSON, XML, SQL and shell lines.

A rule finds a key and an operator; the value after it is read by `values.read_value`
and judged by how strongly the key names a secret and how much the value looks like one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from mantlet.detectors.secrets.checksums import has_filler, shannon_entropy
from mantlet.detectors.secrets.keys import KeyKind, classify_key, key_parts
from mantlet.detectors.secrets.placeholders import (
    character_classes,
    is_code_reference,
    is_placeholder,
)
from mantlet.detectors.secrets.values import Value, read_value
from mantlet.patterns import Pattern

_KEY_WORDS = r"(?:pas|pw|psw|pss|secret|token|key|auth|cred|salt|nonce|bearer|api|sig)"
_KEYWORDS = (
    "pas",
    "pw",
    "psw",
    "pss",
    "secret",
    "token",
    "key",
    "auth",
    "cred",
    "salt",
    "nonce",
    "bearer",
    "api",
    "sig",
)
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-$@ ")
# Longer values under a secret name are encrypted or encoded blobs (sealed secrets, KMS
# ciphertext, certificates), not credentials; known formats still catch long tokens.
MAX_GENERIC_VALUE = 256
_WORD_OPERATORS = frozenset({"is", "was", "are"})


@dataclass(frozen=True, slots=True)
class GenericRule:
    name: str
    regex: str
    keywords: tuple[str, ...]
    kind: KeyKind | None = None  # None: judged from the key name
    near_ends: bool = False  # see Pattern.near_ends
    lowered: str | None = None  # see Pattern.lowered
    first_words: tuple[str, ...] = ()  # see Pattern.first_words


# The secret words, factored and led by a look-ahead on their first letters, so that
# Python's regex engine skips most positions cheaply (3x faster than a plain alternation).
_SECRET_WORDS = r"(?:p(?:as|w|s[sw])|s(?:ecret|alt|ig)|token|key|a(?:uth|pi)|cred|nonce|bearer)"
_KEY_START = r"(?=[pstkacnbPSTKACNB])" + _SECRET_WORDS
# The rest of the key: up to 30 key characters, taken at once (possessive), stopping before
# a `->`. The same as the lazy `[A-Za-z0-9_.\-]{0,30}?` before each rule's operator, whose
# characters are not key characters but for the `-` of `->`: `re` tried the operator after
# every character of the key, and again on failure.
_KEY_TAIL = r"(?:[A-Za-z0-9_.]|-(?!>)){0,30}+"
_ASSIGNMENT_OP = (
    r"(?:[\"'\]\\)]|&quot;){0,3}[ \t]{0,4}"
    r"(?P<op>:=|=>|->|!==|===|!=|==|=|:|,[ \t]{0,8}(?=[\"'])|\((?=[\"'])"
    r"|[ \t]{1,8}(?:is|was|are)[ \t]{1,8}|[ \t]{1,8}(?=[\"']))[ \t]{0,4}"
)

RULES: tuple[GenericRule, ...] = (
    GenericRule(
        "assignment",
        r"(?i)" + _KEY_START + _KEY_TAIL + _ASSIGNMENT_OP,
        _KEYWORDS,
        near_ends=True,  # `re` tries every p, s, t, k, a, c, n, b: 0.03 ms per 1 KB
        # The same for lower-cased text: led by the words themselves, which `re` skips to.
        lowered=_SECRET_WORDS + _KEY_TAIL.replace("A-Za-z", "a-z") + _ASSIGNMENT_OP,
        first_words=_KEYWORDS,  # the words `_SECRET_WORDS` factors
    ),
    GenericRule(
        "command_line_flag",
        # The dash comes first (its look-behind after it) so `re` jumps from dash to dash.
        r"(?i)-(?<![A-Za-z0-9_\-]-)-?[A-Za-z0-9_.\-]{0,20}?"
        + _KEY_START
        + _KEY_TAIL
        + r"(?P<op>[ \t]{1,8}|=)",
        _KEYWORDS,
    ),
    GenericRule(
        "sql_password",
        r"\bPASSWORD[ \t]+(?P<op>)(?=[A-Za-z0-9])",
        ("password",),
        KeyKind.PASSWORD,
    ),
    GenericRule(
        "authorization_header",
        r"(?i)\b(?:proxy-)?authorization[\"']?[ \t]*[:=][ \t]*[\"']?"
        r"(?:basic|bearer|ntlm|negotiate|token|digest|apikey|sso-key)[ \t]+",
        ("authorization",),
        KeyKind.SECRET,
    ),
    GenericRule(
        "bearer_token",
        r"(?i)(?<![A-Za-z0-9_])bearer[ \t]+(?=[A-Za-z0-9\-._~+/]{16,})",
        ("bearer",),
        KeyKind.SECRET,
    ),
    GenericRule(
        "password_for_account",
        r"(?i)(?<![A-Za-z0-9_])(?:password|passwd|passphrase|pwd|pw)[ \t]+for[ \t]+(?:the[ \t]+)?"
        r"[A-Za-z0-9_.@\-]{1,40}(?:[ \t]+(?:account|user))?[ \t]*(?::|=|[ \t]is[ \t])[ \t]*",
        ("password", "passwd", "passphrase", "pwd", "pw"),
        KeyKind.PASSWORD,
    ),
    GenericRule(
        "sql_identified_by",
        r"(?i)\bidentified[ \t]+(?:with[ \t]+[A-Za-z0-9_]+[ \t]+)?by[ \t]+(?:password[ \t]+)?",
        ("identified",),
        KeyKind.PASSWORD,
    ),
    GenericRule(
        "powershell_secure_string",
        r"(?i)ConvertTo-SecureString[ \t]+(?:-(?:String|AsPlainText|Force)[ \t]+)*(?:\\?[\"'])?",
        ("convertto-securestring",),
        KeyKind.PASSWORD,
    ),
    GenericRule(
        "basic_user_password",
        r"(?<![A-Za-z0-9_\-])(?:-u|--user)[ \t]+[\"']?[A-Za-z0-9_.\-]+:(?=[^\s\"'])",
        ("-u",),
        KeyKind.PASSWORD,
    ),
    GenericRule(
        "xml_element",
        r"(?i)<(?P<tag>[A-Za-z0-9_:.\-]*" + _KEY_WORDS + r"[A-Za-z0-9_:.\-]*)(?:[ \t][^<>]*)?>"
        r"(?P<value>[^<>\s]{3,})</(?P=tag)>",
        _KEYWORDS,
    ),
    GenericRule(
        "xml_key_value",
        r"(?i)\b(?:key|name)[ \t]*=[ \t]*\"(?P<key>[^\"<>]*" + _KEY_WORDS + r"[^\"<>]*)\""
        r"[ \t]+value[ \t]*=[ \t]*\"(?P<value>[^\"]+)\"",
        ("value",),
    ),
)
PATTERNS: tuple[Pattern, ...] = tuple(
    Pattern(
        f"generic:{r.name}",
        r.regex,
        0,
        r.keywords,
        near_ends=r.near_ends,
        lowered=r.lowered,
        first_words=r.first_words,
    )
    for r in RULES
)
_BY_NAME = {f"generic:{r.name}": r for r in RULES}


class GenericHit(NamedTuple):
    """What a generic rule found: the value's span in the view, its label and score."""

    start: int  # span of the value in the view
    end: int
    label: str
    score: float


def evaluate(pattern_name: str, text: str, match: re.Match[str]) -> GenericHit | None:
    """Judge one rule match on a view's text: the value's span, label and score."""
    rule = _BY_NAME[pattern_name]
    groups = match.re.groupindex
    if "value" in groups:
        value = Value(match.start("value"), match.end("value"), match.group("value"), True)
        key = match.group("key") if "key" in groups else match.group("tag")
    else:
        found = read_value(text, match.end())
        if found is None:
            return None
        value = found
        key = match.group()
        if not key.startswith("-"):  # a flag is its own key
            key = _key_before(text, match.start()) + key
    name = _key_name(key)
    kind = rule.kind if rule.kind is not None else classify_key(name)
    if kind is KeyKind.NONE:
        return None
    op = (match.group("op") if "op" in groups else "=").strip()
    if op in (",", "(") and any(q in match.group() for q in "\"'"):
        return None  # `"name", "value"` is two strings, not a call with a secret name
    if op == "(" and not _is_setter(name):
        return None  # `hash_pw("x")`, `pw.encode("utf8")`: the argument is not the secret
    score = _score(kind, value, op, key, name)
    if score <= 0.0:
        return None
    label = "GENERIC_PASSWORD" if kind is KeyKind.PASSWORD else "GENERIC_SECRET"
    return GenericHit(value.start, value.end, label, score)


_SETTER_VERBS = frozenset({"set", "with", "use", "put", "add", "update", "change", "login"})


def _is_setter(key: str) -> bool:
    """`setPassword("x")`, `withApiKey("x")`, SQL `PASSWORD("x")`: a call that takes the secret."""
    parts = key_parts(key.rsplit(".", 1)[-1])  # the method, not its object
    if len(parts) == 1:
        return classify_key(parts[0]) is not KeyKind.NONE
    return bool(parts) and parts[0] in _SETTER_VERBS


def _key_before(text: str, start: int) -> str:
    """The rest of the key name before the matched secret word (`db_` of `db_password`)."""
    i = start
    while i > 0 and start - i < 40 and text[i - 1] in _KEY_CHARS and text[i - 1] != " ":
        i -= 1
    # One word before, across a single space: "Secret Key:", "API Secret:".
    if i == start and i >= 2 and text[i - 1] == " " and text[i - 2].isalpha():
        j = i - 1
        while j > 0 and i - j < 21 and text[j - 1].isalpha():
            j -= 1
        return text[j:start]
    return text[i:start]


_KEY_END_RE = re.compile(r"[\"'\]\\)&:=,(<>]|\s(?:is|was|are)\s|\s+-")


def _key_name(raw: str) -> str:
    """The key part of a match: up to the first quote, bracket or operator."""
    return _KEY_END_RE.split(raw.strip(), maxsplit=1)[0]


def _score(kind: KeyKind, value: Value, op: str, key: str, name: str) -> float:
    """How much `value` looks like a secret under a key `name` of this kind (0: not at all).
    The entropy is computed only where a rule reads it: most passwords mix classes."""
    v = value.text.strip()
    if not v or is_placeholder(v) or has_filler(v):
        return 0.0
    if not value.quoted:
        if is_code_reference(v):
            return 0.0
        # A bare value after whitespace only: a command-line flag (`--password X`) or an
        # upper-case PASSWORD keyword as in SQL (`WITH LOGIN PASSWORD X`).
        bare_ok = key.lstrip().startswith("-") or name.strip() == "PASSWORD"
        if op == "" and not bare_ok:
            return 0.0
    elif op == "" and not (key.lstrip().startswith("-") or kind is KeyKind.PASSWORD):
        return 0.0
    if len(v.split(None, 1)) > 1 or len(v) > MAX_GENERIC_VALUE:  # whitespace inside
        return 0.0
    classes = character_classes(v)
    natural = op.lower() in _WORD_OPERATORS
    if kind is KeyKind.PASSWORD:
        if len(v) < 4 or (v.isdigit() and len(v) < 8):
            return 0.0
        if natural and (classes < 2 or len(v) < 6):
            return 0.0
        if classes >= 2:
            return 0.85
        if len(v) >= 16 and shannon_entropy(v) >= 3.8:
            return 0.75  # long and random, if of one character class
        return 0.3  # one character class: a word, not a password
    if kind is KeyKind.SECRET:
        if len(v) < 8:
            return 0.0
        entropy = shannon_entropy(v)
        if classes >= 2 and entropy >= 2.5:
            return 0.8
        return 0.55 if value.quoted and len(v) >= 16 and entropy >= 3.0 else 0.3
    # A weak key (`key`, `auth`, `salt`): only a long, random-looking value.
    if len(v) >= 16 and classes >= 2 and shannon_entropy(v) >= 3.5:
        return 0.7
    return 0.2
