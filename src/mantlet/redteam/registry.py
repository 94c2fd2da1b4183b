"""The registry of red-team probes; every module in `mantlet.redteam.probes` registers its own."""

from __future__ import annotations

import importlib
import pkgutil

from mantlet.redteam.model import Probe

_PROBES: dict[str, Probe] = {}
_loaded = False


def register(probe: Probe) -> Probe:
    if probe.name in _PROBES and _PROBES[probe.name] is not probe:
        raise ValueError(f"two probes are named {probe.name!r}")
    _PROBES[probe.name] = probe
    return probe


def all_probes() -> dict[str, Probe]:
    global _loaded
    if not _loaded:
        import mantlet.redteam.probes as package

        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
        _loaded = True
    return dict(sorted(_PROBES.items()))


def select(names: str | None) -> list[Probe]:
    """Probes by comma-separated names or family names; all default probes when None."""
    probes = all_probes()
    if not names:
        return [p for p in probes.values() if p.default]
    chosen: list[Probe] = []
    for raw in names.split(","):
        key = raw.strip()
        matched = [
            p
            for p in probes.values()
            if p.name == key or p.family == key or p.name.startswith(key + ".")
        ]
        if not matched:
            raise ValueError(f"unknown probe or family {key!r}; known: {', '.join(probes)}")
        chosen.extend(p for p in matched if p not in chosen)
    return chosen
