"""Cheap data flow for Python snippets: what a name was assigned, whether an expression is
constant, built by string formatting, or reached by request input or a function parameter.

Flow-insensitive within a function (every assignment counts) and depth-bounded, which is
enough for the short snippets models write.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

_MAX_DEPTH = 4
REQUEST = 2  # taint levels
PARAM = 1
NONE = 0

_SANITIZER_RE = re.compile(
    r"(?i)(?:^|[._])(?:valid\w*|sanitiz\w*|secure_filename|basename|safe_join|is_safe\w*|"
    r"check_\w*(?:path|name|url|host|key)\w*|escape\w*|quote|allowed\w*)$"
)
_REQUEST_ROOTS = frozenset({"request", "req", "flask.request", "self.request", "bottle.request"})
_INPUT_CALLS = frozenset({"input", "raw_input", "sys.stdin.read", "sys.stdin.readline"})


@dataclass
class Scope:
    """One function (or the module): its parameters and every value each name was given."""

    name: str
    params: frozenset[str]
    assigns: dict[str, list[ast.expr]] = field(default_factory=dict)
    parent: Scope | None = None
    # Arguments (as source text) of calls that look like validation: validate_x(v), basename(v).
    checked: set[str] = field(default_factory=set)

    def values(self, name: str) -> list[ast.expr] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.assigns:
                return scope.assigns[name]
            if name in scope.params:
                return None
            scope = scope.parent
        return None

    def is_param(self, name: str) -> bool:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.params:
                return name not in ("self", "cls")
            if name in scope.assigns:
                return False
            scope = scope.parent
        return False


def build_scope(node: ast.AST, parent: Scope | None) -> Scope:
    """The scope of a function or module: parameters and assignments in its body."""
    params: set[str] = set()
    name = ""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        args = node.args
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
            if a is not None:
                params.add(a.arg)
        name = getattr(node, "name", "")
    scope = Scope(name, frozenset(params), parent=parent)
    for child in _walk_own(node):
        if isinstance(child, ast.Call) and _SANITIZER_RE.search(dotted(child.func)):
            scope.checked.update(ast.unparse(a) for a in child.args)
        if isinstance(child, ast.Assign):
            for target in child.targets:
                _bind(scope, target, child.value)
        elif isinstance(child, ast.AnnAssign) and child.value is not None:
            _bind(scope, child.target, child.value)
        elif isinstance(child, ast.AugAssign) and isinstance(child.target, ast.Name):
            combined = ast.BinOp(left=ast.Name(child.target.id), op=child.op, right=child.value)
            scope.assigns.setdefault(child.target.id, []).append(combined)
        elif isinstance(child, ast.NamedExpr):
            _bind(scope, child.target, child.value)
        elif isinstance(child, ast.withitem) and child.optional_vars is not None:
            _bind(scope, child.optional_vars, child.context_expr)
        elif isinstance(child, ast.For):
            _bind(scope, child.target, child.iter)
    return scope


def _walk_own(node: ast.AST) -> list[ast.AST]:
    """Nodes of a scope's body, not descending into nested functions or classes."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        out.append(child)
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(child))
    return out


def _bind(scope: Scope, target: ast.expr, value: ast.expr) -> None:
    if isinstance(target, ast.Name):
        scope.assigns.setdefault(target.id, []).append(value)
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:  # a, b = ...: each gets the whole value (conservative)
            _bind(scope, element, value)


def dotted(node: ast.AST) -> str:
    """`a.b.c` for a Name/Attribute chain, else ""."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    if isinstance(node, ast.Call):  # request.args.get("x").strip(): keep the call's chain
        inner = dotted(node.func)
        return ".".join([inner, *reversed(parts)]) if inner else ""
    return ""


def const_str(node: ast.AST, scope: Scope, depth: int = 0) -> str | None:
    """The string a constant expression stands for, else None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return node.value
        if isinstance(node.value, bytes):
            return node.value.decode("latin-1")
        return None
    if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = (
            const_str(node.left, scope, depth + 1),
            const_str(node.right, scope, depth + 1),
        )
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.Name):
        values = scope.values(node.id)
        if values and len(values) == 1:
            return const_str(values[0], scope, depth + 1)
    return None


