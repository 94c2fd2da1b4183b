"""The insecure-code detector: code blocks in an output, each checked by its language's rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from mantlet.detectors.base import Detector, Match
from mantlet.detectors.code.analysis import analyze_code
from mantlet.detectors.code.cwe import CWE_INFO, rule_facts
from mantlet.detectors.code.extraction import extract_blocks
from mantlet.detectors.code.secrets_bridge import secret_hits
from mantlet.findings import Category, Finding
from mantlet.patterns import Pattern
from mantlet.registry import register
from mantlet.text import Document, ViewKind

MAX_BLOCK_CHARS = 200_000

# Cheap signs that a text holds code; prose without any of them is skipped untouched.
CODE_SIGNALS = (
    Pattern("fence", r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE, ("```", "~~~")),
    Pattern("statement_end", r"[;{}][ \t]*$", re.MULTILINE),
    Pattern(
        "code_keyword",
        r"^[ \t]*(?:def |class |import |from \S+ import|#include|#!/|<\?php|package |using |func |fn |"
        r"public |private |static |function |const |let |var |SELECT |INSERT |UPDATE |DELETE )",
        re.MULTILINE,
    ),
    Pattern("call", r"[A-Za-z0-9_]\("),  # name( : prose puts a space before a bracket
)


@register
class InsecureCodeDetector(Detector):
    """Category CODE, label = CWE id, reason = the rule's short name."""

    name = "insecure_code"
    category = Category.CODE
    labels = tuple(sorted(CWE_INFO))
    views = frozenset({ViewKind.ORIGINAL})
    patterns = CODE_SIGNALS
    examples: ClassVar[tuple[str, ...]] = (
        "Here you go:\n```python\nimport os\ndef run(name):\n    os.system('ls ' + name)\n```",
        "```c\nvoid copy(char *src) {\n  char buf[16];\n  strcpy(buf, src);\n}\n```",
        "cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
        "```js\nconst out = require('child_process').exec(`ping ${req.query.host}`);\n```",
    )
    counterexamples: ClassVar[tuple[str, ...]] = (
        "Use parameterized queries; never build SQL from strings.",
        "```python\ncursor.execute('SELECT * FROM users WHERE name = %s', (name,))\n```",
        '```c\nsnprintf(buf, sizeof buf, "%s", src);\n```',
    )

    @classmethod
    def rule_metadata(cls, label: str) -> dict[str, object]:
        return rule_facts(label) if label.startswith("CWE-") else {}

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for block in extract_blocks(document.text):
            code = block.text[:MAX_BLOCK_CHARS]  # bounded work per block; spans stay valid
            analysis = analyze_code(code, tag=block.tag)
            hits = list(analysis.hits) + list(secret_hits(code))
            for hit in hits:
                yield self.finding(
                    document,
                    (block.start + hit.start, block.start + hit.end),
                    hit.cwe,
                    hit.score,
                    hit.severity,
                    reason=hit.name,
                )
