"""The PII detectors give the same findings on both matcher backends and never fail."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mantlet import Engine
from mantlet.patterns import hyperscan_available
from mantlet.registry import detector_classes

PII_DETECTORS = [cls for name, cls in detector_classes().items() if name.startswith("pii_")]
EXAMPLES = [text for cls in PII_DETECTORS for text in cls.examples + cls.counterexamples]
# Characters PII patterns care about: digits, separators, hex letters, @ and dots.
PII_ALPHABET = "0123456789 -.()+/:@#,xXabcdefABCDEFGHZ\n"

_engines: dict[str, Engine] = {}


def _engine(backend: str) -> Engine:
    if backend not in _engines:
        _engines[backend] = Engine([cls() for cls in PII_DETECTORS], backend=backend)
    return _engines[backend]


@pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel")
@pytest.mark.parametrize("text", EXAMPLES)
def test_backends_agree_on_every_example(text: str) -> None:
    assert _engine("hyperscan").scan(text).findings == _engine("python").scan(text).findings


@given(st.text(alphabet=PII_ALPHABET, max_size=120))
def test_number_soup_never_fails_and_spans_are_valid(text: str) -> None:
    result = _engine("python").scan(text)
    assert result.ok, result.failures
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(text)
    if hyperscan_available():
        assert _engine("hyperscan").scan(text).findings == result.findings


# Characters a look-around may reject or accept beside a number: Hyperscan's prefilters
# must keep every candidate `re` accepts, whatever sits on either side.
NEIGHBOURS = ("_", "é", ".", "-", "/", "x", "0", " ")


@pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel")
@pytest.mark.parametrize("neighbour", NEIGHBOURS)
def test_backends_agree_whatever_is_glued_to_an_example(neighbour: str) -> None:
    for text in EXAMPLES:
        for glued in (neighbour + text, text + neighbour, text.replace(" ", neighbour)):
            assert (
                _engine("hyperscan").scan(glued).findings == _engine("python").scan(glued).findings
            )
