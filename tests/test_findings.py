"""`Finding`: a frozen value type whose hand-written `__init__` must stay in step with its
fields (dataclass's own `replace`, `fields` and ordering rely on them)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mantlet.findings import Category, Finding, Severity


def _finding(**changes: object) -> Finding:
    values: dict[str, object] = {
        "start": 3,
        "end": 9,
        "detector": "secrets",
        "category": Category.SECRET,
        "label": "GENERIC_PASSWORD",
        "score": 0.85,
        "severity": Severity.HIGH,
        "evidence": "T…3",
        "reason": "value assigned to a secret name",
    }
    values.update(changes)
    return Finding(**values)  # type: ignore[arg-type]


def test_init_takes_the_fields_in_order_with_their_defaults() -> None:
    parameters = list(inspect.signature(Finding.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in dataclasses.fields(Finding)]
    for parameter, f in zip(parameters, dataclasses.fields(Finding), strict=True):
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert parameter.default == expected, f.name


def test_every_field_holds_what_was_given() -> None:
    finding = _finding()
    assert (finding.start, finding.end, finding.detector, finding.category) == (
        3,
        9,
        "secrets",
        Category.SECRET,
    )
    assert (finding.label, finding.score, finding.severity) == (
        "GENERIC_PASSWORD",
        0.85,
        Severity.HIGH,
    )
    assert (finding.evidence, finding.reason) == ("T…3", "value assigned to a secret name")
    positional = Finding(3, 9, "secrets", Category.SECRET, "GENERIC_PASSWORD", 0.85, Severity.HIGH)
    assert (positional.evidence, positional.reason) == ("", "")


def test_is_frozen() -> None:
    finding = _finding()
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del finding.label  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes", [{"start": -1}, {"start": 10, "end": 9}, {"score": 1.5}, {"score": -0.1}]
)
def test_refuses_a_bad_span_or_score(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _finding(**changes)


def test_replace_and_equality_as_a_dataclass() -> None:
    finding = _finding()
    moved = dataclasses.replace(finding, start=4, end=10)
    assert (moved.start, moved.end, moved.label) == (4, 10, finding.label)
    assert _finding(reason="another") == finding  # reason is not compared
    assert hash(_finding(reason="another")) == hash(finding)
    with pytest.raises(ValueError):
        dataclasses.replace(finding, end=1)


@given(st.integers(0, 50), st.integers(0, 50), st.floats(0.0, 1.0), st.sampled_from(Severity))
def test_orders_as_the_tuple_of_its_compared_fields(
    start: int, length: int, score: float, severity: Severity
) -> None:
    a = _finding(start=start, end=start + length, score=score, severity=severity)
    b = _finding()
    key = [f.name for f in dataclasses.fields(Finding) if f.compare]
    as_tuple = lambda f: tuple(getattr(f, name) for name in key)  # noqa: E731
    assert (a < b) == (as_tuple(a) < as_tuple(b))
    assert (a == b) == (as_tuple(a) == as_tuple(b))
