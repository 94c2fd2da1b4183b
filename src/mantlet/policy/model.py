"""The policy file's shape: pydantic models that refuse unknown fields.

A policy maps findings to actions per direction (input / output), per environment
(prod / test) and per role, and says which models a role may use, which data classes
may leave in a prompt and which output categories a role may receive.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mantlet.findings import Category

Action = Literal["allow", "flag", "mask", "redact", "hash", "pseudonymize", "strip", "block"]
Environment = Literal["prod", "test"]

# How strongly an action acts, so one text's overall action is the strongest of its findings.
ACTION_RANK: dict[str, int] = {
    "allow": 0,
    "flag": 1,
    "mask": 2,
    "hash": 2,
    "redact": 2,
    "pseudonymize": 2,
    "strip": 2,
    "block": 3,
}
TRANSFORM_ACTIONS = frozenset({"mask", "hash", "redact", "pseudonymize", "strip"})
# Categories whose findings describe what kind of output a reply is (code, content, links).
OUTPUT_KIND_CATEGORIES = frozenset({Category.CODE, Category.CONTENT, Category.URL})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(Strict):
    """What to do with findings of one category or label."""

    action: Action
    threshold: float = Field(default=0.0, ge=0.0, le=1.0, description="act only on scores >= this")
    except_in_prompt: bool = Field(
        default=False, description="output only: leave values the caller itself sent in its prompt"
    )


class RuleSet(Strict):
    """Rules by category, and by label (a label rule wins over its category's rule)."""

    categories: dict[Category, Rule] = Field(default_factory=dict)
    labels: dict[str, Rule] = Field(default_factory=dict)


class DirectionPolicy(RuleSet):
    """Rules for one direction; `indirect` overrides them for tool and function results
    (text the model reads but the caller did not write, e.g. retrieved documents)."""

    indirect: RuleSet = Field(default_factory=RuleSet)


class Overrides(Strict):
    """Partial rules layered over the base ones (per environment or per role)."""

    input: DirectionPolicy = Field(default_factory=DirectionPolicy)
    output: DirectionPolicy = Field(default_factory=DirectionPolicy)


class RoleLimits(Strict):
    requests_per_minute: int | None = Field(default=None, gt=0)
    tokens_per_minute: int | None = Field(default=None, gt=0)
    concurrent: int | None = Field(default=None, gt=0)


class RolePolicy(Overrides):
    """What one role may do."""

    models: list[str] = Field(default_factory=lambda: ["*"], description="glob patterns")
    allowed_data_classes: list[str] = Field(
        default_factory=list,
        description="categories or labels (PII, EMAIL, PII:EMAIL) that may leave in a prompt",
    )
    output_categories: list[str] | None = Field(
        default=None,
        description="CODE/CONTENT/URL categories or CATEGORY:LABEL the role may receive; "
        "unset means all; anything else is blocked",
    )
    limits: RoleLimits = Field(
        default_factory=lambda: RoleLimits(),
        description="for each API key or token subject of the role",
    )
    role_limits: RoleLimits = Field(
        default_factory=lambda: RoleLimits(), description="shared by every caller of the role"
    )
    environments: dict[Environment, Overrides] = Field(default_factory=dict)


class DetectorErrorPolicy(Strict):
    """Fail closed: a detector that raised blocks the text unless its category says otherwise."""

    default: Literal["block", "allow"] = "block"
    categories: dict[Category, Literal["block", "allow"]] = Field(default_factory=dict)


class CanaryPolicy(Strict):
    """A secret marker planted in the system prompt; its appearance in a reply is a leak."""

    models: list[str] = Field(
        default_factory=list, description="glob patterns of models whose requests get a canary"
    )


class AuditPolicy(Strict):
    record_raw_content: bool = Field(
        default=False,
        description="keep request and response text in audit events, encrypted (off: hashes only)",
    )


class Policy(Strict):
    version: Literal[1] = 1
    name: str = "custom"
    input: DirectionPolicy = Field(default_factory=DirectionPolicy)
    output: DirectionPolicy = Field(default_factory=DirectionPolicy)
    environments: dict[Environment, Overrides] = Field(default_factory=dict)
    roles: dict[str, RolePolicy] = Field(
        default_factory=lambda: {"*": RolePolicy()},
        description="per role; '*' applies to roles not listed; a role with no entry is denied",
    )
    on_detector_error: DetectorErrorPolicy = Field(default_factory=DetectorErrorPolicy)
    canary: CanaryPolicy = Field(default_factory=CanaryPolicy)
    audit: AuditPolicy = Field(default_factory=AuditPolicy)

    @field_validator("roles")
    @classmethod
    def _roles_named(cls, roles: dict[str, RolePolicy]) -> dict[str, RolePolicy]:
        for name in roles:
            if not name.strip():
                raise ValueError("role names must not be empty")
        return roles
