"""The audit log: one hash-chained event per gateway request, in SQLite or PostgreSQL."""

from __future__ import annotations

from mantlet.audit.chain import StoredEvent, VerifyResult
from mantlet.audit.content import decrypt_content, load_or_create_content_key
from mantlet.audit.events import AuditEvent, content_hash, masked_findings
from mantlet.audit.log import AuditLog, AuditUnavailable
from mantlet.audit.store import AuditStore, iter_events, open_audit_store, verify_store

__all__ = [
    "AuditEvent",
    "AuditLog",
    "AuditStore",
    "AuditUnavailable",
    "StoredEvent",
    "VerifyResult",
    "content_hash",
    "decrypt_content",
    "iter_events",
    "load_or_create_content_key",
    "masked_findings",
    "open_audit_store",
    "verify_store",
]
