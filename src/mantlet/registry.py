"""The one registry of detectors. Every module under `mantlet.detectors` is imported once,
so a detector registers itself with `@register` and needs no hand-kept list."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TypeVar

from mantlet.detectors.base import Detector

_REGISTRY: dict[str, type[Detector]] = {}
_loaded = False

D = TypeVar("D", bound=type[Detector])


def register(cls: D) -> D:
    name = cls.name
    if name in _REGISTRY and _REGISTRY[name] is not cls:
        raise ValueError(f"two detectors are named {name!r}")
    _REGISTRY[name] = cls
    return cls


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    import mantlet.detectors as package

    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
    _loaded = True


def detector_classes() -> dict[str, type[Detector]]:
    """Every registered detector class, by name."""
    _load_all()
    return dict(sorted(_REGISTRY.items()))
