"""The hash chain: each stored event carries the hash of the one before it.

An event is stored as canonical JSON text (`body`). Its link hash is SHA-256 over its
sequence number, the previous link hash and that exact text, so any edit of an event,
any deletion and any reordering breaks a link that `ChainChecker` finds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import orjson

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept (orjson: fast on the hot
    path). Verification hashes the stored text itself, so it never depends on re-encoding."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def link_hash(seq: int, prev_hash: str, body: str) -> str:
    return hashlib.sha256(f"{seq}\n{prev_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event ready to be chained: its id, time and canonical body."""

    event_id: str
    time: str
    body: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of the audit table."""

    seq: int
    event_id: str
    time: str
    prev_hash: str
    hash: str
    body: str

    def event(self) -> dict[str, Any]:
        value = json.loads(self.body)
        if not isinstance(value, dict):
            raise ValueError(f"audit event {self.seq} is not a JSON object")
        return value


def chain(pending: list[PendingEvent], head_seq: int, head_hash: str) -> list[StoredEvent]:
    """Link new events after the current head (the caller holds the chain's lock)."""
    stored: list[StoredEvent] = []
    seq, prev = head_seq, head_hash
    for item in pending:
        seq += 1
        digest = link_hash(seq, prev, item.body)
        stored.append(StoredEvent(seq, item.event_id, item.time, prev, digest, item.body))
        prev = digest
    return stored


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """OK, or the first broken link: where (sequence number, event id) and why."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: str | None = None
    reason: str = ""
    head_hash: str = ""

    def describe(self) -> str:
        if self.ok and not self.checked:
            return "OK: 0 events"
        if self.ok:
            # The head hash is an anchor: kept elsewhere, it exposes a later rewrite of
            # the whole chain (`mantlet audit verify --anchor SEQ:HASH`).
            return (
                f"OK: {self.checked} events, chain intact; anchor {self.checked}:{self.head_hash}"
            )
        where = f"seq {self.broken_seq}" if self.broken_seq is not None else "the chain head"
        where += f" (event {self.broken_id})" if self.broken_id else ""
        return f"BROKEN at {where}: {self.reason} ({self.checked} events before it are intact)"


class ChainChecker:
    """Walks stored events in sequence order and stops at the first broken link."""

    def __init__(self, anchors: dict[int, str] | None = None) -> None:
        self.checked = 0
        self._expected_seq = 1
        self._prev = GENESIS
        self._anchors = dict(anchors or {})
        self.failure: VerifyResult | None = None

    def feed(self, row: StoredEvent) -> bool:
        """Check one row; False (and `failure` set) at the first problem."""
        reason = self._problem(row)
        if reason:
            self.failure = VerifyResult(False, self.checked, row.seq, row.event_id, reason)
            return False
        self.checked += 1
        self._expected_seq += 1
        self._prev = row.hash
        return True

    def finish(self, head: tuple[int, str] | None) -> VerifyResult:
        """The verdict, also checking the head row so deletions at the end are found."""
        if self.failure is not None:
            return self.failure
        if head is None:
            return VerifyResult(False, self.checked, None, None, "chain head row is missing")
        head_seq, head_hash = head
        if head_seq != self._expected_seq - 1 or head_hash != self._prev:
            return VerifyResult(
                False,
                self.checked,
                self._expected_seq if head_seq >= self._expected_seq else head_seq,
                None,
                f"chain head says {head_seq} events but {self.checked} are stored "
                "(events deleted from the end, or the head was edited)",
            )
        if self._anchors:
            seq = min(self._anchors)
            return VerifyResult(
                False, self.checked, seq, None, "anchored event is missing (chain truncated)"
            )
        return VerifyResult(True, self.checked, head_hash=head_hash)

    def _problem(self, row: StoredEvent) -> str:
        if row.seq != self._expected_seq:
            return (
                f"expected seq {self._expected_seq}, found {row.seq} (event deleted or reordered)"
            )
        if row.prev_hash != self._prev:
            return "previous-hash link does not match the event before (deleted or reordered)"
        if link_hash(row.seq, row.prev_hash, row.body) != row.hash:
            return "event content does not match its hash (edited)"
        try:
            event = row.event()
        except ValueError:
            return "event body is not valid JSON (edited)"
        if event.get("id") != row.event_id or event.get("time") != row.time:
            return "event id or time column differs from the hashed body (edited)"
        anchored = self._anchors.pop(row.seq, None)
        if anchored is not None and anchored != row.hash:
            return "hash differs from the anchor recorded earlier (chain rewritten)"
        return ""
