"""SARIF 2.1.0 logs from findings, in the shape GitHub code scanning accepts.

One rule per `detector/label`, described from `Detector.rule_metadata(label)` where a detector
provides it; one result per finding, located by file and region, its level from severity.
Messages quote only masked evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from mantlet.findings import Finding, Severity
from mantlet.registry import detector_classes
from mantlet.reports.locations import Region

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mantlet/mantlet"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub ranks security alerts by this number (0-10) on the rule.
SECURITY_SEVERITY = {
    Severity.CRITICAL: 9.5,
    Severity.HIGH: 8.0,
    Severity.MEDIUM: 5.5,
    Severity.LOW: 3.0,
    Severity.INFO: 1.0,
}


_GENERIC_HELP = "Review the flagged text; `mantlet redact` can mask or remove it."
_DEFAULT_HELP = {
    "SECRET": "Remove the credential from the file and rotate it: it must be treated as leaked.",
    "PII": "Remove or redact the personal data (`mantlet redact --mode redact`).",
    "HIDDEN_TEXT": "Remove the hidden characters (`mantlet redact` strips them).",
}


def rule_id(finding: Finding) -> str:
    return f"{finding.detector}/{finding.label}"


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (forward slashes, unsafe characters escaped)."""
    return quote(path.replace("\\", "/"), safe="/:@-._~")


class SarifLog:
    """Collects findings from one run and renders the SARIF log."""

    def __init__(self, *, tool_name: str = "mantlet", version: str | None = None) -> None:
        if version is None:
            from mantlet import __version__ as version
        self._tool = {"name": tool_name, "version": version, "informationUri": INFORMATION_URI}
        self._rules: dict[str, dict[str, Any]] = {}
        self._rule_index: dict[str, int] = {}
        self._rule_severity: dict[str, Severity] = {}
        self._results: list[dict[str, Any]] = []

    def add(self, finding: Finding, uri: str, region: Region | None = None) -> None:
        rid = rule_id(finding)
        if rid not in self._rules:
            self._rule_index[rid] = len(self._rules)
            self._rules[rid] = _rule(finding)
        previous = self._rule_severity.get(rid)
        if previous is None or finding.severity.rank > previous.rank:
            self._rule_severity[rid] = finding.severity
        location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(uri)}}
        if region is not None:
            location["region"] = {
                "startLine": region.start_line,
                "startColumn": region.start_column,
                "endLine": region.end_line,
                "endColumn": region.end_column,
            }
        evidence = f" ({finding.evidence})" if finding.evidence else ""
        self._results.append(
            {
                "ruleId": rid,
                "ruleIndex": self._rule_index[rid],
                "level": LEVELS[finding.severity],
                "message": {"text": f"{finding.label}{evidence}: {finding.reason or rid}"},
                "locations": [{"physicalLocation": location}],
                "properties": {
                    "category": finding.category.value,
                    "severity": finding.severity.value,
                    "score": round(finding.score, 4),
                },
            }
        )

    def extend(self, findings: Iterable[tuple[Finding, str, Region | None]]) -> None:
        for finding, uri, region in findings:
            self.add(finding, uri, region)

    def to_dict(self) -> dict[str, Any]:
        rules = []
        for rid, rule in self._rules.items():
            severity = self._rule_severity[rid]
            properties = dict(rule["properties"])
            properties["security-severity"] = f"{SECURITY_SEVERITY[severity]:.1f}"
            rules.append(
                {
                    **rule,
                    "defaultConfiguration": {"level": LEVELS[severity]},
                    "properties": properties,
                }
            )
        return {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {**self._tool, "rules": rules}},
                    "columnKind": "unicodeCodePoints",
                    "results": self._results,
                }
            ],
        }


def _rule(finding: Finding) -> dict[str, Any]:
    detector = detector_classes().get(finding.detector)
    metadata = detector.rule_metadata(finding.label) if detector is not None else {}
    category = finding.category.value
    reason = finding.reason[:1].upper() + finding.reason[1:]
    short = str(metadata.get("description") or reason or f"{category} {finding.label} in text")
    help_text = str(metadata.get("help") or _DEFAULT_HELP.get(category, _GENERIC_HELP))
    tags = ["security", category.lower()]
    tags += [str(t) for t in _as_list(metadata.get("tags"))]
    tags += [f"OWASP {o}" for o in _as_list(metadata.get("owasp"))]
    return {
        "id": rule_id(finding),
        "name": finding.label.title().replace("_", "").replace("-", ""),
        "shortDescription": {"text": short},
        "fullDescription": {"text": f"{short} (detector {finding.detector})."},
        "help": {"text": help_text},
        "properties": {"tags": list(dict.fromkeys(tags))},
    }


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    return [value]
