"""One test over every registered detector: the contract each must keep."""

from __future__ import annotations

import pytest

from mantlet import Engine, Finding
from mantlet.findings import Category
from mantlet.registry import detector_classes

DETECTORS = detector_classes()


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_detector_contract(name: str) -> None:
    cls = DETECTORS[name]
    assert cls.name == name
    assert isinstance(cls.category, Category)
    assert cls.labels, "a detector lists the labels it can report"
    assert cls.examples, "a detector ships at least one positive example"
    assert cls.counterexamples, "and at least one near-miss negative"
    assert 0.0 <= cls.threshold <= 1.0
    engine = Engine([cls()])
    for text in cls.examples:
        result = engine.scan(text)
        assert result.ok, result.failures
        assert result.findings, f"{name} missed its own example #{cls.examples.index(text)}"
        for f in result.findings:
            _check_finding(f, text, cls.labels, cls.reported_categories())
    for text in cls.counterexamples:
        result = engine.scan(text)
        assert not result.findings, (
            f"{name} fired on counterexample #{cls.counterexamples.index(text)}"
        )


def _check_finding(
    f: Finding, text: str, labels: tuple[str, ...], cats: tuple[Category, ...]
) -> None:
    assert f.label in labels
    assert f.category in cats
    assert 0 <= f.start < f.end <= len(text)
    assert 0.0 <= f.score <= 1.0
    raw = text[f.start : f.end]
    if len(raw) > 8:
        assert raw not in repr(f) and raw not in f.evidence
