"""What one audit event holds: one per gateway request, never raw content in the clear."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, TypedDict

from mantlet.findings import Finding


class AuditEvent(TypedDict, total=False):
    """The fields the gateway records. `id` and `time` are set by `AuditLog.append`.

    `raw` (the request and response text) is only accepted when the log has a content
    key; it is then stored AES-GCM encrypted as `raw_encrypted`, never in the clear.
    """

    id: str
    time: str
    who: str
    role: str
    env: str
    key_id: str | None
    model: str
    route: str
    status: int
    policy_version: str
    decisions: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    tokens: dict[str, int]
    latency_ms: dict[str, float]
    request_hash: str
    response_hash: str
    error: str
    raw: dict[str, str]


def content_hash(data: bytes | str) -> str:
    """`sha256:<hex>` of request or response bytes: proves what passed without keeping it."""
    raw = data.encode() if isinstance(data, str) else data
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def masked_findings(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as audit records: label, place, score and masked evidence only."""
    return [dict(finding.to_dict()) for finding in findings]
