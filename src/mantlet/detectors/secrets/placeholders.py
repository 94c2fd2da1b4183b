"""Values that sit where a secret would but are not one: templates, examples, masks,
references to variables or the environment, and plain words."""

from __future__ import annotations

import re
import string

_PLACEHOLDER_WORDS = frozenset(
    [
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "key",
        "changeme",
        "change_me",
        "changeit",
        "placeholder",
        "example",
        "sample",
        "dummy",
        "redacted",
        "removed",
        "hidden",
        "masked",
        "none",
        "null",
        "nil",
        "undefined",
        "true",
        "false",
        "yes",
        "no",
        "empty",
        "string",
        "str",
        "int",
        "required",
        "optional",
        "default",
        "value",
        "your_password",
        "yourpassword",
        "your-password",
        "mypassword",
        "my_password",
        "mysecret",
        "your_secret",
        "your_token",
        "yourtoken",
        "your_api_key",
        "your-api-key",
        "yourapikey",
        "api-key",
        "secret_key",
        "secretkey",
        "access_key",
        "insert_here",
        "todo",
        "tbd",
        "fixme",
        "test",
        "xxx",
        "n/a",
        "na",
        "unknown",
        "notset",
        "not_set",
        "unset",
        "test123",
        "password123",
        "admin",
        "root",
        "user",
        "username",
        "foo",
        "bar",
        "baz",
        "qwerty",
        "letmein",
        "hunter2x",
        "abc123",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "0000",
        "00000000",
        "secret123",
    ]
)
_TEMPLATE_RE = re.compile(
    r"""^(?:
        \$\{[^}]*\}? | \$\([^)]*\)? | \$[A-Za-z_][A-Za-z0-9_]* | \{\{.*\}\}? | \{[A-Za-z_][A-Za-z0-9_.\-]*\}
      | %[sdr] | %\([A-Za-z0-9_]+\)[sd] | %[A-Za-z_][A-Za-z0-9_]*% | <[^<>]{1,60}> | \[[^\[\]]{1,40}\]
      | \#\{[^}]*\} | @[A-Za-z_][A-Za-z0-9_.]*@ | __[A-Z0-9_]+__ | \$[0-9]
    )""",
    re.VERBOSE,
)
# Runs of one masking character (****, xxxx, ....) or obvious fillers.
_MASK_RE = re.compile(r"^(?:[*x•.#_\-?]{3,}|(.)\1{5,})$", re.IGNORECASE)
# Whole values that are hex numbers, encrypted, e-mail or URL.
_MASK_WHOLE_RE = re.compile(
    r"0x[0-9a-fA-F]+$|ENC\(|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[a-z]{2,}$|[a-z][a-z0-9+.\-]*://"
)
# Anywhere in a value: printf / format-string holes (filled in at run time) and masks. Each
# alternative starts with a literal, so `re` skips to those characters; `in` tests for each
# mask cost more. (The whole-value checks stay apart: with them, `re` tried every
# alternative at every character.)
_HOLE_OR_MASK_RE = re.compile(
    r"%[-+ 0#]?\d*[sdifrx]|%\([A-Za-z_]+\)|\{\d*\}|\$\{|\*\*\*|xxxx|XXXX|\.\.\.|••"
)
_WORDS_INSIDE = (
    "password",
    "passwd",
    "secret",
    "token",
    "fake",
    "dummy",
    "example",
    "sample",
    "placeholder",
)
_PLACEHOLDER_PART_RE = re.compile(
    r"(?i)(?:^|[_\-\s.])(?:your|my|enter|insert|put|replace|example|sample|dummy|placeholder|"
    r"changeme|fake|redacted|xxx+|todo)(?:[_\-\s.]|$)"
)
_CODE_REFERENCE_RE = re.compile(
    r"""^(?:
        (?:self|this|cls|os|env|config|conf|cfg|settings|process|params|args|options|opts|request|req|ctx|context|secrets?|vault|data|props|System|sys|app|credentials?)
            (?:\.|\[|->|::)
      | [A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?:\(|$|\[)
      | [A-Za-z_][A-Za-z0-9_.]*\(
      | [A-Za-z_][A-Za-z0-9_]*\[
      | (?:new|await|function|lambda|def|return)\b
    )""",
    re.VERBOSE,
)
# Names of variables rather than literal values: snake_case, CONSTANT_CASE, camelCase words.
_IDENTIFIER_RE = re.compile(
    r"^(?:[a-z]+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+|_+[a-z][a-z0-9_]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)$"
)


def is_placeholder(value: str) -> bool:
    """Templates, masks, example words and empty-ish values."""
    stripped = value.strip().strip("\"'`")
    if len(stripped) < 3:
        return True
    lowered = stripped.lower()
    if lowered in _PLACEHOLDER_WORDS:
        return True
    if _TEMPLATE_RE.match(stripped) or _MASK_RE.match(stripped):
        return True
    if _MASK_WHOLE_RE.match(stripped) or _HOLE_OR_MASK_RE.search(stripped):
        return True
    if stripped.isalpha() and any(word in lowered for word in _WORDS_INSIDE):
        return True  # somefancypassword, fakeaccesstoken
    return bool(_PLACEHOLDER_PART_RE.search(stripped))


def is_code_reference(value: str) -> bool:
    """An unquoted value that names a variable, attribute, call or environment lookup."""
    return bool(_CODE_REFERENCE_RE.match(value) or _IDENTIFIER_RE.match(value))


_ASCII_LOWER = frozenset(string.ascii_lowercase)
_ASCII_UPPER = frozenset(string.ascii_uppercase)
_ASCII_DIGITS = frozenset(string.digits)
_ASCII_ALNUM = _ASCII_LOWER | _ASCII_UPPER | _ASCII_DIGITS


def character_classes(value: str) -> int:
    """How many of lower case, upper case, digits and symbols a value uses; word
    separators (`_`, `-`, `.`) count as symbols only beside digits or other symbols."""
    if value.replace("_", "").replace("-", "").replace(".", "").isalpha():
        return 1  # words, whatever their case
    if value.isascii():  # the common case, in set operations: 3x faster
        chars = set(value)
        return (
            (not chars.isdisjoint(_ASCII_LOWER))
            + (not chars.isdisjoint(_ASCII_UPPER))
            + (not chars.isdisjoint(_ASCII_DIGITS))
            + (not chars <= _ASCII_ALNUM)
        )
    lower = any(c.islower() for c in value)
    upper = any(c.isupper() for c in value)
    digit = any(c.isdigit() for c in value)
    other = any(not c.isalnum() for c in value)
    return lower + upper + digit + other
