"""`mantlet eval code` on a small labeled file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import mantlet.cli.eval_code  # noqa: F401 (registers the command)
from mantlet.cli.app import app
from mantlet.eval.code import evaluate_code, load_rows, same_family

ROWS = [
    {"code": "import os\ndef f(n):\n    os.system('rm ' + n)\n", "language": "python", "label": 1, "cwe": "CWE-78"},
    {"code": "import subprocess\ndef f(n):\n    subprocess.run(['rm', n])\n", "language": "python", "label": 0, "cwe": "CWE-78"},
    {"code": "void f(char *s) {\n  char b[8];\n  strcpy(b, s);\n}\n", "language": "c", "label": 1, "cwe": "CWE-787"},
    {"code": "int add(int a, int b) {\n  return a + b;\n}\n", "language": "c", "label": 1, "cwe": "CWE-190"},
]  # fmt: skip


def write(tmp_path: Path) -> Path:
    path = tmp_path / "code.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n")
    return path


def test_report_counts_hits_per_cwe_and_language(tmp_path: Path) -> None:
    report = evaluate_code(load_rows(write(tmp_path)))
    assert (report.any_finding.tp, report.any_finding.fp, report.any_finding.fn) == (2, 0, 1)
    assert report.same_cwe.tp == 2  # CWE-120 (strcpy) counts for a CWE-787 label: same family
    assert report.per_language["c"].recall == 0.5
    assert report.per_cwe["CWE-78"].precision == 1.0
    assert report.latency.items == 4


def test_cli_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "code", "--data", str(write(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["recall"] == round(2 / 3, 4)
    assert set(data["per_language"]) == {"python", "c"}


def test_cwe_families() -> None:
    assert same_family("CWE-120", "CWE-787")
    assert same_family("CWE-94", "CWE-95")
    assert not same_family("CWE-78", "CWE-89")
