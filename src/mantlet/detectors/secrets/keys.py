"""What a key name says about its value: is `db_password`, `AwsSecretKey` or `api-token`
the name of a secret, and how strongly?"""

from __future__ import annotations

import re
from enum import IntEnum


class KeyKind(IntEnum):
    """How much a key name alone says. Weaker names need more random-looking values."""

    NONE = 0
    WEAK = 1  # key, auth, salt, nonce: a secret only when the value looks random
    SECRET = 2  # secret, token, api key, credential
    PASSWORD = 3  # password, passwd, pwd, passphrase


# password and its abbreviations and misspellings: passwd, pswrd, pasword, passworsd, pwd ...
_PASSWORD_PART_RE = re.compile(
    r"(?:pa?s{1,2}w(?:o?r?s?d|rd)?s?|pwd|pass|passphrase|passcode|passwort)$"
)
_PARTS_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_PASSWORD_ENDINGS = (
    "password",
    "passwd",
    "pass",
    "pwd",
    "pswd",
    "psswd",
    "passphrase",
    "passwort",
    "pssword",
    "passcode",
    "psw",
)
_PASSWORD_WORDS = frozenset({"pw", "pword", "passw", "pin"} | set(_PASSWORD_ENDINGS))
_SECRET_ENDINGS = (
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
    "secretkey",
    "privatekey",
    "accesskey",
)
_SECRET_WORDS = frozenset(
    {"creds", "cred", "pat", "bearer", "authorization", "authtoken", "authentication"}
    | set(_SECRET_ENDINGS)
)
_WEAK_WORDS = frozenset(
    {"key", "auth", "salt", "nonce", "signature", "sig", "hmac", "seed", "otp", "totp", "api"}
)
# With one of these, a plain "key" names a credential.
_KEY_QUALIFIERS = frozenset(
    {
        "api",
        "secret",
        "private",
        "priv",
        "access",
        "auth",
        "client",
        "encryption",
        "enc",
        "signing",
        "master",
        "app",
        "account",
        "session",
        "service",
        "crypt",
        "crypto",
        "hmac",
        "sign",
        "license",
        "subscription",
        "consumer",
        "server",
        "admin",
        "deploy",
        "ssh",
        "aes",
        "jwt",
        "webhook",
        "shared",
    }
)
# A last word that makes the key about the secret, not the secret itself.
_NOT_VALUE_SUFFIXES = frozenset(
    [
        "type",
        "types",
        "length",
        "len",
        "name",
        "names",
        "id",
        "ids",
        "field",
        "fields",
        "label",
        "hint",
        "url",
        "uri",
        "path",
        "file",
        "files",
        "policy",
        "prompt",
        "min",
        "max",
        "count",
        "expiry",
        "expires",
        "expiration",
        "expired",
        "ttl",
        "timeout",
        "format",
        "header",
        "headers",
        "prefix",
        "suffix",
        "param",
        "params",
        "placeholder",
        "reset",
        "regex",
        "pattern",
        "validator",
        "validation",
        "strength",
        "required",
        "changed",
        "endpoint",
        "limit",
        "size",
        "mode",
        "enabled",
        "kind",
        "index",
        "char",
        "chars",
        "rule",
        "rules",
        "dialog",
        "input",
        "form",
        "page",
        "link",
        "view",
        "text",
        "message",
        "msg",
        "error",
        "errors",
        "title",
        "desc",
        "description",
        "help",
        "mask",
        "env",
        "var",
        "variable",
        "hash",
        "hashed",
        "salt",
        "algorithm",
        "algo",
        "digest",
        "mask",
        "masked",
        "encrypted",
        "encoder",
        "version",
        "store",
        "manager",
        "provider",
        "service",
        "factory",
        "helper",
        "util",
        "utils",
        "class",
        "method",
        "func",
        "function",
        "handler",
        "callback",
        "event",
        "events",
        "status",
        "state",
        "flag",
        "flags",
        "column",
        "table",
        "model",
        "schema",
        "spec",
        "template",
        "location",
        "dir",
        "folder",
        "filename",
        "filepath",
        "ref",
        "reference",
        "source",
        "src",
        "usage",
        "docs",
        "doc",
        "uid",
        "generator",
        "generation",
        "strategy",
        "store",
        "storage",
        "cache",
        "tokens",
        "length",
        "lifetime",
        "age",
    ]
)


def key_parts(key: str) -> list[str]:
    return [p.lower() for p in _PARTS_RE.findall(key)]


_NOT_PASSWORD_ENDINGS = ("bypass", "compass", "surpass", "trespass", "overpass", "underpass")


def classify_key(key: str) -> KeyKind:
    """The strongest secret word in a key name, unless its last word names something else."""
    parts = key_parts(key)
    while parts and parts[-1].isdigit():
        parts.pop()
    if not parts:
        return KeyKind.NONE
    if parts[-1] in _NOT_VALUE_SUFFIXES and len(parts) > 1:
        return KeyKind.NONE
    if "pub" in key.lower() and any(p.startswith("pub") for p in parts):  # pub, public
        return KeyKind.NONE  # public keys are published on purpose
    kind = KeyKind.NONE
    for i, part in enumerate(parts):
        # Every spelling of password has a `p`: the regex runs only on words with one.
        if part in _PASSWORD_WORDS or ("p" in part and _PASSWORD_PART_RE.search(part)):
            if part.endswith(_NOT_PASSWORD_ENDINGS):
                continue
            return KeyKind.PASSWORD
        if part in _SECRET_WORDS or part.endswith(_SECRET_ENDINGS):
            kind = KeyKind.SECRET
        elif part.endswith("key"):
            qualified = part[:-3] in _KEY_QUALIFIERS or not _KEY_QUALIFIERS.isdisjoint(parts[:i])
            kind = max(kind, KeyKind.SECRET if qualified else KeyKind.WEAK)
        elif part in _WEAK_WORDS:
            kind = max(kind, KeyKind.WEAK)
    return kind
