"""Generic `password = ...` assignments across code, config, env, YAML, JSON, XML, SQL, shell."""

from __future__ import annotations

import pytest

from mantlet import Engine

SECRET = "Tr0ub4dor&3x"

POSITIVES = [
    f'db_password = "{SECRET}"',  # Python
    f"DB_PASSWORD={SECRET}",  # .env
    f"password: {SECRET}",  # YAML
    f'{{"password": "{SECRET}"}}',  # JSON
    f"<password>{SECRET}</password>",  # XML element
    f'<add key="DbPassword" value="{SECRET}" />',  # .NET config
    f"mysql -u root --password {SECRET} app",  # command line
    f"CREATE USER app IDENTIFIED BY '{SECRET}';",  # SQL
    f'val password: String = "{SECRET}"',  # typed declaration
    f'PASSWORD = os.environ.get("PASSWORD") or "{SECRET}"',  # literal fallback
    f"curl -u admin:{SECRET} https://api.example.com",
    f"my password is {SECRET}",  # a user pasting it into a prompt
    f"the password for the admin account is {SECRET}",
    f'if (password === "{SECRET}") {{',  # hard-coded comparison
    f'client.setPassword("{SECRET}");',
]
NEGATIVES = [
    "password = ${DB_PASSWORD}",
    'password: "<password>"',
    "password=changeme",
    'password = "****"',
    'password = os.environ["DB_PASSWORD"]',
    "password = get_password(user)",
    'password = ""',
    "password = self.password",
    "password_length = 12",
    "the password is incorrect",
    "Enter your password: ",
    "token_type: bearer",
    "max_tokens: 2048",
    "Please reset the password of the admin account.",
    'pw = hash_pw("123_%d" % n)',  # a call that is not a setter, and a format string
    "digest = hashlib.md5(pw.encode('utf8')).hexdigest()",
    "password = 'somefancypassword'",
    'publickey = "6LeEXAMPLEAAAAO4zTrbL1S2WY9HODx1HynRDun3"',
    'password = "0x7f3a9c2e"',
]


@pytest.mark.parametrize("text", POSITIVES)
def test_generic_password_found_and_span_is_the_value(secrets_engine: Engine, text: str) -> None:
    findings = secrets_engine.scan(text).findings
    assert [f.label for f in findings] == ["GENERIC_PASSWORD"]
    (f,) = findings
    assert SECRET in text[f.start : f.end]
    assert text[f.start : f.end].endswith(SECRET)
    assert SECRET not in f.evidence


@pytest.mark.parametrize("text", NEGATIVES)
def test_placeholders_and_references_are_not_secrets(secrets_engine: Engine, text: str) -> None:
    assert not secrets_engine.scan(text).findings


def test_generic_secret_names(secrets_engine: Engine) -> None:
    for text in (
        'api_key = "q8Zt2LmX9vR4wK7p"',
        "client_secret: Zq8t2LmX9vR4wK7pA1",
        "--token q8Zt2LmX9vR4wK7p",
    ):
        assert [f.label for f in secrets_engine.scan(text).findings] == ["GENERIC_SECRET"], text


def test_authorization_headers(secrets_engine: Engine) -> None:
    text = 'curl -H "Authorization: Bearer q8Zt2LmX9vR4wK7pA1cD" https://x.example'
    (f,) = secrets_engine.scan(text).findings
    assert text[f.start : f.end] == "q8Zt2LmX9vR4wK7pA1cD"


def test_a_plain_key_needs_a_random_value(secrets_engine: Engine) -> None:
    assert not secrets_engine.scan('key = "primary"').findings
    assert secrets_engine.scan('key = "Zq8t2LmX9vR4wK7pA1cD"').findings


def test_known_format_wins_over_generic(secrets_engine: Engine) -> None:
    text = "token = AKIAIOSFODNN7EXAMPLE"
    assert [f.label for f in secrets_engine.scan(text).findings] == ["AWS_ACCESS_KEY"]


def test_redaction_replaces_only_the_value(secrets_engine: Engine) -> None:
    text = f'cfg = {{"user": "app", "password": "{SECRET}"}}'
    (f,) = secrets_engine.scan(text).findings
    redacted = text[: f.start] + "<SECRET>" + text[f.end :]
    assert redacted == 'cfg = {"user": "app", "password": "<SECRET>"}'
