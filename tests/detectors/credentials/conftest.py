from __future__ import annotations

import pytest

from mantlet import Engine
from mantlet.detectors.secrets import SecretsDetector


@pytest.fixture(scope="session")
def secrets_engine() -> Engine:
    """Pure-Python matching: the same findings as Hyperscan by construction (checked apart)."""
    return Engine([SecretsDetector()], backend="python")
