"""Detectors of known categories for CLI tests, and a runner whose engine uses them.

Only the hidden-text detector is registered on this branch; these stand in for PII and
secret detectors so the commands can be tested on findings of every shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pytest
from typer.testing import CliRunner

import mantlet.cli.redact
import mantlet.cli.scan  # noqa: F401 (attaches the commands to the app)
from mantlet.detectors.base import Detector, Match
from mantlet.detectors.hidden_text import HiddenTextDetector
from mantlet.engine import Engine
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern
from mantlet.text import Document


class EmailForTests(Detector):
    name = "test_email"
    category = Category.PII
    labels = ("EMAIL",)
    patterns = (Pattern("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", keywords=("@",)),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            yield self.finding(
                document, m.span(), "EMAIL", 0.9, Severity.MEDIUM, reason="an email address"
            )


class SecretForTests(Detector):
    """AWS-style keys (high), and a weak `maybe:` hint scored below the threshold."""

    name = "test_secret"
    category = Category.SECRET
    labels = ("AWS_ACCESS_KEY", "WEAK_HINT")
    patterns = (
        Pattern("aws", r"AKIA[0-9A-Z]{16}", keywords=("akia",)),
        Pattern("hint", r"maybe:\w+", keywords=("maybe:",)),
    )

    @classmethod
    def rule_metadata(cls, label: str) -> dict[str, object]:
        return {
            "description": "An AWS access key id",
            "help": "Rotate the key in IAM and remove it from the file.",
            "tags": ["CWE-798"],
            "owasp": "LLM02",
        }

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            if m.pattern.name == "aws":
                yield self.finding(document, m.span(), "AWS_ACCESS_KEY", 0.95, Severity.HIGH)
            else:
                yield self.finding(document, m.span(), "WEAK_HINT", 0.3, Severity.LOW)


class BrokenForTests(Detector):
    name = "test_broken"
    category = Category.PII
    labels = ("NEVER",)
    patterns = (Pattern("boom", r"boom", keywords=("boom",)),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        raise RuntimeError("boom")


TEST_DETECTORS = {
    "test_email": EmailForTests,
    "test_secret": SecretForTests,
    "hidden_text": HiddenTextDetector,
}


_ENGINES: dict[frozenset[str] | None, Engine] = {}


@pytest.fixture
def test_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI's engine made of the test detectors (plus hidden text), `--only` honoured."""

    def engine(only: frozenset[str] | None = None, backend: str = "auto") -> Engine:
        if only not in _ENGINES:  # compiling is slow: once per category set per session
            detectors = [EmailForTests(), SecretForTests(), HiddenTextDetector()]
            _ENGINES[only] = Engine(detectors, only=only, backend=backend)
        return _ENGINES[only]

    monkeypatch.setattr("mantlet.cli.common.default_engine", engine)
    monkeypatch.setattr("mantlet.reports.sarif.detector_classes", lambda: TEST_DETECTORS)
    yield


@pytest.fixture
def broken_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def engine(only: frozenset[str] | None = None, backend: str = "auto") -> Engine:
        return Engine([EmailForTests(), BrokenForTests()], only=only, backend="python")

    monkeypatch.setattr("mantlet.cli.common.default_engine", engine)


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> CliRunner:
    monkeypatch.setenv("MANTLET_HOME", str(tmp_path_factory.mktemp("home")))
    return CliRunner()
