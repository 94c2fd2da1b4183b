"""Insecure-code rules for Python on its syntax tree, with the cheap data flow of `python_flow`."""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from mantlet.detectors.code.python_flow import (
    PARAM,
    REQUEST,
    Scope,
    build_scope,
    const_str,
    dotted,
    is_constant,
    taint,
    template_of,
)
from mantlet.detectors.code.python_rules import CallCheck, check_call
from mantlet.detectors.code.python_rules_web import check_assignment, check_web_call
from mantlet.detectors.code.rules import RuleHit
from mantlet.findings import Severity

SQL_RE = re.compile(
    r"(?is)^\W*(?:select\b.+?\bfrom\b|insert\s+(?:or\s+\w+\s+)?into\b|update\s+[\w.`\"\[\]]+\s+set\b|"
    r"delete\s+from\b|replace\s+into\b|(?:create|drop|alter|truncate)\s+(?:table|database|index|view)\b|"
    r"merge\s+into\b|with\s+\w+\s+as\s*\(|exec(?:ute)?\s+\w)"
)
_IDENT_SLOT_RE = re.compile(
    r"(?i)\b(?:from|into|update|table|join)\s+[`\"\[]?(?:\{[^}]*\}|%[sr])|(?:\{[^}]*\}|%[sr])[`\"\]]?\s*\.",
)
_PLACEHOLDER_RE = re.compile(r"\?|%\(\w+\)s|(?<![%\w]):\w+|\$\d")


@lru_cache(maxsize=8)
def parse_python(code: str) -> tuple[ast.Module, int] | None:
    """The tree of a snippet, and how many columns of indentation were removed to parse it.

    Cached: extraction asks whether a text parses, and analysis then needs the same tree."""
    try:
        return ast.parse(code), 0
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    dedented = textwrap.dedent(code)
    if dedented == code:
        return None
    margin = _margin(code)
    try:
        return ast.parse(dedented), margin
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _margin(code: str) -> int:
    widths = [len(line) - len(line.lstrip()) for line in code.splitlines() if line.strip()]
    return min(widths, default=0)


class _Locator:
    """Turns an AST position (line, UTF-8 column, dedented) into an offset in the snippet."""

    def __init__(self, code: str, margin: int) -> None:
        self.lines = code.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.margin = margin

    def offset(self, lineno: int, col: int) -> int:
        index = min(max(lineno - 1, 0), len(self.lines) - 1) if self.lines else 0
        if not self.lines:
            return 0
        line = self.lines[index]
        margin = self.margin if line.strip() else 0
        body = line[margin:]
        if not body.isascii():
            col = len(body.encode("utf-8")[:col].decode("utf-8", "ignore"))
        return self.starts[index] + margin + min(col, len(body))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end_line = getattr(node, "end_lineno", None) or node.lineno  # type: ignore[attr-defined]
        end_col = getattr(node, "end_col_offset", None)
        end = self.offset(end_line, end_col) if end_col is not None else start + 1
        return start, max(end, start + 1)


def analyze_python(code: str) -> list[RuleHit] | None:
    """Findings for a Python snippet, or None when it does not parse (patterns take over)."""
    parsed = parse_python(code)
    if parsed is None:
        return None
    try:
        return _analyze_tree(code, *parsed)
    except RecursionError:  # absurdly deep code: let the patterns judge it
        return None


def _analyze_tree(code: str, tree: ast.Module, margin: int) -> list[RuleHit]:
    locator = _Locator(code, margin)
    aliases = _import_aliases(tree)
    hits: list[RuleHit] = []
    for node, scope in _nodes_with_scope(tree):
        for check in _checks(node, scope, aliases):
            start, end = locator.span(check.node)
            hits.append(
                RuleHit(
                    check.rule_id,
                    check.cwe,
                    check.name,
                    Severity(check.severity),
                    start,
                    end,
                    check.score,
                )
            )
    return _outermost(hits)


_CONTINUATION = (")", "]", "}", "else", "elif", "except", "finally", "#", "case ")


