"""Policy: findings in, actions out. The model, the built-in default, the loader and the
compiled decision tables."""

from __future__ import annotations

from mantlet.policy.decisions import CompiledPolicy, Decision, RuleTable, Verdict, policy_version
from mantlet.policy.defaults import DEFAULT_POLICY_YAML
from mantlet.policy.loader import PolicyError, PolicyIssue, load_policy, parse_policy
from mantlet.policy.model import Action, Policy, RolePolicy, Rule

__all__ = [
    "DEFAULT_POLICY_YAML",
    "Action",
    "CompiledPolicy",
    "Decision",
    "Policy",
    "PolicyError",
    "PolicyIssue",
    "RolePolicy",
    "Rule",
    "RuleTable",
    "Verdict",
    "load_policy",
    "parse_policy",
    "policy_version",
]
