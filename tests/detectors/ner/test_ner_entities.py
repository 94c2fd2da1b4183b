"""PERSON, LOCATION and ORG from the NER model (needs the `ner` extra, which `make test` installs)."""

from __future__ import annotations

import threading

import pytest

from mantlet import Engine
from mantlet.detectors.ner import model
from mantlet.detectors.ner.addresses import StreetAddressDetector
from mantlet.detectors.ner.entities import (
    NamedEntityDetector,
    confidence,
    plausible,
)
from mantlet.errors import ConfigError

needs_model = pytest.mark.skipif(
    not model.ner_available(), reason="the `ner` extra (spaCy and a model) is not installed"
)


def labelled(text: str, *detectors: object) -> list[tuple[str, str]]:
    engine = Engine(list(detectors) or [NamedEntityDetector()])  # type: ignore[arg-type]
    result = engine.scan(text)
    assert result.ok, result.failures
    return [(f.label, text[f.start : f.end]) for f in result.findings]


@needs_model
def test_people_places_and_organizations() -> None:
    found = labelled("My name is John Smith and I work at Microsoft in Seattle.")
    assert ("PERSON", "John Smith") in found
    assert ("ORG", "Microsoft") in found
    assert ("LOCATION", "Seattle") in found


@needs_model
def test_spans_point_at_the_original_text_through_the_folded_view() -> None:
    text = "Please forward this to Angela Mer\u200bkel in Berlin."  # zero-width space in a name
    found = labelled(text)
    assert ("PERSON", "Angela Mer\u200bkel") in found
    assert ("LOCATION", "Berlin") in found


@needs_model
def test_evidence_is_masked() -> None:
    text = "Yesterday Christopher Columbus called me."
    findings = Engine([NamedEntityDetector()]).scan(text).findings
    person = [f for f in findings if f.label == "PERSON"]
    assert person and "Christopher" not in person[0].evidence


@needs_model
def test_street_addresses_are_left_to_the_address_detector() -> None:
    text = "Maria Garcia lives at 221 Baker Street, London."
    found = labelled(text, NamedEntityDetector(), StreetAddressDetector())
    assert ("PERSON", "Maria Garcia") in found
    assert [span for label, span in found if label == "LOCATION"] == ["221 Baker Street, London"]


@needs_model
def test_text_without_names_gives_nothing() -> None:
    assert labelled("please summarize the following paragraph in two sentences.") == []
    assert labelled("") == []


@needs_model
def test_the_model_loads_once_for_all_threads() -> None:
    seen: list[object] = []
    threads = [
        threading.Thread(target=lambda: seen.append(model.load_pipeline())) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 4 and all(p is seen[0] for p in seen)
    assert "ner" in seen[0].pipe_names and "parser" not in seen[0].pipe_names  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("label", "value", "keep"),
    [
        ("PERSON", "John Smith", True),
        ("PERSON", "chad", False),  # a lower-case common word
        ("PERSON", "john@example.com", False),
        ("PERSON", "Box 8144", False),
        ("LOCATION", "Main\nStreet", False),
        ("ORG", "3M", True),
        ("ORG", "PSC 0729", False),
    ],
)
def test_post_filters_keep_only_what_can_be_a_name(label: str, value: str, keep: bool) -> None:
    assert plausible(label, value) is keep


def test_asking_for_ner_without_the_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "_installed", lambda module: False)
    assert not model.ner_available()
    with pytest.raises(model.NerUnavailable, match=r"mantlet\[ner\]"):
        NamedEntityDetector()


def test_an_unknown_model_name_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(model.MODEL_ENV, "xl")
    with pytest.raises(ConfigError, match="MANTLET_NER_MODEL"):
        model.choose_model()


@pytest.mark.parametrize(
    ("label", "value", "reported"),
    [
        ("ORG", "Microsoft", True),
        ("ORG", "Boston Consulting Group", True),
        ("ORG", "DDoS", False),  # technical terms the model calls organizations
        ("ORG", "IPv6", False),
        ("PERSON", "Angela", True),
    ],
)
def test_lone_technical_tokens_stay_below_the_reporting_threshold(
    label: str, value: str, reported: bool
) -> None:
    assert (confidence(label, value) >= NamedEntityDetector.threshold) is reported


@needs_model
def test_concurrent_scans_agree() -> None:
    text = "Angela Merkel met Emmanuel Macron in Paris with staff from Siemens."
    engine = Engine([NamedEntityDetector()])
    expected = engine.scan(text).findings
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(engine.scan(text).findings))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert expected and results == [expected] * 4
