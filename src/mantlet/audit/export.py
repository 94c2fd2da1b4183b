"""`mantlet audit export`: chained events as JSON Lines, for a SIEM or an auditor."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TextIO

from mantlet.audit.store import AuditStore, iter_events
from mantlet.errors import InputError


def time_bound(text: str) -> str:
    """A date (`2026-11-21`) or ISO time, as the UTC text form events are stored with."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"invalid date {text!r}: expected YYYY-MM-DD or an ISO 8601 time"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def export_jsonl(
    store: AuditStore, out: TextIO, since: str | None = None, until: str | None = None
) -> int:
    """Write events from `since` (inclusive) to `until` (exclusive), one JSON object a line.

    Each line is the stored event plus `chain` (seq, prev_hash, hash), so an exported
    range can still be checked link by link.
    """
    count = 0
    async for row in iter_events(store, since, until):
        event = row.event()
        event["chain"] = {"seq": row.seq, "prev_hash": row.prev_hash, "hash": row.hash}
        out.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
