"""The shipped injection classifier: a linear model over hashed n-grams, run with numpy.

Loaded lazily, once per process, from `mantlet/data/injection/model.npz` (written by
`mantlet train injection`). Scores are calibrated on a held-out split: see `calibrate`.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from mantlet.detectors.injection.features import FEATURE_VERSION, N_FEATURES, feature_ids
from mantlet.errors import ConfigError

MODEL_RESOURCE = ("mantlet", "data/injection/model.npz")


@dataclass(frozen=True, slots=True)
class Logits:
    attack: float  # log-odds that the text is an attack (uncalibrated, stage one)
    jailbreak: float  # log-odds that an attack is a jailbreak rather than an injection


@dataclass(frozen=True)
class InjectionModel:
    """Stage one: attack and jailbreak-vs-injection weights. Stage two: a logistic
    calibration over (stage-one logit, strongest rule weight, number of rule families)."""

    attack_weights: npt.NDArray[np.float32]
    attack_bias: float
    kind_weights: npt.NDArray[np.float32]
    kind_bias: float
    calibration: npt.NDArray[np.float64]  # [a_logit, a_rule, a_families, bias]

    def logits(self, text: str) -> Logits:
        ids = feature_ids(text)
        if len(ids) == 0:
            return Logits(self.attack_bias, self.kind_bias)
        norm = 1.0 / math.sqrt(len(ids))
        attack = float(self.attack_weights[ids].sum()) * norm + self.attack_bias
        kind = float(self.kind_weights[ids].sum()) * norm + self.kind_bias
        return Logits(attack, kind)

    def calibrate(self, logit: float, rule_weight: float, families: int) -> float:
        """The probability of an attack (0..1), from a held-out calibration split with
        classes weighted equally: the same score means the same odds whatever the input."""
        a, r, f, b = (float(x) for x in self.calibration)
        z = a * logit + r * rule_weight + f * min(families, 4) + b
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    @classmethod
    def load(cls, path: Path) -> InjectionModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                version = int(data["feature_version"])
                if version != FEATURE_VERSION or data["attack_weights"].shape != (N_FEATURES,):
                    raise ConfigError(
                        f"injection model {path.name} was built for feature version {version}; "
                        f"this Mantlet uses {FEATURE_VERSION}: retrain with `make model`"
                    )
                return cls(
                    attack_weights=data["attack_weights"].astype(np.float32),
                    attack_bias=float(data["attack_bias"]),
                    kind_weights=data["kind_weights"].astype(np.float32),
                    kind_bias=float(data["kind_bias"]),
                    calibration=data["calibration"].astype(np.float64),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(
                f"cannot load injection model {path.name}: {type(exc).__name__}"
            ) from None


_lock = threading.Lock()
_model: InjectionModel | None = None


def default_model_path() -> Path:
    package, name = MODEL_RESOURCE
    return Path(str(resources.files(package).joinpath(name)))


def shipped_model() -> InjectionModel:
    """The model shipped in the package, loaded on first use and kept."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = InjectionModel.load(default_model_path())
    return _model
