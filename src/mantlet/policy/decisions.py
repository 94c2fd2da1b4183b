"""Decisions: a compiled policy applied to findings.

The policy is compiled once at start-up into one rule table per (direction, role,
environment); the request path only looks findings up in those tables.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from mantlet.engine import DetectorFailure
from mantlet.findings import Category, Finding, Severity
from mantlet.policy.model import (
    ACTION_RANK,
    OUTPUT_KIND_CATEGORIES,
    DirectionPolicy,
    Overrides,
    Policy,
    RolePolicy,
    Rule,
    RuleSet,
)

Direction = Literal["input", "output"]
Source = Literal["direct", "indirect"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The action decided for one finding, and why (never the raw value)."""

    finding: Finding
    action: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "category": self.finding.category.value,
            "label": self.finding.label,
            "detector": self.finding.detector,
            "score": round(self.finding.score, 4),
            "action": self.action,
            "reason": self.reason,
            "evidence": self.finding.evidence,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The policy's answer for one text: the strongest action and each finding's verdict."""

    direction: Direction
    verdicts: tuple[Verdict, ...]
    policy_version: str

    @property
    def action(self) -> str:
        return max((v.action for v in self.verdicts), key=ACTION_RANK.__getitem__, default="allow")

    @property
    def blocked(self) -> bool:
        return any(v.action == "block" for v in self.verdicts)

    @property
    def rewrites(self) -> tuple[Verdict, ...]:
        """Verdicts whose action rewrites the text (redact, pseudonymize, strip ...)."""
        return tuple(v for v in self.verdicts if ACTION_RANK[v.action] == 2)

    def reasons(self) -> list[dict[str, object]]:
        """Categories, labels and actions for a caller: safe to show, no values."""
        return [
            {"category": v.finding.category.value, "label": v.finding.label, "action": v.action}
            for v in self.verdicts
            if v.action == "block"
        ]


@dataclass(frozen=True, slots=True)
class _Table:
    categories: dict[Category, Rule]
    labels: dict[str, Rule]

    def rule(self, finding: Finding) -> Rule | None:
        qualified = f"{finding.category.value}:{finding.label}"
        return (
            self.labels.get(qualified)
            or self.labels.get(finding.label)
            or self.categories.get(finding.category)
        )


def _layer(base: _Table, rules: RuleSet) -> _Table:
    return _Table({**base.categories, **rules.categories}, {**base.labels, **rules.labels})


def _matches_any(patterns: Iterable[str], category: Category, label: str) -> bool:
    keys = (category.value, label, f"{category.value}:{label}")
    return any(fnmatch.fnmatchcase(k, p) for p in patterns for k in keys)


@dataclass(frozen=True)
class RuleTable:
    """The rules for one direction, role and environment."""

    direction: Direction
    direct: _Table
    indirect: _Table
    role: RolePolicy
    version: str
    on_error: dict[Category, str]
    error_default: str
    detector_categories: dict[str, tuple[Category, ...]] = field(default_factory=dict)

    def decide(
        self,
        findings: Sequence[Finding],
        *,
        source: Source = "direct",
        text: str = "",
        prompt: str = "",
        failures: Sequence[DetectorFailure] = (),
    ) -> Decision:
        """Each finding's action. `text` is the scanned text and `prompt` the caller's own
        prompt, used by `except_in_prompt` rules on output."""
        table = self.indirect if source == "indirect" else self.direct
        verdicts: list[Verdict] = []
        for finding in findings:
            verdict = self._verdict(table, finding, text, prompt)
            if verdict is not None:
                verdicts.append(verdict)
        verdicts.extend(self._failure_verdicts(failures))
        return Decision(self.direction, tuple(verdicts), self.version)

    def _verdict(self, table: _Table, finding: Finding, text: str, prompt: str) -> Verdict | None:
        category, label = finding.category, finding.label
        if self.direction == "input" and _matches_any(
            self.role.allowed_data_classes, category, label
        ):
            return Verdict(finding, "allow", "data class allowed for this role")
        if (
            self.direction == "output"
            and category in OUTPUT_KIND_CATEGORIES
            and self.role.output_categories is not None
            and not _matches_any(self.role.output_categories, category, label)
        ):
            return Verdict(finding, "block", "output category not allowed for this role")
        rule = table.rule(finding)
        if rule is None or finding.score < rule.threshold:
            return None
        if rule.except_in_prompt and prompt and text:
            value = text[finding.start : finding.end]
            if value and value in prompt:
                return Verdict(finding, "allow", "value is the caller's own")
        return Verdict(finding, rule.action, "policy rule")

    def _failure_verdicts(self, failures: Sequence[DetectorFailure]) -> Iterable[Verdict]:
        for failure in failures:
            categories = self.detector_categories.get(failure.detector, ())
            actions = [self.on_error.get(c, self.error_default) for c in categories]
            action = "block" if not actions or "block" in actions else "allow"
            category = categories[0] if categories else Category.CONTENT
            marker = Finding(0, 0, failure.detector, category, "DETECTOR_ERROR", 1.0, Severity.HIGH)
            yield Verdict(marker, action, f"detector failed: {failure.error}")


def policy_version(policy: Policy) -> str:
    """A short, stable hash of the validated policy: equal policies, equal versions."""
    canonical = json.dumps(policy.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


class CompiledPolicy:
    """A validated policy, ready for the request path."""

    def __init__(
        self, policy: Policy, detector_categories: dict[str, tuple[Category, ...]] | None = None
    ) -> None:
        self.policy = policy
        self.version = policy_version(policy)
        self._detector_categories = detector_categories or {}
        self._tables: dict[tuple[str, str, str], RuleTable] = {}
        self._model_patterns = {
            role: [re.compile(fnmatch.translate(p)) for p in rp.models]
            for role, rp in policy.roles.items()
        }
        self._canary = [re.compile(fnmatch.translate(p)) for p in policy.canary.models]

    def role(self, role: str) -> RolePolicy | None:
        roles = self.policy.roles
        return roles.get(role) or roles.get("*")

    def may_use_model(self, role: str, model: str) -> bool:
        key = role if role in self._model_patterns else "*"
        return any(p.match(model) for p in self._model_patterns.get(key, ()))

    def plants_canary(self, model: str) -> bool:
        return any(p.match(model) for p in self._canary)

    def categories(self, direction: Direction) -> frozenset[Category]:
        """Every category some rule of a direction acts on: the engine runs only these."""
        found: set[Category] = set()
        p = self.policy
        layers: list[Overrides | Policy] = [p, *p.environments.values()]
        for rp in p.roles.values():
            layers.append(rp)
            layers.extend(rp.environments.values())
        for layer in layers:
            rules_of_direction: DirectionPolicy = getattr(layer, direction)
            for rules in (rules_of_direction, rules_of_direction.indirect):
                found.update(c for c, r in rules.categories.items() if r.action != "allow")
                if rules.labels:
                    found.update(Category)  # a label may belong to any category
        if direction == "output" and any(
            rp.output_categories is not None for rp in p.roles.values()
        ):
            found.update(OUTPUT_KIND_CATEGORIES)
        return frozenset(found)

    def table(self, direction: Direction, role: str, env: str) -> RuleTable | None:
        """The rules for a direction, role and environment; None if the role is unknown."""
        key = (direction, role, env)
        table = self._tables.get(key)
        if table is None:
            role_policy = self.role(role)
            if role_policy is None:
                return None
            table = self._compile(direction, role_policy, env)
            self._tables[key] = table
        return table

    def _compile(self, direction: Direction, role_policy: RolePolicy, env: str) -> RuleTable:
        p = self.policy
        layers: list[DirectionPolicy] = [getattr(p, direction)]
        if env in p.environments:
            layers.append(getattr(p.environments[env], direction))  # type: ignore[index]
        layers.append(getattr(role_policy, direction))
        if env in role_policy.environments:
            layers.append(getattr(role_policy.environments[env], direction))  # type: ignore[index]
        direct = _Table({}, {})
        indirect = _Table({}, {})
        for layer in layers:
            direct = _layer(direct, layer)
            indirect = _layer(indirect, layer)
        for layer in layers:  # indirect rules win over direct ones for indirect text
            indirect = _layer(indirect, layer.indirect)
        return RuleTable(
            direction=direction,
            direct=direct,
            indirect=indirect,
            role=role_policy,
            version=self.version,
            on_error=dict(p.on_detector_error.categories),
            error_default=p.on_detector_error.default,
            detector_categories=self._detector_categories,
        )