def analyze_python_chunks(code: str) -> tuple[list[RuleHit], list[tuple[int, int]]]:
    """For a snippet that does not parse whole (cut out of a file, elided with `...`): the
    hits of each top-level chunk that parses, and the spans of the chunks that do not."""
    margin = _margin(code)
    lines = code.splitlines(keepends=True)
    starts: list[int] = []
    offset = 0
    for line in lines:
        body = line.strip()
        indent = len(line) - len(line.lstrip())
        if body and indent <= margin and not body.startswith(_CONTINUATION):
            starts.append(offset)
        offset += len(line)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = list(zip(starts, [*starts[1:], len(code)], strict=True))
    hits: list[RuleHit] = []
    unparsed: list[tuple[int, int]] = []
    for start, end in _merge_decorators(code, bounds):
        chunk = code[start:end]
        if not chunk.strip():
            continue
        found = analyze_python(chunk)
        if found is None:
            unparsed.append((start, end))
            continue
        hits.extend(replace(h, start=h.start + start, end=h.end + start) for h in found)
    return hits, unparsed


def _merge_decorators(code: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A decorator line belongs with the definition below it."""
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged and code[merged[-1][0] : merged[-1][1]].lstrip().startswith("@"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _outermost(hits: list[RuleHit]) -> list[RuleHit]:
    """One hit per construct: drop a hit inside another hit of the same rule (a + b + c)."""
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[RuleHit] = []
    for hit in hits:
        if any(
            k.rule_id == hit.rule_id and k.start <= hit.start and hit.end <= k.end for k in kept
        ):
            continue
        kept.append(hit)
    return kept


def _import_aliases(tree: ast.Module) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                aliases[a.asname or a.name.split(".")[0]] = (
                    a.name if a.asname else a.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def canonical(name: str, aliases: dict[str, str]) -> str:
    head, _, rest = name.partition(".")
    full = aliases.get(head)
    if full is None:
        return name
    return f"{full}.{rest}" if rest else full


def _nodes_with_scope(tree: ast.Module) -> Iterator[tuple[ast.AST, Scope]]:
    stack: list[tuple[ast.AST, Scope]] = [(tree, build_scope(tree, None))]
    while stack:
        node, scope = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                stack.append((child, build_scope(child, scope)))
            else:
                stack.append((child, scope))
            yield child, scope


def _checks(node: ast.AST, scope: Scope, aliases: dict[str, str]) -> Iterator[CallCheck]:
    if isinstance(node, ast.Call):
        name = canonical(dotted(node.func), aliases)
        yield from check_call(node, name, scope)
        yield from check_web_call(node, name, scope)
    elif isinstance(node, ast.Assign | ast.AnnAssign):
        yield from check_assignment(node, scope)
    if isinstance(node, ast.JoinedStr | ast.BinOp | ast.Call):
        sql = sql_injection(node, scope)
        if sql is not None:
            yield sql


def sql_injection(node: ast.AST, scope: Scope) -> CallCheck | None:
    """A SQL statement built by formatting with values that are not constants (CWE-89)."""
    template = template_of(node, scope) if not isinstance(node, ast.Name) else None
    if template is None or not SQL_RE.search(template.literal):
        return None
    dynamic = [
        v for v in template.values if not is_constant(v, scope) and not _placeholders(v, scope)
    ]
    if not dynamic:
        return None
    level = max(taint(v, scope) for v in dynamic)
    score = 0.9 if level == REQUEST else 0.8 if level == PARAM else 0.7
    if _IDENT_SLOT_RE.search(template.literal) and _PLACEHOLDER_RE.search(template.literal):
        score = 0.4  # values are bound; only identifiers (table names) are formatted in
    return CallCheck(
        node, "py.sql-format", "CWE-89", "SQL built by string formatting", "high", score
    )


def _placeholders(node: ast.AST, scope: Scope) -> bool:
    """`", ".join("?" * n)`-style expressions that only add bind markers."""
    for sub in ast.walk(node):
        text = const_str(sub, scope) if isinstance(sub, ast.Constant) else None
        if text is not None and text.strip(" ,()") in ("?", "%s", "?,", "%s,"):
            return True
    return False


__all__ = [
    "SQL_RE",
    "analyze_python",
    "analyze_python_chunks",
    "canonical",
    "const_str",
    "parse_python",
]
