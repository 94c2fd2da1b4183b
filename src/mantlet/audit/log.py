"""`AuditLog`: the gateway's append call, cheap on the hot path, never losing an event.

`append` stamps and serializes the event and puts it on a bounded queue; one background
task writes whatever has queued up as a single chained batch. An accepted event is never
dropped: a failed batch is retried with back-off until it is written, and `aclose`
flushes before returning. When the store is slow the queue fills and `append` waits
(back-pressure); after `append_timeout` it refuses the new event (AuditUnavailable), so
the request fails closed instead of hanging.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from mantlet.audit.chain import PendingEvent, canonical_json
from mantlet.audit.content import encrypt_content
from mantlet.audit.store import AuditStore
from mantlet.errors import ConfigError, InputError, MantletError

log = logging.getLogger("mantlet.audit")


class AuditUnavailable(MantletError):
    """The store is not taking events: a new one was refused, or a flush timed out."""


def utc_now_iso() -> str:
    """Audit timestamps: UTC, microseconds, fixed width, so text order is time order."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class AuditLog:
    """Append-only, hash-chained audit events over any `AuditStore`."""

    def __init__(
        self,
        store: AuditStore,
        *,
        content_key: bytes | None = None,
        queue_size: int = 10_000,
        batch_size: int = 500,
        append_timeout: float = 5.0,
    ) -> None:
        self.store = store
        self._content_key = content_key
        self._queue: asyncio.Queue[PendingEvent] = asyncio.Queue(maxsize=queue_size)
        self._batch_size = batch_size
        self._append_timeout = append_timeout
        self._writer: asyncio.Task[None] | None = None
        self._in_flight = 0
        self.written = 0
        self.last_error: str | None = None

    @property
    def pending(self) -> int:
        """Events accepted but not yet committed to the store."""
        return self._queue.qsize() + self._in_flight

    async def append(self, event: dict[str, Any]) -> str:
        """Queue one event and return the id it is given; `id` and `time` are always set here.

        Raw content (`raw`) is accepted only when the log has a content key, and stored
        encrypted; without one it is refused rather than written in the clear.
        """
        record = dict(event)
        event_id = "evt_" + uuid.uuid4().hex
        record["id"] = event_id
        record["time"] = utc_now_iso()
        raw = record.pop("raw", None)
        if raw is not None:
            if self._content_key is None:
                raise ConfigError("raw content auditing is enabled but no content key is set")
            record["raw_encrypted"] = encrypt_content(self._content_key, event_id, raw)
        try:
            body = canonical_json(record)
        except (TypeError, ValueError) as error:
            raise InputError(f"audit event is not JSON-serializable: {error}") from None
        self._ensure_writer()
        pending = PendingEvent(event_id, record["time"], body)
        try:
            self._queue.put_nowait(pending)
        except asyncio.QueueFull:
            try:  # back-pressure; past the deadline the caller answers 503, not silence
                await asyncio.wait_for(self._queue.put(pending), self._append_timeout)
            except TimeoutError:
                raise AuditUnavailable(
                    f"audit queue full for {self._append_timeout}s ({self.last_error})"
                ) from None
        return event_id

    async def flush(self) -> None:
        """Wait until every event appended so far is committed."""
        if self._writer is not None:
            await self._queue.join()

    async def aclose(self, timeout: float | None = 30.0) -> None:
        """Flush, stop the writer and close the store; raise if the flush timed out."""
        try:
            await asyncio.wait_for(self.flush(), timeout)
        except TimeoutError:
            raise AuditUnavailable(
                f"{self.pending} audit events not written within {timeout}s ({self.last_error})"
            ) from None
        finally:
            if self._writer is not None:
                self._writer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._writer
                self._writer = None
        await self.store.aclose()

    def _ensure_writer(self) -> None:
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_forever(), name="mantlet-audit-writer")

    async def _write_forever(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._batch_size:
                try:
                    batch.append(self._queue.get_nowait())
                except asyncio.QueueEmpty:
                    break
            self._in_flight = len(batch)
            await self._write_until_done(batch)
            self._in_flight = 0
            self.written += len(batch)
            for _ in batch:
                self._queue.task_done()

    async def _write_until_done(self, batch: list[PendingEvent]) -> None:
        delay = 0.05
        while True:
            try:
                await self.store.append_batch(batch)
            except Exception as error:  # keep the events; retry until the store is back
                self.last_error = f"{type(error).__name__}: {error}"
                log.warning(
                    "audit write failed, retrying",
                    extra={"events": len(batch), "error": type(error).__name__},
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            else:
                self.last_error = None
                return
