"""Any single edit, deletion or reordering of a chain is found (property-based)."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from mantlet.audit.chain import ChainChecker, PendingEvent, StoredEvent, canonical_json, chain

SIZE = 6


def build() -> list[StoredEvent]:
    pending = [
        PendingEvent(
            f"evt_{i}",
            f"2026-01-01T00:00:0{i}.000000Z",
            canonical_json({"id": f"evt_{i}", "time": f"2026-01-01T00:00:0{i}.000000Z", "n": i}),
        )
        for i in range(SIZE)
    ]
    return chain(pending, 0, "0" * 64)


def verdict(rows: list[StoredEvent], head: tuple[int, str] | None) -> bool:
    checker = ChainChecker()
    for row in rows:
        if not checker.feed(row):
            break
    return checker.finish(head).ok


def test_an_untouched_chain_verifies() -> None:
    rows = build()
    assert verdict(rows, (rows[-1].seq, rows[-1].hash))


@given(
    index=st.integers(0, SIZE - 1),
    field=st.sampled_from(["body", "prev_hash", "hash", "event_id", "time"]),
    position=st.integers(0, 200),
    char=st.characters(codec="utf-8"),
)
def test_any_edit_is_found(index: int, field: str, position: int, char: str) -> None:
    rows = build()
    head = (rows[-1].seq, rows[-1].hash)
    value: str = getattr(rows[index], field)
    at = position % (len(value) + 1)
    edited = value[:at] + char + value[at + 1 :]
    if edited == value:
        return
    rows[index] = dataclasses.replace(rows[index], **{field: edited})
    assert not verdict(rows, head)


@given(index=st.integers(0, SIZE - 1))
def test_any_deletion_is_found(index: int) -> None:
    rows = build()
    head = (rows[-1].seq, rows[-1].hash)
    del rows[index]
    assert not verdict(rows, head)


@given(first=st.integers(0, SIZE - 1), second=st.integers(0, SIZE - 1), renumber=st.booleans())
def test_any_reordering_is_found(first: int, second: int, renumber: bool) -> None:
    rows = build()
    head = (rows[-1].seq, rows[-1].hash)
    if first == second:
        return
    rows[first], rows[second] = rows[second], rows[first]
    if renumber:  # the attacker also rewrites the sequence numbers to look consecutive
        rows = [dataclasses.replace(row, seq=i + 1) for i, row in enumerate(rows)]
    assert not verdict(rows, head)
