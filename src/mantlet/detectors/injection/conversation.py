"""Scan a whole conversation: each message on its own (with its role's mode), then the
messages of each party joined, so an attack split over several turns is still seen.

Spans refer to the transcript: the messages' contents joined by `SEPARATOR`, in order
(`transcript(messages)`). `locate(messages, offset)` turns a transcript offset back into
(message index, offset in that message); each finding's reason also names its messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate

from mantlet.detectors.injection.detector import InjectionDetector
from mantlet.detectors.injection.modes import Mode, mode_for_role
from mantlet.engine import Engine
from mantlet.findings import Finding
from mantlet.text import Document

SEPARATOR = "\n\n"
Message = tuple[str, str]  # (role, content)


def transcript(messages: Sequence[Message]) -> str:
    return SEPARATOR.join(content for _, content in messages)


def message_starts(messages: Sequence[Message]) -> list[int]:
    """The transcript offset where each message's content begins."""
    lengths = [len(content) + len(SEPARATOR) for _, content in messages]
    return [0, *accumulate(lengths)][: len(messages)]


def locate(messages: Sequence[Message], offset: int) -> tuple[int, int]:
    """(message index, offset inside it) of a transcript offset."""
    starts = message_starts(messages)
    index = max((i for i, s in enumerate(starts) if s <= offset), default=0)
    return index, offset - starts[index]


def _default_engine() -> Engine:
    return Engine([InjectionDetector()])


def scan_conversation(messages: Sequence[Message], engine: Engine | None = None) -> list[Finding]:
    """Injection findings for a conversation, spans in `transcript(messages)`.

    System and assistant messages are skipped (they are ours). Each party's messages
    (direct: user; indirect: tool, document ...) are also scanned joined, and a cross-turn
    finding is kept when its span crosses messages (and, for the classifier alone, when the
    joined text scores higher than every message alone).
    """
    engine = engine or _default_engine()
    starts = message_starts(messages)
    findings: list[Finding] = []
    best_alone: dict[Mode, float] = {}
    parties: dict[Mode, list[int]] = {}
    for i, (role, content) in enumerate(messages):
        if role.strip().lower() in ("system", "assistant"):
            continue
        mode = mode_for_role(role)
        parties.setdefault(mode, []).append(i)
        result = engine.scan(Document(content, role=role))
        best_alone[mode] = max([best_alone.get(mode, 0.0), *result.scores.values()])
        for f in result.findings:
            findings.append(
                replace(
                    f,
                    start=f.start + starts[i],
                    end=f.end + starts[i],
                    reason=f"{f.reason}; message={i}",
                )
            )
    for mode, indexes in parties.items():
        if len(indexes) < 2:
            continue
        joined, origins = _join([messages[i][1] for i in indexes], [starts[i] for i in indexes])
        role = messages[indexes[0]][0]
        result = engine.scan(Document(joined, role=role))
        for f in result.findings:
            start, end = origins(f.start), origins(max(f.end - 1, f.start)) + 1
            first, last = locate(messages, start)[0], locate(messages, end - 1)[0]
            by_model_only = f.label.startswith("CLASSIFIER")
            if first == last or (by_model_only and f.score <= best_alone.get(mode, 0.0)):
                continue  # seen in one message already, or no better than the messages alone
            findings.append(
                replace(
                    f,
                    start=start,
                    end=end,
                    reason=f"{f.reason}; messages={first}-{last}; cross_turn",
                )
            )
    return sorted(findings, key=lambda f: (f.start, f.end, f.label))


def _join(contents: Sequence[str], starts: Sequence[int]) -> tuple[str, Callable[[int], int]]:
    """Contents joined by a newline, and a function from a joined offset to a transcript one."""
    pieces: list[tuple[int, int, int]] = []  # (joined start, joined end, transcript start)
    pos = 0
    for content, origin in zip(contents, starts, strict=True):
        pieces.append((pos, pos + len(content), origin))
        pos += len(content) + 1

    def origin_of(offset: int) -> int:
        for lo, hi, origin in pieces:
            if offset <= hi:
                return origin + max(0, min(offset, hi) - lo)
        lo, hi, origin = pieces[-1]
        return origin + (hi - lo)

    return "\n".join(contents), origin_of