def is_constant(node: ast.AST, scope: Scope, depth: int = 0) -> bool:
    """True when the expression cannot carry outside data (literals, constants, sizes)."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(
            is_constant(v.value if isinstance(v, ast.FormattedValue) else v, scope, depth + 1)
            for v in node.values
        )
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(is_constant(e, scope, depth + 1) for e in node.elts)
    if isinstance(node, ast.BinOp):
        return is_constant(node.left, scope, depth + 1) and is_constant(
            node.right, scope, depth + 1
        )
    if isinstance(node, ast.UnaryOp):
        return is_constant(node.operand, scope, depth + 1)
    if isinstance(node, ast.Call) and dotted(node.func) in ("len", "int", "float", "bool"):
        return True  # numbers cannot inject
    if isinstance(node, ast.Name):
        if node.id.isupper() and scope.values(node.id) is None:
            return not scope.is_param(node.id)
        values = scope.values(node.id)
        return bool(values) and all(is_constant(v, scope, depth + 1) for v in values or ())
    if isinstance(node, ast.Attribute):
        return node.attr.isupper()
    return False


@dataclass(frozen=True, slots=True)
class Template:
    """A string built by formatting: its literal parts and the values put into it."""

    literal: str
    values: tuple[ast.expr, ...]


def template_of(node: ast.AST, scope: Scope, depth: int = 0) -> Template | None:
    """How a string is built, when it is built by f-string, %, .format() or +."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        values = tuple(v.value for v in node.values if isinstance(v, ast.FormattedValue))
        return Template(literal, values) if values else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left = const_str(node.left, scope)
        if left is None:
            return None
        right = node.right
        values = tuple(right.elts) if isinstance(right, ast.Tuple) else (right,)
        if isinstance(right, ast.Dict):
            values = tuple(v for v in right.values if v is not None)
        return Template(left, values)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        base = const_str(node.func.value, scope)
        if base is None:
            return None
        return Template(base, (*node.args, *(k.value for k in node.keywords)))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        pieces = _flatten_add(node)
        literals = [const_str(p, scope) for p in pieces]
        if not any(lit is not None for lit in literals):
            return None
        dynamic = tuple(p for p, lit in zip(pieces, literals, strict=True) if lit is None)
        if not dynamic:
            return None
        return Template("".join(lit for lit in literals if lit is not None), dynamic)
    if isinstance(node, ast.Name):
        for value in scope.values(node.id) or ():
            found = template_of(value, scope, depth + 1)
            if found is not None:
                return found
    return None


def _flatten_add(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def sanitized(node: ast.AST, scope: Scope) -> bool:
    """True when every outside value in the expression went through a validation-like call
    in scope (validate_key(v), secure_filename(v) ...): a cheap sanitizer model."""
    checked: set[str] = set()
    current: Scope | None = scope
    while current is not None:
        checked |= current.checked
        current = current.parent
    if not checked:
        return False
    roots = {m.group() for text in checked if (m := _ROOT_RE.match(text))}
    outside = [
        sub.id
        for sub in ast.walk(node)
        if isinstance(sub, ast.Name) and sub.id != "request" and taint(sub, scope) > NONE
    ]
    return bool(outside) and all(name in roots for name in outside)


_ROOT_RE = re.compile(r"[A-Za-z_]\w*")


def taint(node: ast.AST, scope: Scope, depth: int = 0) -> int:
    """REQUEST if request input can reach the expression, PARAM if a parameter can, else NONE."""
    if depth > _MAX_DEPTH:
        return NONE
    level = NONE
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute | ast.Name | ast.Call):
            name = dotted(sub.func if isinstance(sub, ast.Call) else sub)
            if name in _INPUT_CALLS and isinstance(sub, ast.Call):
                return REQUEST
            root = name.split(".")
            if len(root) >= 2 and (
                ".".join(root[:2]) in _REQUEST_ROOTS or root[0] in _REQUEST_ROOTS
            ):
                return REQUEST
            if name.startswith("sys.argv"):
                return REQUEST
        if isinstance(sub, ast.Name):
            if scope.is_param(sub.id):
                level = max(level, PARAM)
            elif sub.id in ("request", "req"):
                level = REQUEST
            else:
                for value in scope.values(sub.id) or ():
                    if value is not node:
                        level = max(level, taint(value, scope, depth + 1))
        if level == REQUEST:
            return level
    return level
