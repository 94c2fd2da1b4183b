"""`mantlet eval pii`: the span matching rule, the report, and clear errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mantlet.cli import app
from mantlet.engine import Engine
from mantlet.errors import InputError
from mantlet.eval.metrics import PRF
from mantlet.eval.pii import Span, evaluate_pii, match_spans, pii_engine, read_pii_items
from mantlet.registry import detector_classes


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The structured detectors only, so PERSON is a type no detector covers here."""
    structured = [name for name in detector_classes() if name.startswith("pii_")]
    return pii_engine(detectors=structured)


def _cli() -> CliRunner:
    import mantlet.cli.eval_pii  # noqa: F401  (attaches the command to the app)

    return CliRunner()


def test_overlap_of_one_character_and_same_type_is_a_match() -> None:
    gold = [Span(0, 10, "PHONE")]
    assert match_spans(gold, [Span(9, 12, "PHONE")]) == {"PHONE": PRF(1, 0, 0)}
    assert match_spans(gold, [Span(10, 12, "PHONE")]) == {"PHONE": PRF(0, 1, 1)}


def test_a_type_mismatch_is_a_false_positive_and_a_miss() -> None:
    counts = match_spans([Span(0, 10, "PHONE")], [Span(0, 10, "SSN")])
    assert counts == {"PHONE": PRF(0, 0, 1), "SSN": PRF(0, 1, 0)}


def test_each_gold_span_is_matched_at_most_once() -> None:
    counts = match_spans([Span(0, 10, "URL")], [Span(0, 4, "URL"), Span(5, 10, "URL")])
    assert counts == {"URL": PRF(1, 1, 0)}


def test_matching_prefers_the_largest_overlap() -> None:
    gold = [Span(0, 5, "DATE"), Span(6, 20, "DATE")]
    predicted = [Span(4, 18, "DATE"), Span(0, 3, "DATE")]
    assert match_spans(gold, predicted) == {"DATE": PRF(2, 0, 0)}


def _write(tmp_path: Path, rows: list[object]) -> Path:
    path = tmp_path / "pii.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


ROWS: list[object] = [
    {"text": "mail bob@example.com now", "spans": [{"start": 5, "end": 20, "type": "EMAIL"}]},
    {"text": "I am Ann Lee", "spans": [{"start": 5, "end": 12, "type": "PERSON"}]},
    {"text": "card 4539148803436467", "spans": []},
]


def test_report_counts_per_type_and_keeps_uncovered_types_out_of_overall(
    tmp_path: Path, engine: Engine
) -> None:
    report = evaluate_pii([_write(tmp_path, ROWS)], engine)
    assert report.per_type["EMAIL"] == PRF(1, 0, 0)
    assert report.per_type["CREDIT_CARD"] == PRF(0, 1, 0)
    assert report.per_type["PERSON"] == PRF(0, 0, 1)
    assert "PERSON" in report.uncovered_types
    assert report.overall == PRF(1, 1, 0)
    assert evaluate_pii([_write(tmp_path, ROWS)], engine, overall="all").overall == PRF(1, 1, 1)
    assert report.items == 3 and report.latency.items == 3


def test_only_types_restricts_gold_and_predictions(tmp_path: Path, engine: Engine) -> None:
    report = evaluate_pii([_write(tmp_path, ROWS)], engine, only_types=["email"])
    assert report.per_type == {"EMAIL": PRF(1, 0, 0)}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not a JSON line"),
        ('["a list"]', "expected a JSON object"),
        ('{"spans": []}', "'text' must be a string"),
        ('{"text": "abc", "spans": [{"start": 2, "end": 9, "type": "URL"}]}', "outside the text"),
        ('{"text": "abc", "spans": [{"start": "0", "end": 1, "type": "URL"}]}', "integer"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "spans": []}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        list(read_pii_items(path))
    assert f"{path}:3:" in str(caught.value)


def test_cli_json_report(tmp_path: Path) -> None:
    result = _cli().invoke(app, ["eval", "pii", "--data", str(_write(tmp_path, ROWS)), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["per_type"]["EMAIL"]["f1"] == 1.0
    assert report["items"] == 3
    assert set(report["latency"]) == {"median_ms", "p95_ms", "items"}
    assert report["throughput_kb_s"] > 0


def test_cli_table_report(tmp_path: Path) -> None:
    data = str(_write(tmp_path, ROWS))
    only = ["--detector", "pii_email", "--detector", "pii_credit_card"]
    result = _cli().invoke(app, ["eval", "pii", "--data", data, *only])
    assert result.exit_code == 0, result.output
    assert "EMAIL" in result.output and "PERSON (not covered)" in result.output


def test_cli_bad_line_is_an_error_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "ok", "spans": []}\n\xff\xfe\n')
    result = _cli().invoke(app, ["eval", "pii", "--data", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: not a JSON line" in result.output
    assert "Traceback" not in result.output


def test_cli_can_evaluate_chosen_detectors(tmp_path: Path) -> None:
    path = str(_write(tmp_path, ROWS))
    result = _cli().invoke(
        app, ["eval", "pii", "--data", path, "--json", "--detector", "pii_email"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert "CREDIT_CARD" not in report["per_type"]  # the card detector was not run
    assert report["overall_types"] == ["EMAIL"]
    bad = _cli().invoke(app, ["eval", "pii", "--data", path, "--detector", "nope"])
    assert bad.exit_code == 2 and "unknown detector nope" in bad.output
