"""Policy: validation with field and line, the default policy's decisions, layering by
environment and role, model allow-lists, data classes, output categories, fail closed."""

from __future__ import annotations

import pytest

from mantlet.engine import DetectorFailure
from mantlet.findings import Category, Finding, Severity
from mantlet.policy import CompiledPolicy, PolicyError, load_policy, parse_policy


def finding(
    category: Category, label: str, score: float = 0.9, start: int = 0, end: int = 5
) -> Finding:
    return Finding(start, end, "test", category, label, score, Severity.HIGH, "x…y")


@pytest.fixture(scope="module")
def default() -> CompiledPolicy:
    return CompiledPolicy(load_policy(), {"test": (Category.PII,)})


def actions(decision: object) -> list[str]:
    return [v.action for v in decision.verdicts]  # type: ignore[attr-defined]


def test_default_input_actions(default: CompiledPolicy) -> None:
    table = default.table("input", "anyone", "prod")
    assert table is not None
    found = [
        finding(Category.INJECTION, "IGNORE"),
        finding(Category.SECRET, "AWS_KEY"),
        finding(Category.PII, "EMAIL"),
        finding(Category.HIDDEN_TEXT, "UNICODE_TAGS"),
    ]
    decision = table.decide(found)
    assert actions(decision) == ["block", "redact", "pseudonymize", "strip"]
    assert decision.blocked and decision.action == "block"
    assert decision.reasons() == [{"category": "INJECTION", "label": "IGNORE", "action": "block"}]
    assert decision.policy_version == default.version


def test_indirect_text_has_its_own_injection_threshold(default: CompiledPolicy) -> None:
    table = default.table("input", "anyone", "prod")
    assert table is not None
    # A user may talk about instructions; a tool result has no business giving any.
    middling = [finding(Category.INJECTION, "IGNORE", score=0.8)]
    assert not table.decide(middling, source="direct").blocked
    assert table.decide(middling, source="indirect").blocked


def test_output_pii_the_caller_sent_is_left_alone(default: CompiledPolicy) -> None:
    table = default.table("output", "anyone", "prod")
    assert table is not None
    text = "mail ann@example.com or bob@example.com"
    own = finding(Category.PII, "EMAIL", start=5, end=20)
    other = finding(Category.PII, "EMAIL", start=24, end=39)
    decision = table.decide([own, other], text=text, prompt="please mail ann@example.com")
    assert actions(decision) == ["allow", "redact"]


def test_detector_failure_blocks_by_default(default: CompiledPolicy) -> None:
    table = default.table("input", "anyone", "prod")
    assert table is not None
    decision = table.decide([], failures=[DetectorFailure("test", "RuntimeError")])
    assert decision.blocked
    assert decision.reasons()[0]["label"] == "DETECTOR_ERROR"


POLICY = """\
version: 1
name: layered
input:
  categories:
    PII: {action: redact}
environments:
  test:
    input:
      categories:
        PII: {action: allow}
roles:
  analyst:
    models: ["gpt-4o*"]
    allowed_data_classes: ["PII:EMAIL"]
    output_categories: ["CODE:SQL"]
  admin:
    models: ["*"]
    input:
      labels:
        PHONE: {action: block}
on_detector_error:
  default: block
  categories:
    PII: allow
"""


def test_layers_environment_and_role() -> None:
    policy = CompiledPolicy(parse_policy(POLICY), {"pii_thing": (Category.PII,)})
    phone = finding(Category.PII, "PHONE")
    email = finding(Category.PII, "EMAIL")
    prod_admin = policy.table("input", "admin", "prod")
    test_admin = policy.table("input", "admin", "test")
    analyst = policy.table("input", "analyst", "prod")
    assert prod_admin and test_admin and analyst
    assert actions(prod_admin.decide([phone, email])) == ["block", "redact"]
    assert actions(test_admin.decide([email])) == ["allow"]
    assert actions(analyst.decide([email, phone])) == ["allow", "redact"]
    assert policy.table("input", "stranger", "prod") is None  # no '*' role: denied
    assert policy.may_use_model("analyst", "gpt-4o-mini")
    assert not policy.may_use_model("analyst", "o3")
    assert policy.may_use_model("admin", "anything")
    output = policy.table("output", "analyst", "prod")
    assert output is not None
    shell = finding(Category.CODE, "SHELL")
    sql = finding(Category.CODE, "SQL")
    assert actions(output.decide([shell, sql])) == ["block"]
    errors = prod_admin.decide([], failures=[DetectorFailure("pii_thing", "KeyError")])
    assert actions(errors) == ["allow"]


def test_errors_name_the_field_and_the_line() -> None:
    text = "version: 1\ninput:\n  categories:\n    PII: {action: nuke}\n    SECRET: {action: redact, colour: 1}\n"
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "p.yaml")
    issues = [(i.field, i.line) for i in caught.value.issues]
    assert issues == [("input.categories.PII.action", 4), ("input.categories.SECRET.colour", 5)]
    assert "unknown field" in str(caught.value)


def test_unknown_category_and_duplicate_key_are_errors() -> None:
    with pytest.raises(PolicyError, match="line 3"):
        parse_policy("input:\n  categories:\n    NOPE: {action: block}\n")
    with pytest.raises(PolicyError, match="duplicate key"):
        parse_policy("name: a\nname: b\n")
    with pytest.raises(PolicyError, match="line 2"):
        parse_policy("version: [1\n")


def test_version_changes_with_content() -> None:
    a = CompiledPolicy(parse_policy("name: a\n"))
    b = CompiledPolicy(parse_policy("name: b\n"))
    assert a.version != b.version
    assert a.version == CompiledPolicy(parse_policy("name: a\n")).version
