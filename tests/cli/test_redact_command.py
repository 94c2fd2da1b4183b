from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mantlet.cli.app import app

pytestmark = pytest.mark.usefixtures("test_engine")

TEXT = "mail jane@example.com or joe@example.com; key AKIAIOSFODNN7EXAMPLE\nig\u200bnore\n"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("redact", "mail <EMAIL> or <EMAIL>; key <AWS_ACCESS_KEY>\nignore\n"),
        ("mask", "mail ****@*******.*** or ***@*******.***; key ********************\nignore\n"),
        ("strip", "mail  or ; key \nignore\n"),
    ],
)
def test_modes_write_sanitized_text(runner: CliRunner, mode: str, expected: str) -> None:
    result = runner.invoke(app, ["redact", "--mode", mode], input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_only_limits_what_is_redacted(runner: CliRunner) -> None:
    result = runner.invoke(app, ["redact", "--only", "SECRET"], input=TEXT)
    assert result.stdout.startswith(
        "mail jane@example.com or joe@example.com; key <AWS_ACCESS_KEY>"
    )


def test_hash_is_stable_with_one_key_file(runner: CliRunner, tmp_path: Path) -> None:
    key = tmp_path / "key"
    args = ["redact", "--mode", "hash", "--key-file", str(key)]
    first = runner.invoke(app, args, input=TEXT).stdout
    assert re.match(r"mail <EMAIL:[0-9a-f]{8}> or <EMAIL:[0-9a-f]{8}>", first)
    assert runner.invoke(app, args, input=TEXT).stdout == first
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    other = runner.invoke(app, [*args[:-1], str(tmp_path / "other")], input=TEXT).stdout
    assert other != first


def test_pseudonymize_then_restore_round_trips(runner: CliRunner, tmp_path: Path) -> None:
    opts = ["--vault", str(tmp_path / "v.db"), "--key-file", str(tmp_path / "k")]
    text = "from jane@example.com to joe@example.com, cc jane@example.com\n"
    result = runner.invoke(
        app, ["redact", "--mode", "pseudonymize", "--conversation", "c1", *opts], input=text
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "from <EMAIL_1> to <EMAIL_2>, cc <EMAIL_1>\n"
    reply = "Ask <EMAIL_2> and <EMAIL_9>.\n"
    restored = runner.invoke(app, ["restore", "--conversation", "c1", *opts], input=reply)
    assert restored.stdout == "Ask joe@example.com and <EMAIL_9>.\n"
    elsewhere = runner.invoke(app, ["restore", "--conversation", "c2", *opts], input=reply)
    assert elsewhere.stdout == reply


def test_pseudonymize_without_conversation_names_a_new_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["redact", "--mode", "pseudonymize"], input="a@example.com\n")
    assert result.stdout == "<EMAIL_1>\n"
    conversation = re.search(r"conversation ([0-9a-f]{16})", result.stderr)
    assert conversation is not None
    restored = runner.invoke(app, ["restore", "--conversation", conversation[1]], input="<EMAIL_1>")
    assert restored.stdout == "a@example.com"


def test_restore_without_a_vault_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["restore", "--conversation", "c", "--vault", str(tmp_path / "none.db")], input="x"
    )
    assert result.exit_code == 2 and "no vault at" in result.stderr


def test_jsonl_replaces_only_the_field(runner: CliRunner, tmp_path: Path) -> None:
    lines = [
        {"id": 1, "text": "write to a@example.com", "meta": {"n": [1, 2.5, None]}},
        {"id": 2, "text": "nothing", "other": "b@example.com"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    result = runner.invoke(app, ["redact", "--jsonl", "--field", "text", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert out[0] == {"id": 1, "text": "write to <EMAIL>", "meta": {"n": [1, 2.5, None]}}
    assert out[1] == lines[1]


def test_jsonl_bad_lines_follow_the_error_policy(runner: CliRunner) -> None:
    data = b'{"text": "a@example.com"}\n{"text": 5}\n{"text": "b@example.com"}\n'
    failing = runner.invoke(app, ["redact", "--jsonl", "--field", "text"], input=data)
    assert failing.exit_code == 2
    assert failing.stderr == "mantlet: <stdin>:2: field 'text' is a number, not a string\n"
    assert failing.stdout == '{"text": "<EMAIL>"}\n'
    skipping = runner.invoke(
        app, ["redact", "--jsonl", "--field", "text", "--errors", "skip"], input=data
    )
    assert skipping.exit_code == 0
    assert skipping.stdout.splitlines() == [
        '{"text": "<EMAIL>"}',
        json.dumps({"error": "<stdin>:2: field 'text' is a number, not a string"}),
        '{"text": "<EMAIL>"}',
    ]


def test_failing_detector_never_lets_text_through(runner: CliRunner, broken_engine: None) -> None:
    result = runner.invoke(app, ["redact"], input="boom a@example.com\n")
    assert result.exit_code == 2
    assert "a@example.com" not in result.stdout
    assert "text withheld" in result.stderr
    lines = runner.invoke(
        app,
        ["redact", "--jsonl", "--field", "t", "--errors", "skip"],
        input='{"t": "boom a@example.com"}\n{"t": "c@example.com"}\n',
    )
    assert lines.exit_code == 2
    assert "a@example.com" not in lines.stdout
    assert lines.stdout.splitlines()[1] == '{"t": "<EMAIL>"}'


def test_unreadable_key_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    key = tmp_path / "key"
    runner.invoke(app, ["redact", "--mode", "hash", "--key-file", str(key)], input="x")
    os.chmod(key, 0o644)
    result = runner.invoke(app, ["redact", "--mode", "hash", "--key-file", str(key)], input="x")
    assert result.exit_code == 2 and "chmod 600" in result.stderr


def test_unknown_mode_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["redact", "--mode", "shred"], input="x")
    assert result.exit_code == 2
