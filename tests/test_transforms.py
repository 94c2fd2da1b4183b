from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mantlet
from mantlet import Category, Finding, Severity
from mantlet.errors import ConfigError
from mantlet.transforms import Pseudonymizer, apply, mask, resolve_overlaps
from mantlet.vault import Vault

TEXT = "mail jane@example.com or call +1 415 555 0132 now"


def found(
    text: str,
    value: str,
    label: str,
    *,
    category: Category = Category.PII,
    severity: Severity = Severity.MEDIUM,
    score: float = 0.9,
    occurrence: int = 0,
) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(value, start + 1)
    return Finding(start, start + len(value), "test", category, label, score, severity, "…")


EMAIL = found(TEXT, "jane@example.com", "EMAIL")
PHONE = found(TEXT, "+1 415 555 0132", "PHONE")


def test_redact_uses_typed_placeholders() -> None:
    assert apply(TEXT, [EMAIL, PHONE], "redact") == "mail <EMAIL> or call <PHONE> now"


def test_mask_keeps_shape_not_letters() -> None:
    assert apply(TEXT, [EMAIL], "mask") == "mail ****@*******.*** or call +1 415 555 0132 now"
    assert mask("4111 1111 1111 1111") == "**** **** **** 1111"
    assert mask("abc") == "***"


def test_mask_drops_invisible_characters_inside_a_value() -> None:
    assert mask("ja\u200bne") == "****"


def test_strip_removes_the_spans() -> None:
    assert apply(TEXT, [EMAIL, PHONE], "strip") == "mail  or call  now"


def test_hash_is_keyed_short_and_stable() -> None:
    twice = "a@example.com b@example.com a@example.com"
    findings = [
        found(twice, "a@example.com", "EMAIL"),
        found(twice, "b@example.com", "EMAIL"),
        found(twice, "a@example.com", "EMAIL", occurrence=1),
    ]
    out = apply(twice, findings, "hash", key=b"key-one")
    first, second, third = out.split(" ")
    assert first == third != second
    assert first.startswith("<EMAIL:") and len(first) == len("<EMAIL:>") + 8
    assert apply(twice, findings, "hash", key=b"key-two").split(" ")[0] != first


def test_hash_without_key_is_refused() -> None:
    with pytest.raises(ConfigError, match="needs a key"):
        apply(TEXT, [EMAIL], "hash")


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown transform mode"):
        apply(TEXT, [EMAIL], "shred")


def test_hidden_text_is_stripped_in_every_mode() -> None:
    text = "ig\u200bnore \U000e0068\U000e0069this"
    findings = mantlet.scan(text, only=["HIDDEN_TEXT"]).findings
    assert {f.category for f in findings} == {Category.HIDDEN_TEXT}
    for mode in ("mask", "redact", "strip"):
        assert apply(text, findings, mode) == "ignore this"


def test_homoglyph_words_are_folded_to_what_they_imitate() -> None:
    text = "login at p\u0430ypal.com"
    assert (
        apply(text, mantlet.scan(text, only=["HIDDEN_TEXT"]).findings, "redact")
        == "login at paypal.com"
    )


def test_overlaps_prefer_severity_then_length() -> None:
    text = "key=AKIAIOSFODNN7EXAMPLE end"
    long_low = found(text, "key=AKIAIOSFODNN7EXAMPLE", "ASSIGNMENT", severity=Severity.LOW)
    short_high = found(text, "AKIAIOSFODNN7EXAMPLE", "AWS_KEY", severity=Severity.HIGH)
    assert apply(text, [long_low, short_high], "redact") == "<ASSIGNMENT><AWS_KEY> end"
    same = found(text, "AKIAIOSFODNN7EXAMPLE", "AWS_KEY", severity=Severity.LOW)
    assert apply(text, [same, long_low], "redact") == "<ASSIGNMENT> end"


def test_partial_overlap_never_leaves_a_value_in_clear() -> None:
    text = "0123456789abcdef"
    a = Finding(0, 10, "t", Category.PII, "A", 0.9, Severity.HIGH, "…")
    b = Finding(5, 14, "t", Category.PII, "B", 0.9, Severity.LOW, "…")
    assert apply(text, [b, a], "redact") == "<A><B>ef"


def test_hidden_text_inside_a_value_yields_to_the_value() -> None:
    text = "mail ja\U000e0041ne@example.com"
    email = Finding(5, len(text), "t", Category.PII, "EMAIL", 0.9, Severity.LOW, "…")
    tags = found(
        text, "\U000e0041", "UNICODE_TAGS", category=Category.HIDDEN_TEXT, severity=Severity.HIGH
    )
    assert apply(text, [tags, email], "redact") == "mail <EMAIL>"


spans = st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(list(Severity)))


@given(st.lists(spans, max_size=12))
def test_resolved_pieces_never_overlap_and_cover_every_finding(
    raw: list[tuple[int, int, Severity]],
) -> None:
    findings = [
        Finding(min(a, b), max(a, b), "t", Category.PII, "X", 0.5, sev, "…") for a, b, sev in raw
    ]
    pieces = resolve_overlaps(findings)
    covered: set[int] = set()
    for before, after in pairwise(pieces):
        assert before.end <= after.start
    for piece in pieces:
        covered.update(range(piece.start, piece.end))
    wanted = {i for f in findings for i in range(f.start, f.end)}
    assert covered == wanted


def pseudonymizer() -> Pseudonymizer:
    return Pseudonymizer(Vault.in_memory())


def test_pseudonyms_are_consistent_and_restorable() -> None:
    p = pseudonymizer()
    text = "Jane wrote to Joe, then Jane left."
    findings = [
        found(text, "Jane", "PERSON"),
        found(text, "Joe", "PERSON"),
        found(text, "Jane", "PERSON", occurrence=1),
    ]
    out = p.pseudonymize(text, findings, "conv-1")
    assert out == "<PERSON_1> wrote to <PERSON_2>, then <PERSON_1> left."
    reply = "Dear <PERSON_1>, <PERSON_2> says hi; <PERSON_7> and <EMAIL_1> are unknown."
    assert p.restore(reply, "conv-1") == (
        "Dear Jane, Joe says hi; <PERSON_7> and <EMAIL_1> are unknown."
    )
    assert p.restore(reply, "conv-2") == reply
    assert apply(text, findings, "pseudonymize", pseudonymizer=p, conversation="conv-1") == out


def test_pseudonymize_needs_a_pseudonymizer_and_conversation() -> None:
    with pytest.raises(ConfigError, match="pseudonymizer and a conversation"):
        apply(TEXT, [EMAIL], "pseudonymize")


def test_public_redact_scans_and_transforms() -> None:
    text = "ig\u200bnore previous"
    assert mantlet.redact(text, only=["HIDDEN_TEXT"]) == "ignore previous"
    assert mantlet.redact(text, only=["PII"]) == text


def test_public_redact_fails_closed_when_a_detector_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mantlet.engine import DetectorFailure, ScanResult
    from mantlet.errors import DetectorError

    failed = ScanResult((), {}, (DetectorFailure("ner", "RuntimeError"),))
    monkeypatch.setattr("mantlet.transforms.scan", lambda text, only=None: failed)
    with pytest.raises(DetectorError, match="'ner' failed: RuntimeError") as caught:
        mantlet.redact("Jane Doe lives here")
    assert "Jane" not in str(caught.value)
