"""The insecure-code detector as users meet it: code in model output, findings in place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest

from mantlet import Engine
from mantlet.detectors.base import Detector, Match
from mantlet.detectors.code import InsecureCodeDetector, extract_blocks, identify, secrets_bridge
from mantlet.findings import Category, Finding, Severity
from mantlet.patterns import Pattern
from mantlet.text import Document

ANSWER = """Sure! Here is a helper:

```python
import subprocess

def ping(host):
    return subprocess.check_output("ping -c 1 " + host, shell=True)
```

And the query:

```js
db.query("SELECT * FROM users WHERE id = " + req.params.id);
```
"""


def scan(text: str) -> list[Finding]:
    return list(Engine(only=["CODE"]).scan(text).findings)


def test_findings_point_at_the_code_in_the_original_output() -> None:
    findings = scan(ANSWER)
    by_label = {f.label: f for f in findings}
    assert set(by_label) == {"CWE-78", "CWE-89"}
    cmd = by_label["CWE-78"]
    assert ANSWER[cmd.start : cmd.end].startswith("subprocess.check_output(")
    assert cmd.category is Category.CODE
    assert cmd.severity is Severity.HIGH
    assert "shell=True" in cmd.reason
    sql = by_label["CWE-89"]
    assert "SELECT" in ANSWER[sql.start : sql.end]


def test_prose_without_code_is_skipped() -> None:
    assert (
        scan("Always validate input and prefer parameterized queries over string building.") == []
    )


def test_safe_code_gets_no_finding() -> None:
    safe = (
        "```python\nimport subprocess\nsubprocess.run(['ping', '-c', '1', host], check=True)\n```"
    )
    assert scan(safe) == []


def test_extraction_keeps_offsets_for_fenced_indented_and_whole_text() -> None:
    text = "Intro\n\n```c\nint x;\n```\n"
    (block,) = extract_blocks(text)
    assert block.tag == "c" and text[block.start : block.end] == "int x;\n"
    indented = "Run this:\n\n    import os\n    os.remove(path)\n\nDone."
    (block,) = extract_blocks(indented)
    assert block.kind == "indented"
    assert indented[block.start : block.end] == "    import os\n    os.remove(path)"
    whole = "def f(x):\n    return x + 1\n"
    assert extract_blocks(whole)[0].kind == "whole"
    unclosed = "```bash\nrm -rf build\n"
    assert extract_blocks(unclosed)[0].text == "rm -rf build\n"


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("def f(a):\n    if a:\n        return None\n", "python"),
        ("const x = require('fs');\nconsole.log(x);", "javascript"),
        (
            "public class A {\n  public static void main(String[] args) {\n    System.out.println(1);\n  }\n}",
            "java",
        ),
        ('#include <stdio.h>\nint main(void) {\n  printf("hi");\n  return 0;\n}', "c"),
        ("#include <iostream>\nint main() { std::cout << 1; }", "cpp"),
        ('using System;\nnamespace A { class B { string s = "x"; } }', "csharp"),
        ('package main\nimport "fmt"\nfunc main() {\n  fmt.Println(1)\n}', "go"),
        ("<?php\n$x = $_GET['a'];\necho $x;", "php"),
        ("class A\n  def hi\n    puts 'x'\n  end\nend", "ruby"),
        ("fn main() {\n    let mut v: Vec<u8> = Vec::new();\n    v.push(1);\n}", "rust"),
        ("#!/bin/bash\nset -e\necho hi", "shell"),
        ("SELECT name FROM users\nWHERE id = 1;", "sql"),
    ],
)
def test_language_is_identified_from_content(code: str, language: str) -> None:
    assert identify(code) == language


def test_fence_tag_wins_over_content() -> None:
    assert identify("x = 1", "py") == "python"
    assert identify("print(1)", "ts") == "javascript"


def test_rule_metadata_for_sarif() -> None:
    facts = InsecureCodeDetector.rule_metadata("CWE-78")
    assert facts["owasp"] == "A03:2021-Injection"
    assert "CWE-78" in facts["tags"] and "security" in facts["tags"]  # type: ignore[operator]
    assert isinstance(facts["help"], str) and facts["help"]
    assert facts["name"] == "OS command injection"
    assert InsecureCodeDetector.rule_metadata("NOT-A-CWE") == {}


class _FakeSecrets(Detector):
    name = "fake_secret"
    category = Category.SECRET
    labels = ("API_KEY",)
    patterns = (Pattern("key", r"sk_live_[A-Za-z0-9]{16,}", 0, ("sk_live_",)),)

    def detect(self, document: Document, matches: Sequence[Match]) -> Iterable[Finding]:
        for m in matches:
            yield self.finding(document, m.span(), "API_KEY", 0.95, Severity.HIGH)


def test_engine_secret_findings_in_code_become_cwe_798(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets_bridge, "_secret_engine", lambda: Engine([_FakeSecrets()]))
    text = "```python\nimport stripe\nstripe.api_key = STRIPE_KEY or 'sk_live_abcdefghijklmnop1234'\n```"
    findings = [f for f in scan(text) if f.label == "CWE-798"]
    assert findings
    raw = "sk_live_abcdefghijklmnop1234"
    assert text[findings[0].start : findings[0].end] == raw
    assert raw not in findings[0].evidence


def test_hardcoded_password_assignment_is_cwe_798_and_masked() -> None:
    text = '```python\nDB_PASSWORD = "hunter2-prod-Secret"\n```'
    (finding,) = [f for f in scan(text) if f.label == "CWE-798"]
    assert text[finding.start : finding.end] == "hunter2-prod-Secret"
    assert "hunter2-prod-Secret" not in finding.evidence


def test_a_validated_path_is_not_reported_but_an_unvalidated_one_is() -> None:
    unchecked = (
        "from flask import request\n"
        "def download():\n"
        "    name = request.args['name']\n"
        "    return open('files/%s' % name).read()\n"
    )
    checked = unchecked.replace("    return", "    validate_filename(name)\n    return")
    assert [f.label for f in scan(unchecked)] == ["CWE-22"]
    assert scan(checked) == []


def test_sql_with_bound_values_and_a_formatted_table_name_is_not_reported() -> None:
    code = 'cur.execute("SELECT a FROM {} WHERE b = ?".format(TABLES[kind]), (b,))\n'
    assert scan("```python\n" + code + "```") == []
    assert scan(
        "```python\n" + code.replace("?", "'{}'").replace("TABLES[kind]), (b,)", "t, b)") + "```"
    )


def test_dangerous_calls_named_only_in_comments_are_not_reported() -> None:
    code = (
        "```c\n"
        "/* never use gets(buf) here */\n"
        "void read_name(char *buf, size_t n) {\n"
        "    // strcpy(buf, src) would overflow\n"
        "    fgets(buf, (int)n, stdin);\n"
        "}\n```"
    )
    assert scan(code) == []
    assert [f.label for f in scan(code.replace("fgets(buf, (int)n, stdin)", "gets(buf)"))] == [
        "CWE-120"
    ]


@pytest.mark.parametrize(
    "line",
    [
        'PASSWORD_FIELD = "password_hash"',
        'password_template = "auth/password_reset.html"',
        'api_key = "YOUR_API_KEY"',
        'password = "<password>"',
        'password = os.environ["DB_PASSWORD"]',
    ],
)
def test_names_templates_and_placeholders_are_not_hardcoded_credentials(line: str) -> None:
    assert scan("```python\n" + line + "\n```") == []
