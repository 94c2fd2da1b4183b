"""JWTs, private keys, connection URLs, and the context-gated entropy detector."""

from __future__ import annotations

import base64
import json

from mantlet import Engine


def _b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def _labels(engine: Engine, text: str) -> list[str]:
    return [f.label for f in engine.scan(text).findings]


def test_jwt_needs_a_json_header_with_alg(secrets_engine: Engine) -> None:
    payload = _b64({"sub": "EXAMPLE", "iat": 1700000000})
    good = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{payload}.c2lnbmF0dXJlRVhBTVBMRQ"
    bad = f"{_b64({'typ': 'JWT', 'x': 1})}.{payload}.c2lnbmF0dXJlRVhBTVBMRQ"
    assert _labels(secrets_engine, f"Authorization token {good}") == ["JWT"]
    assert "JWT" not in _labels(secrets_engine, f"value {bad}")


def test_private_keys_with_material_are_found_whole(secrets_engine: Engine) -> None:
    key = (
        "-----BEGIN EC PRIVATE KEY-----\n"
        "MHcCAQEEIEXAMPLEq9x3Lm8Zt2Rv4Kw7Pa1Cd5Fg0Hj6Nb3Qs8Uy2Wz5oAoGCCqGSM49\n"
        "-----END EC PRIVATE KEY-----"
    )
    text = f"here is my key:\n{key}\nthanks"
    (f,) = secrets_engine.scan(text).findings
    assert f.label == "PRIVATE_KEY" and text[f.start : f.end] == key
    encrypted = key.replace("EC PRIVATE", "ENCRYPTED PRIVATE")
    assert _labels(secrets_engine, encrypted) == ["PRIVATE_KEY"]


def test_private_key_placeholders_are_not_keys(secrets_engine: Engine) -> None:
    text = "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"
    assert not secrets_engine.scan(text).findings


def test_connection_urls_with_passwords(secrets_engine: Engine) -> None:
    cases = {
        "postgres://app:s3cr3tPass@db.internal:5432/app": "DATABASE_URL",
        "mongodb+srv://app:s3cr3tPass@cluster0.example.net/db": "DATABASE_URL",
        "redis://:s3cr3tPass@cache:6379/0": "DATABASE_URL",  # a password, no user name
        "https://:s3cr3tPass@git.example.com/repo.git": "BASIC_AUTH_URL",
        "https://deploy:s3cr3tPass@git.example.com/repo.git": "BASIC_AUTH_URL",
    }
    for text, label in cases.items():
        found = _labels(secrets_engine, text)
        assert found == ([label] if label else []), text


def test_connection_url_placeholders(secrets_engine: Engine) -> None:
    for text in ("postgres://user:${DB_PASS}@localhost/db", "https://user:password@example.com"):
        assert not secrets_engine.scan(text).findings, text


def test_high_entropy_value_next_to_a_secret_word(secrets_engine: Engine) -> None:
    text = "use this signing key Zm9vYmFyEXAMPLE9xR2tLm8pQw4 for prod"
    assert _labels(secrets_engine, text) == ["HIGH_ENTROPY_SECRET"]
    assert not secrets_engine.scan("use this Zm9vYmFyEXAMPLE9xR2tLm8pQw4 for prod").findings


def test_hashes_uuids_and_identifiers_do_not_fire(secrets_engine: Engine) -> None:
    for text in (
        "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "commit 3f2c9a1b7e5d4c8a9b0f1e2d3c4b5a69788796a5 fixed the token refresh",
        "request id 123e4567-e89b-12d3-a456-426614174000 for the api key page",
        "call getUserAccessTokenFromRefreshTokenProvider() to rotate the token",
        "integrity sha512-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEVYQU1QTEUK token",
    ):
        assert not secrets_engine.scan(text).findings, text
