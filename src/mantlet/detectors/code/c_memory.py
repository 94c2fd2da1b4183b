"""Use after free and double free in C/C++, found along the text of one function.

A pointer freed and then used (or freed again) later in the same block, with no
reassignment and no return/goto/break between the free and the end of its block.
Path-insensitive on purpose: cheap, and the skip rules keep the noise down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mantlet.detectors.code.rules import RuleHit
from mantlet.findings import Severity

_FREE_RE = re.compile(
    r"(?<![\w.>])(?:free|kfree|g_free|vfree|av_free|delete(?:\s*\[\s*\])?)\s*\(?\s*"
    r"(?P<ptr>[A-Za-z_]\w*(?:(?:->|\.)\w+)*)\s*\)?\s*;"
)
_EXIT_RE = re.compile(r"\b(?:return|goto|break|continue|exit|abort|longjmp|throw)\b")
_MAX_SCAN = 4000


def memory_hits(code: str) -> Iterator[RuleHit]:
    for m in _FREE_RE.finditer(code):
        ptr = m.group("ptr")
        after = m.end()
        block_end = _block_end(code, after)
        tail = code[after:block_end]
        if _EXIT_RE.search(tail) or "else" in code[block_end : block_end + 12]:
            continue  # this path leaves (or branches) before anything below runs
        use = _next_use(code, ptr, after, min(len(code), after + _MAX_SCAN))
        if use is None:
            continue
        kind, start, end = use
        if kind == "free":
            yield RuleHit(
                "c.double-free", "CWE-415", "pointer freed twice", Severity.HIGH, start, end, 0.7
            )
        else:
            yield RuleHit(
                "c.use-after-free",
                "CWE-416",
                "pointer used after free",
                Severity.HIGH,
                start,
                end,
                0.6,
            )


def _block_end(code: str, pos: int) -> int:
    """Where the brace block holding `pos` closes (or the end of the code)."""
    depth = 0
    for i in range(pos, min(len(code), pos + _MAX_SCAN)):
        ch = code[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
    return min(len(code), pos + _MAX_SCAN)


def _next_use(code: str, ptr: str, start: int, stop: int) -> tuple[str, int, int] | None:
    token = re.compile(r"(?<![\w.>])" + re.escape(ptr) + r"(?![\w])")
    for m in token.finditer(code, start, stop):
        rest = code[m.end() : m.end() + 4]
        if re.match(r"\s*=(?!=)", rest):
            return None  # reassigned (e.g. ptr = NULL): later uses are of a new value
        before = code[max(0, m.start() - 24) : m.start()]
        if re.search(r"(?:free|kfree|g_free|vfree|delete(?:\s*\[\s*\])?)\s*\(?\s*$", before):
            return "free", m.start(), m.end()
        if re.search(r"(?:sizeof|if\s*\(|!|==|!=)\s*\(?\s*$", before) or re.match(
            r"\s*(?:==|!=)", rest
        ):
            continue  # a comparison or sizeof does not dereference
        return "use", m.start(), m.end()
    return None
