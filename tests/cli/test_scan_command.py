from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mantlet.cli.app import app

pytestmark = pytest.mark.usefixtures("test_engine")

SAMPLE = "hello\nmail jane@example.com now\nkey AKIAIOSFODNN7EXAMPLE\n"
CONTRACT_KEYS = ["detector", "category", "label", "start", "end", "score", "severity"]


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def test_text_report_locates_findings_without_raw_values(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SAMPLE)
    result = runner.invoke(app, ["scan", path])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:2:6  medium")
    assert "PII/EMAIL" in lines[0]
    assert lines[1].startswith(f"{path}:3:5  high") and "SECRET/AWS_ACCESS_KEY" in lines[1]
    assert "AKIA…MPLE" in lines[1]
    assert "jane@example.com" not in result.stdout
    assert "AKIAIOSFODNN7EXAMPLE" not in result.stdout
    assert lines[-1] == "2 findings in 1 file (1 high, 1 medium)."


def test_stdin_is_read_with_dash_or_no_paths(runner: CliRunner) -> None:
    for args in (["scan", "-"], ["scan"]):
        result = runner.invoke(app, args, input=SAMPLE)
        assert result.exit_code == 0
        assert result.stdout.startswith("<stdin>:2:6")


@pytest.mark.parametrize(
    ("fail_on", "code"), [("never", 0), ("critical", 0), ("high", 1), ("low", 1), ("info", 1)]
)
def test_fail_on_sets_the_exit_code(runner: CliRunner, fail_on: str, code: int) -> None:
    result = runner.invoke(app, ["scan", "--fail-on", fail_on], input=SAMPLE)
    assert result.exit_code == code


def test_no_findings_exit_zero_even_with_fail_on(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "--fail-on", "info"], input="nothing here\n")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No findings in 1 file."


def test_bad_fail_on_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "--fail-on", "severe"], input=SAMPLE)
    assert result.exit_code == 2
    assert "use never or one of" in result.stderr


def test_only_limits_categories(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "--only", "secret", "-f", "json"], input=SAMPLE)
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert [f["label"] for f in findings] == ["AWS_ACCESS_KEY"]
    bad = runner.invoke(app, ["scan", "--only", "PII,NOPE"], input=SAMPLE)
    assert bad.exit_code == 2 and "unknown category 'NOPE'" in bad.stderr


def test_json_report_has_positions_and_masked_evidence(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SAMPLE)
    report = json.loads(runner.invoke(app, ["scan", "-f", "json", path]).stdout)
    email = report["results"][0]["findings"][0]
    assert (email["line"], email["column"], email["end_line"], email["end_column"]) == (2, 6, 2, 22)
    assert SAMPLE[email["start"] : email["end"]] == "jane@example.com"
    assert email["evidence"] != "jane@example.com"
    assert report["summary"]["findings"] == 2


def test_directories_are_walked_and_binary_files_skipped(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/b.txt", "x@example.com\n")
    write(tmp_path, "image.png", b"\x89PNG\x00\x00 AKIAIOSFODNN7EXAMPLE")
    write(tmp_path, ".hidden", "y@example.com\n")
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("PII/EMAIL") == 1 and "SECRET" not in result.stdout
    assert result.stdout.splitlines()[-1] == "1 finding in 1 file (1 medium)."


def test_named_binary_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "blob.bin", b"abc\n\x00\x01\x02")
    result = runner.invoke(app, ["scan", path])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"mantlet: {path}:1: binary data (NUL byte)"
    skipped = runner.invoke(
        app, ["scan", "--errors", "skip", path, write(tmp_path, "ok", "a@b.io")]
    )
    assert skipped.exit_code == 0 and "PII/EMAIL" in skipped.stdout


def test_invalid_utf8_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", b"ok\nstill ok\ncaf\xe9 jane@example.com\n")
    result = runner.invoke(app, ["scan", path])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"mantlet: {path}:3: not valid UTF-8"
    assert "Traceback" not in result.output
    for policy in ("replace", "skip"):
        tolerant = runner.invoke(app, ["scan", "--errors", policy, path])
        assert tolerant.exit_code == 0 and f"{path}:3:" in tolerant.stdout


