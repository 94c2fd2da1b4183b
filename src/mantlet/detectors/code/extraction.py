"""Find the code in a model's output: fenced blocks, indented blocks, or the whole text.

Every block keeps its offset into the original output, so a finding in a block points at
the characters the model wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE_RE = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n", re.MULTILINE
)
# Signs that a line is code rather than prose.
_CODE_LINE_RE = re.compile(
    r"""(?x)
    [;{}]\s*$                                   # statement ends, braces
    | ^\s*(?:def|class|import|from|return|if|elif|else|for|while|try|except|with|fn|func|
          function|const|let|var|public|private|protected|static|package|using|namespace|
          \#include|\#define|\#!|SELECT|INSERT|UPDATE|DELETE|CREATE|echo|sudo|export|
          let|mut|impl|use|struct|enum|switch|case|end|require|include|puts|print|printf)\b
    | ^\s*[\w.\[\]'"]+\s*(?:=|\+=|:=|->|=>)\s*\S   # assignments
    | ^\s*(?:\#|//|/\*|\*|--)\s                 # comments
    | ^\s*[\w.]+\(.*\)\s*:?\s*$                 # calls, python defs
    | ^\s*(?:\$\s)?(?:[a-z][\w.-]*)(?:\s+-{1,2}[\w-]+)+  # command lines with flags
    | ^\s*<\?php | ^\s*<\w+[^>]*>\s*$ | ^\s*[)\]}]
    """,
    re.MULTILINE,
)


_RATIO_LINES = 150  # enough lines to judge a text; keeps long inputs cheap


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A run of code inside the output: its text, where it starts, and the fence's tag."""

    text: str
    start: int
    tag: str = ""  # the fence's info string (lower case), "" when untagged
    kind: str = "fenced"  # fenced, indented, whole

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def code_line_ratio(text: str) -> float:
    """The share of non-blank lines that look like code."""
    lines = [line for line in text.splitlines() if line.strip()][:_RATIO_LINES]
    if not lines:
        return 0.0
    hits = sum(1 for line in lines if _CODE_LINE_RE.search(line))
    return hits / len(lines)


def extract_blocks(text: str) -> list[CodeBlock]:
    """Fenced blocks first; without any, indented blocks; else the whole text if it reads as code."""
    blocks = list(_fenced_blocks(text))
    if blocks:
        return blocks
    if "\n" not in text.strip():
        return [CodeBlock(text, 0, "", "whole")] if code_line_ratio(text) >= 1.0 else []
    indented = _indented_blocks(text)
    if indented:
        outside = "\n".join(
            line for line in text.splitlines() if not line.startswith(("    ", "\t"))
        )
        if outside.strip() and code_line_ratio(outside) < 0.5:  # prose around indented code
            return [b for b in indented if code_line_ratio(b.text) >= 0.5]
    ratio = code_line_ratio(text)
    if ratio >= 0.5 or (ratio >= 0.2 and _parses_as_python(text)):
        return [CodeBlock(text, 0, "", "whole")]
    return []


def _parses_as_python(text: str) -> bool:
    """Python with long strings or docstrings has few code-looking lines but parses."""
    from mantlet.detectors.code.python_ast import parse_python

    return parse_python(text) is not None


def _fenced_blocks(text: str) -> list[CodeBlock]:
    blocks: list[CodeBlock] = []
    pos = 0
    while True:
        opening = _FENCE_RE.search(text, pos)
        if opening is None:
            return blocks
        fence = opening.group("fence")
        closing = re.compile(
            r"^[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
            re.MULTILINE,
        ).search(text, opening.end())
        body_end = closing.start() if closing else len(text)  # an unclosed fence runs to the end
        tag = opening.group("info").strip().split(maxsplit=1)
        blocks.append(
            CodeBlock(
                text[opening.end() : body_end],
                opening.end(),
                tag[0].lower().strip("{}.") if tag else "",
                "fenced",
            )
        )
        if closing is None:
            return blocks
        pos = closing.end()


def _indented_blocks(text: str) -> list[CodeBlock]:
    """Markdown indented code: runs of lines indented by four spaces or a tab."""
    blocks: list[CodeBlock] = []
    run_start: int | None = None
    run_end = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        indented = body.startswith(("    ", "\t")) and body.strip() != ""
        blank = body.strip() == ""
        if indented:
            if run_start is None:
                run_start = offset
            run_end = offset + len(body)
        elif not blank and run_start is not None:
            blocks.append(CodeBlock(text[run_start:run_end], run_start, "", "indented"))
            run_start = None
        offset += len(line)
    if run_start is not None:
        blocks.append(CodeBlock(text[run_start:run_end], run_start, "", "indented"))
    return blocks
