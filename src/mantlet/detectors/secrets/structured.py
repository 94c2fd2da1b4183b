"""Credentials with a structure of their own: JWTs, PEM and PuTTY private keys, and
connection URLs that carry a password."""

from __future__ import annotations

import re

from mantlet.detectors.secrets.checksums import b64decode_loose, jwt_structure, shannon_entropy
from mantlet.detectors.secrets.format import SecretFormat
from mantlet.detectors.secrets.placeholders import is_placeholder
from mantlet.findings import Severity

_NOT_PEM_BODY = re.compile(r"[^A-Za-z0-9+/=]+")
_DB_SCHEMES = (
    "postgres|postgresql|mysql|mariadb|mongodb|mongodb\\+srv|redis|rediss|amqp|amqps|mssql|"
    "sqlserver|oracle|db2|clickhouse|cockroachdb|couchdb|neo4j|cassandra|memcached|"
    "elasticsearch|influxdb|snowflake|jdbc:[a-z0-9]+|[a-z0-9+]*db[a-z0-9+]*|[a-z]+sql"
)
# Empty for `redis://:password@host` (Redis before 6 had no user names).
_URL_USER = r"[A-Za-z0-9_.%+~!$&*=\-]*(?:@[A-Za-z0-9_.%+~!$&*=\-]+)?"
_URL_PASSWORD = r"[A-Za-z0-9_.%+~!$&*=#?^(){}\[\],;:|\-]+"
_URL_HOST = r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*(?::\d{1,5})?"


def pem_body(block: str) -> bool:
    """The key block carries real key material: enough base64, not one repeated filler."""
    header_end = block.find("-----", 11) + 5
    body = block[header_end:]
    end = body.find("-----END")
    if end >= 0:
        body = body[:end]
    body = body.replace("\\n", "").replace("\\r", "")
    chars = _NOT_PEM_BODY.sub("", body)
    return len(chars) >= 40 and shannon_entropy(chars) > 2.5


def encoded_private_key(value: str) -> bool:
    raw = b64decode_loose(value[: len(value) - len(value) % 4])
    return raw is not None and raw.startswith(b"-----BEGIN") and b"PRIVATE" in raw[:80]


def url_password(value: str) -> bool:
    return not is_placeholder(value) and not value.startswith(("$", "%", "{", "<"))


# A JSON Web Key's private members (RFC 7518: `d` of RSA, EC and OKP keys, RSA's primes and
# CRT values, `k` of a symmetric key), in the same object as its `kty`, before or after it.
_JWK_KTY = r'"kty"[ \t]*:[ \t]*"[^"\n]{2,8}"'
_JWK_PRIVATE = r'"(?:d|k|p|q|dp|dq|qi)"[ \t]*:[ \t]*"(?P<secret>[A-Za-z0-9_\-]{16,})'
_JWK_AFTER_KTY = _JWK_KTY + "{between}" + _JWK_PRIVATE + r"(?![A-Za-z0-9_\-])"
_JWK_BEFORE_KTY = _JWK_PRIVATE + '"{between}"kty"'
# `re` looks at most 1000 characters ahead; Hyperscan, given that bounded repeat, compiled
# the engine's databases ten times slower (16 s), so it gets the unbounded superset.
_SAME_OBJECT, _SAME_OBJECT_UNBOUNDED = r"[^{}]{0,1000}?", r"[^{}]*?"

STRUCTURED: tuple[SecretFormat, ...] = (
    *(
        SecretFormat(
            "JWK_PRIVATE_KEY",
            order.replace("{between}", _SAME_OBJECT),
            ("kty",),
            "json web key",
            score=0.9,
            prefilter=order.replace("{between}", _SAME_OBJECT_UNBOUNDED),
        )
        for order in (_JWK_AFTER_KTY, _JWK_BEFORE_KTY)
    ),
    SecretFormat(
        "JWT",
        r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}={0,2}\.[A-Za-z0-9_\-]{4,}={0,2}\.[A-Za-z0-9_\-]{0,}={0,2}(?:\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)?",
        ("eyj",),
        "jwt",
        jwt_structure,
        score=0.9,
    ),
    SecretFormat(
        "PRIVATE_KEY",
        # The body up to an END line: runs of non-dashes, which `re` takes in one step
        # each, where `(?:[^-]|-(?!----END))*` took a branch per character.
        r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[^-]*(?:-(?!----END)[^-]*)*"
        r"(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|\Z)",
        ("private key",),
        "pem",
        pem_body,
        score=0.99,
        severity=Severity.CRITICAL,
    ),
    SecretFormat(
        "PRIVATE_KEY",
        r"PuTTY-User-Key-File-\d: [A-Za-z0-9_\-]+\s+Encryption: [A-Za-z0-9_\-]+[\s\S]*?Private-MAC: [0-9a-f]+",
        ("putty-user-key-file-",),
        "putty",
        score=0.99,
        severity=Severity.CRITICAL,
    ),
    # base64 of "-----BEGIN": a key file encoded once more, as in Kubernetes secrets.
    SecretFormat(
        "PRIVATE_KEY",
        r"(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}",
        ("ls0tls1crudjti",),
        "pem",
        encoded_private_key,
        score=0.95,
        severity=Severity.CRITICAL,
    ),
    # base64 of "NTLMSSP\0" + message type 3: an NTLM authenticate message (user, domain
    # and password hashes), as pasted from an Authorization header.
    SecretFormat(
        "NTLM_AUTH_MESSAGE",
        r"(?<![A-Za-z0-9+/])TlRMTVNTUAADAAAA[A-Za-z0-9+/]{40,}={0,2}",
        ("tlrmtvntuaadaaaa",),
        "ntlm",
        score=0.85,
    ),
    SecretFormat(
        "DATABASE_URL",
        r"(?i)(?<![a-z0-9+])(?:"
        + _DB_SCHEMES
        + r")://"
        + _URL_USER
        + r":(?P<secret>"
        + _URL_PASSWORD
        + r")@"
        + _URL_HOST,
        ("://",),
        "url",
        url_password,
        score=0.9,
    ),
    SecretFormat(
        "BASIC_AUTH_URL",
        r"(?i)(?<![a-z0-9+])(?:https?|ftp|ftps|sftp|smtp|smtps|imap|imaps|pop3|ldap|ldaps|ssh|git|svn|ws|wss)://"
        + _URL_USER
        + r":(?P<secret>"
        + _URL_PASSWORD
        + r")@"
        + _URL_HOST,
        ("://",),
        "url",
        url_password,
        score=0.85,
    ),
)
