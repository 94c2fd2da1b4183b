"""Output safety for generated code: insecure-code rules (CODE), output categories
(CONTENT) and exfiltration links (URL)."""

from __future__ import annotations

from mantlet.detectors.code.analysis import CodeAnalysis, analyze_code
from mantlet.detectors.code.detector import InsecureCodeDetector
from mantlet.detectors.code.extraction import CodeBlock, extract_blocks
from mantlet.detectors.code.language import identify

__all__ = [
    "CodeAnalysis",
    "CodeBlock",
    "InsecureCodeDetector",
    "analyze_code",
    "extract_blocks",
    "identify",
]
