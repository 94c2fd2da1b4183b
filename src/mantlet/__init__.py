"""Mantlet: a security gateway and toolkit for generative AI."""

from __future__ import annotations

from mantlet.engine import Engine, ScanResult, scan
from mantlet.errors import MantletError
from mantlet.findings import Category, Finding, Severity
from mantlet.text import Document
from mantlet.transforms import redact

__all__ = [
    "Category",
    "Document",
    "Engine",
    "Finding",
    "MantletError",
    "ScanResult",
    "Severity",
    "redact",
    "scan",
]
__version__ = "0.1.0"
