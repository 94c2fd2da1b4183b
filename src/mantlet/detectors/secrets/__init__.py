"""Secrets: known credential formats (a table of data, one row per format), generic
`password = ...` assignments, and high-entropy strings gated by context."""

from __future__ import annotations

from mantlet.detectors.secrets.detector import SecretsDetector
from mantlet.detectors.secrets.format import SecretFormat
from mantlet.detectors.secrets.table import FORMATS

__all__ = ["FORMATS", "SecretFormat", "SecretsDetector"]