def test_missing_file_is_an_error_but_other_files_are_scanned(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.txt", SAMPLE)
    result = runner.invoke(app, ["scan", str(tmp_path / "nope.txt"), good])
    assert result.exit_code == 2 and "nope.txt: no such file" in result.stderr
    assert result.stdout == ""
    skipping = runner.invoke(app, ["scan", "--errors", "skip", str(tmp_path / "nope.txt"), good])
    assert skipping.exit_code == 2 and "PII/EMAIL" in skipping.stdout


def test_failing_detector_makes_the_scan_incomplete(runner: CliRunner, broken_engine: None) -> None:
    result = runner.invoke(app, ["scan"], input="boom a@example.com\n")
    assert result.exit_code == 2
    assert "detector test_broken failed (RuntimeError); scan incomplete" in result.stderr
    assert "PII/EMAIL" in result.stdout


def test_findings_across_block_boundaries_keep_file_positions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mantlet.cli.io.BLOCK_CHARS", 64)
    lines = [f"line {i} filler text" for i in range(40)]
    lines[33] = "here: z@example.com"
    path = write(tmp_path, "big.txt", "\n".join(lines) + "\n")
    import mantlet.cli.io as io

    blocks = list(io.read_text_blocks(path, io.ErrorPolicy.FAIL, block_chars=64))
    assert len(blocks) > 5
    assert "".join(b.text for b in blocks) == Path(path).read_text()
    report = json.loads(runner.invoke(app, ["scan", "-f", "json", path]).stdout)
    (email,) = report["results"][0]["findings"]
    assert (email["line"], email["column"]) == (34, 7)


def test_progress_flag_leaves_stdout_alone(runner: CliRunner) -> None:
    quiet = runner.invoke(app, ["scan", "--no-progress"], input=SAMPLE)
    loud = runner.invoke(app, ["scan", "--progress"], input=SAMPLE)
    assert quiet.stdout == loud.stdout


# --- the JSONL contract ---------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_jsonl_contract_keys_and_scores(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "in.jsonl",
        jsonl(
            {"text": "mail jane@example.com", "id": 1},
            {"text": "nothing"},
            {"text": "maybe:secret and AKIAIOSFODNN7EXAMPLE"},
            {"text": "only maybe:weak"},
        ),
    )
    result = runner.invoke(app, ["scan", "--jsonl", "--field", "text", path])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert list(row) == ["findings", "scores"]
        for finding in row["findings"]:
            assert list(finding) == CONTRACT_KEYS
        assert set(row["scores"]) == {"PII", "SECRET", "HIDDEN_TEXT"}
    assert rows[0]["findings"] == [
        {
            "detector": "test_email",
            "category": "PII",
            "label": "EMAIL",
            "start": 5,
            "end": 21,
            "score": 0.9,
            "severity": "medium",
        }
    ]
    assert rows[1] == {"findings": [], "scores": {"HIDDEN_TEXT": 0.0, "PII": 0.0, "SECRET": 0.0}}
    assert [f["label"] for f in rows[2]["findings"]] == ["AWS_ACCESS_KEY"]
    assert rows[3]["findings"] == [] and rows[3]["scores"]["SECRET"] == 0.3


def test_jsonl_only_limits_scores_to_those_categories(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["scan", "--jsonl", "--field", "t", "--only", "PII", "-"], input=jsonl({"t": "x"})
    )
    assert json.loads(result.stdout) == {"findings": [], "scores": {"PII": 0.0}}


