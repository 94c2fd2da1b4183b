"""Loading a policy file: YAML parsed with line numbers, validated once, errors that name
the field and the line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mantlet.errors import ConfigError
from mantlet.policy.defaults import DEFAULT_POLICY_YAML
from mantlet.policy.model import Policy


@dataclass(frozen=True, slots=True)
class PolicyIssue:
    """One problem in a policy file: where it is and what is wrong."""

    field: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.field or '(top level)'}: {self.message}"


class PolicyError(ConfigError):
    """A policy file is invalid; `issues` lists each problem with its field and line."""

    def __init__(self, source: str, issues: list[PolicyIssue]) -> None:
        self.source = source
        self.issues = issues
        listed = "\n".join(f"  {source}: {issue}" for issue in issues)
        super().__init__(f"invalid policy {source}:\n{listed}")


def _construct(node: yaml.Node, issues: list[PolicyIssue], path: str) -> Any:
    """Plain data from a YAML node, refusing duplicate keys (YAML would silently keep one)."""
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, issues, path)
            where = f"{path}.{key}" if path else str(key)
            if key in result:
                issues.append(PolicyIssue(where, key_node.start_mark.line + 1, "duplicate key"))
            result[key] = _construct(value_node, issues, where)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, issues, f"{path}[{i}]") for i, item in enumerate(node.value)]
    return yaml.SafeLoader.construct_object(_SCALAR_LOADER, node)  # type: ignore[arg-type]


_SCALAR_LOADER = yaml.SafeLoader("")


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest node the error location reaches."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(part):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    """Validate policy YAML; raise PolicyError naming every bad field and its line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise PolicyError(source, [PolicyIssue("", line, str(problem))]) from None
    issues: list[PolicyIssue] = []
    data = _construct(root, issues, "") if root is not None else {}
    if not isinstance(data, dict):
        issues.append(PolicyIssue("", 1, "a policy is a mapping of fields"))
    if issues:
        raise PolicyError(source, issues)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            field = ".".join(str(p) for p in loc)
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown field"
            issues.append(PolicyIssue(field, _line_of(root, loc), message))
        raise PolicyError(source, issues) from None


def load_policy(path: str | Path | None = None) -> Policy:
    """The policy in a file, or the built-in default policy when no path is given."""
    if path is None:
        return parse_policy(DEFAULT_POLICY_YAML, "<default policy>")
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(str(file), [PolicyIssue("", None, type(exc).__name__)]) from None
    return parse_policy(text, str(file))