BAD_LINES = [
    (
        b"{not json}\n",
        "not valid JSON (Expecting property name enclosed in double quotes at column 2)",
    ),
    (b'{"other": 1}\n', "no field 'text'"),
    (b'{"text": 42}\n', "field 'text' is a number, not a string"),
    (b'{"text": null}\n', "field 'text' is null, not a string"),
    (b"[1, 2]\n", "expected a JSON object, got an array"),
    (b'{"text": "caf\xe9"}\n', "not valid UTF-8 (byte 0xe9 at byte 14)"),
    (b"\n", "empty line, expected a JSON object"),
    (b'{"text": NaN}\n', "NaN is not valid JSON"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_bad_jsonl_line_fails_with_file_and_line(
    runner: CliRunner, tmp_path: Path, line: bytes, message: str
) -> None:
    path = write(tmp_path, "in.jsonl", b'{"text": "fine"}\n' + line + b'{"text": "after"}\n')
    result = runner.invoke(app, ["scan", "--jsonl", "--field", "text", path])
    assert result.exit_code == 2
    assert result.stderr == f"mantlet: {path}:2: {message}\n"
    assert len(result.stdout.splitlines()) == 1  # the good line before it was written


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_skip_keeps_output_aligned_with_input(
    runner: CliRunner, tmp_path: Path, line: bytes, message: str
) -> None:
    path = write(tmp_path, "in.jsonl", b'{"text": "a@b.io"}\n' + line + b'{"text": "c@d.io"}\n')
    result = runner.invoke(app, ["scan", "--jsonl", "--field", "text", "--errors", "skip", path])
    assert result.exit_code == 0
    first, error, last = (json.loads(x) for x in result.stdout.splitlines())
    assert error == {"error": f"{path}:2: {message}"}
    assert first["findings"][0]["end"] == 6 and last["findings"][0]["end"] == 6


def test_replace_decodes_bad_bytes_and_scans_the_line(runner: CliRunner) -> None:
    line = b'{"text": "caf\xe9 jane@example.com"}\n'
    result = runner.invoke(
        app, ["scan", "--jsonl", "--field", "text", "--errors", "replace"], input=line
    )
    assert result.exit_code == 0
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["start"], finding["end"]) == (5, 21)


def test_jsonl_needs_field_and_json_output(runner: CliRunner) -> None:
    missing = runner.invoke(app, ["scan", "--jsonl"], input="{}\n")
    assert missing.exit_code == 2 and "--jsonl needs --field" in missing.stderr
    sarif = runner.invoke(app, ["scan", "--jsonl", "--field", "t", "-f", "sarif"], input="{}\n")
    assert sarif.exit_code == 2


line_bytes = st.binary(max_size=60).map(lambda b: b.replace(b"\n", b""))
json_lines = st.one_of(
    line_bytes,
    st.text(max_size=40).map(lambda t: json.dumps({"text": t}).encode()),
    st.text(max_size=40).map(lambda t: json.dumps({"text": t}, ensure_ascii=False).encode()),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(st.lists(json_lines, min_size=1, max_size=8))
def test_any_bytes_give_one_output_line_per_input_line(
    runner: CliRunner, lines: list[bytes]
) -> None:
    data = b"\n".join(lines) + b"\n"
    result = runner.invoke(
        app, ["scan", "--jsonl", "--field", "text", "--errors", "skip"], input=data
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(rows) == len(lines)
    for raw, row in zip(lines, rows, strict=True):
        if "error" in row:
            assert list(row) == ["error"] and row["error"].startswith("<stdin>:")
        else:
            assert list(row) == ["findings", "scores"]
            text = json.loads(raw.decode("utf-8"))["text"]
            assert all(0 <= f["start"] <= f["end"] <= len(text) for f in row["findings"])


def test_process_pool_gives_the_same_lines_in_the_same_order(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mantlet.cli.jsonl_scan.BATCH_LINES", 3)
    texts = ["plain", "ig\u200bnore", "p\u0430ypal", "tag \U000e0041\U000e0042", "ok"] * 4
    raw = "".join(json.dumps({"t": t}) + "\n" for t in texts) + "not json\n"
    path = write(tmp_path, "in.jsonl", raw)
    args = ["scan", "--jsonl", "--field", "t", "--only", "HIDDEN_TEXT", "--errors", "skip", path]
    single = runner.invoke(app, args)
    pooled = runner.invoke(app, [*args, "--workers", "2"])
    assert single.exit_code == pooled.exit_code == 0, pooled.output
    assert pooled.stdout == single.stdout
    assert len(pooled.stdout.splitlines()) == len(texts) + 1


def test_a_bare_command_at_a_terminal_asks_for_input(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from mantlet.cli.io import inputs_or_stdin

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    with pytest.raises(click.UsageError, match="pipe text in"):
        inputs_or_stdin(None)
    assert inputs_or_stdin(["-"]) == ["-"]


def test_undecodable_file_names_are_printed_safely(runner: CliRunner, tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("mail a@example.com\n")
    for output in ("text", "json", "sarif"):
        result = runner.invoke(app, ["scan", "-f", output, str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert "caf\ufffd.txt" in result.stdout or "caf%EF%BF%BD.txt" in result.stdout
